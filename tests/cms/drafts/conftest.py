from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from accounts.groups import EDITORS
from cohorts.models import Role
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    InquiryFactory,
    MembershipFactory,
    UserFactory,
)


@dataclass
class Drafting:
    """A participant with a cycle of three entries, their coach, a fellow participant,
    a coach of another cohort, and two editors."""

    owner: object
    coach: object
    fellow: object
    outsider: object
    editor: object
    second_editor: object
    inquiry: object
    cycle: object
    entries: list

    def person(self, role):
        return None if role == "anonymous" else getattr(self, role)


def make_editor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def drafting(index):
    cohort = CohortFactory(name="Wrexham 2026")
    owner = MembershipFactory(cohort=cohort, role=Role.PARTICIPANT, user__display_name="Ana").user
    inquiry = InquiryFactory(
        owner=owner, cohort=cohort, visibility="coaches", title="Meeting people at the bus station"
    )
    cycle = CycleFactory(inquiry=inquiry, number=1)
    entries = [
        EntryFactory(cycle=cycle, kind="action", body="Met the *outreach* team."),
        EntryFactory(cycle=cycle, kind="action", body="Private: what the sergeant told me."),
        EntryFactory(cycle=cycle, kind="reflection", body="## So what\n\nTrust takes time."),
    ]
    return Drafting(
        owner=owner,
        coach=MembershipFactory(cohort=cohort, role=Role.COACH, user__display_name="Cerys").user,
        fellow=MembershipFactory(cohort=cohort, role=Role.PARTICIPANT).user,
        outsider=MembershipFactory(cohort=CohortFactory(), role=Role.COACH).user,
        editor=make_editor(display_name="Evan Editor"),
        second_editor=make_editor(display_name="Eira Editor"),
        inquiry=inquiry,
        cycle=cycle,
        entries=entries,
    )


@pytest.fixture
def draft(drafting):
    from cms.drafts import services

    return services.draft_start(
        owner=drafting.owner,
        cycle=drafting.cycle,
        entry_ids=[drafting.entries[0].pk, drafting.entries[2].pk],
    )
