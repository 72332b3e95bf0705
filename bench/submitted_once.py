"""The same form sent twice at the same moment, on a real database.

For each form that creates something (a new cohort, an invitation, a new cycle, an
expression of interest, accepting an invitation), two threads, each with its own
database connection, post the same data at once (a barrier starts them together),
as a double click reaching two server processes does. Prints, for each form, how many
pairs answered both sends with the same redirect, how many rows were made, the status
codes and the invitation emails sent. Not a test: run it and report the figures
(docs/decisions.md, "One submission, one record").

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cylch_race  # or sqlite:////tmp/r.db
    .venv/bin/python bench/submitted_once.py --pairs 30

The database named is migrated and filled with throwaway people: give it one of its own.
"""

import argparse
import os
import sys
import threading
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Name a throwaway database in DATABASE_URL: this fills it with test people.")
    # The test settings: email kept in memory (mail.outbox), a fast password hasher.
    os.environ["DJANGO_SETTINGS_MODULE"] = "cylch.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def send_at_once(user, url, data) -> list[tuple[int, str | None]]:
    """Two posts of ``data`` by ``user``, started together; their status and redirect."""
    from django.db import connection
    from django.test import Client

    barrier, answers = threading.Barrier(2), []

    def send():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        barrier.wait()
        response = client.post(url, data)
        answers.append((response.status_code, response.get("Location")))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def report(name: str, pairs: list, rows: int) -> None:
    same = sum(1 for a in pairs if len(a) == 2 and a[0] == a[1] and a[0][0] == 302)
    statuses = Counter(status for a in pairs for status, _location in a)
    print(
        f"{name}: {len(pairs)} pairs, both sends answered with the same redirect: {same}, "
        f"rows made: {rows}, answers: {dict(sorted(statuses.items()))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=30, help="pairs of sends per form")
    n_pairs = parser.parse_args().pairs
    setup()

    from django.contrib.auth.models import Group
    from django.core import mail
    from django.urls import reverse

    from accounts.groups import FACILITATORS
    from cohorts import services
    from cohorts.models import Cohort, ExpressionOfInterest, Invitation, Membership, Role
    from inquiries.models import Cycle
    from tests import factories

    run = uuid.uuid4().hex[:8]  # so a second run on the same database counts its own rows
    for factory in (
        factories.UserFactory,
        factories.IssueFactory,
        factories.OrganisationFactory,
        factories.CohortFactory,
        factories.InquiryFactory,
    ):
        factory.reset_sequence(int(run, 16))  # names and addresses unused by an earlier run
    facilitator = factories.MembershipFactory(role=Role.FACILITATOR).user
    facilitator.groups.add(Group.objects.get(name=FACILITATORS))
    cohort = Cohort.objects.get(memberships__user=facilitator)
    cohort.capacity = 2 * n_pairs + 10
    cohort.save()
    owner = factories.MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user

    url = reverse("cohorts:cohort_create", args=[cohort.issue.slug])
    pairs = [
        send_at_once(
            facilitator,
            url,
            {
                "name": f"Race {run} {n}",
                "place": "Rhyl",
                "starts_on": "2027-01-01",
                "ends_on": "2027-06-30",
                "capacity": "12",
                "submission_key": uuid.uuid4(),
            },
        )
        for n in range(n_pairs)
    ]
    report("new cohort", pairs, Cohort.objects.filter(name__startswith=f"Race {run}").count())

    mail.outbox.clear()
    url = reverse("cohorts:invitations", args=[cohort.slug])
    pairs = [
        send_at_once(
            facilitator,
            url,
            {
                "email": f"race{n}@example.org",
                "role": Role.PARTICIPANT,
                "submission_key": uuid.uuid4(),
            },
        )
        for n in range(n_pairs)
    ]
    report("invitation", pairs, Invitation.objects.filter(cohort=cohort).count())
    print(f"  invitation emails sent: {len(mail.outbox)}")

    pairs = []
    for _n in range(n_pairs):
        inquiry = factories.InquiryFactory(owner=owner, cohort=cohort)
        url = reverse("inquiries:cycle_start", args=[inquiry.pk])
        data = {"intention": "Try.", "submission_key": uuid.uuid4()}
        pairs.append(send_at_once(owner, url, data))
    report("new cycle", pairs, Cycle.objects.filter(inquiry__owner=owner).count())

    pairs = []
    for n in range(n_pairs):
        url = reverse("cohorts:interest_save", args=[factories.IssueFactory().slug])
        data = {
            "new_organisation": f"Race {run} organisation {n}",
            "role_in_organisation": "Volunteer",
            "wants_to_work_on": "Food.",
        }
        pairs.append(send_at_once(owner, url, data))
    report("interest", pairs, ExpressionOfInterest.objects.filter(user=owner).count())

    pairs = []
    for _n in range(n_pairs):
        joiner = factories.UserFactory()
        _invitation, token = services.invitation_create(
            cohort=cohort, email=joiner.email, role=Role.PARTICIPANT, invited_by=facilitator
        )
        url = reverse("cohorts:invitation", args=[token])
        pairs.append(send_at_once(joiner, url, {"new_organisation": "Shelter Cymru"}))
    joined = Membership.objects.filter(cohort=cohort).exclude(user__in=[facilitator, owner])
    report("accepting an invitation", pairs, joined.count())


if __name__ == "__main__":
    main()
