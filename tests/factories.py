"""Factories for the test suite. Chains stay consistent (membership → cohort → issue)."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.groups import STAFF
from accounts.models import User
from cohorts.models import (
    Cohort,
    CohortStatus,
    ExpressionOfInterest,
    Issue,
    Membership,
    Organisation,
    Role,
    Sector,
)

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A person who can sign in: their email address is verified, as allauth requires."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    """A member of the site-wide Staff group (not a superuser)."""

    @factory.post_generation
    def staff_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=STAFF))


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    title = factory.Sequence(lambda n: f"Shared issue {n}")
    slug = factory.Sequence(lambda n: f"shared-issue-{n}")
    summary = "What this issue is about."


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = Sector.COUNCIL
    verified = True


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Cohort {n}")
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    issue = factory.SubFactory(IssueFactory)
    place = "Wrexham"
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2027, 3, 31)
    capacity = 100
    status = CohortStatus.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    cohort = factory.SubFactory(CohortFactory)
    role = Role.PARTICIPANT
    organisation = factory.SubFactory(OrganisationFactory)
    role_in_organisation = "Practitioner"


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    user = factory.SubFactory(UserFactory)
    issue = factory.SubFactory(IssueFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role_in_organisation = "Team leader"
    wants_to_work_on = "How agencies could share what they see earlier."


# Inquiries. The owner is a participant of the inquiry's cohort.


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inquiries.Inquiry"
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Inquiry {n}")
    question = "How might I help people find support sooner?"
    why_it_matters = "Because people fall between our services."
    visibility = "coaches"

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        """The owner belongs to the cohort, unless membership=False is passed."""
        if create and extracted is not False:
            Membership.objects.get_or_create(
                user=self.owner, cohort=self.cohort, defaults={"role": Role.PARTICIPANT}
            )


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inquiries.Cycle"

    inquiry = factory.SubFactory(InquiryFactory)
    number = factory.Sequence(lambda n: n + 1)
    intention = "Ask the front desk what people ask for first."


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inquiries.Entry"

    cycle = factory.SubFactory(CycleFactory)
    kind = "action"
    body = "Met the outreach team."
    body_html = "<p>Met the outreach team.</p>"
