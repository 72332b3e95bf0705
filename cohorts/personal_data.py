"""Cohorts' part of a person's export (the protocol: accounts/personal_data.py):
the cohorts they belong to and the interest they expressed in shared issues."""

from accounts.personal_data import stamp

from .models import ExpressionOfInterest, Membership


def sections(user):
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("cohort__issue", "organisation")
        .order_by("joined_at", "pk")
    )
    yield (
        "memberships",
        (
            {
                "cohort": membership.cohort.name,
                "issue": membership.cohort.issue.title,
                "role": membership.role,
                "organisation": membership.organisation.name if membership.organisation else "",
                "role_in_organisation": membership.role_in_organisation,
                "joined_at": stamp(membership.joined_at),
            }
            for membership in memberships
        ),
    )
    interests = (
        ExpressionOfInterest.objects.filter(user=user)
        .select_related("issue", "organisation")
        .order_by("created_at", "pk")
    )
    yield (
        "expressions_of_interest",
        (
            {
                "issue": interest.issue.title,
                "organisation": interest.organisation.name if interest.organisation else "",
                "role_in_organisation": interest.role_in_organisation,
                "wants_to_work_on": interest.wants_to_work_on,
                "created_at": stamp(interest.created_at),
            }
            for interest in interests
        ),
    )


def files(user):
    return iter(())
