"""Shared issues, the organisations people come from, cohorts and who belongs to them."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from accounts.groups import is_programme_staff
from kernel.characters import validate_one_line, validate_text
from kernel.search_index import reindex
from kernel.submissions import submission_key_field


class Sector(models.TextChoices):
    POLICE = "police", _("Police and justice")
    HEALTH = "health", _("Health and care")
    COUNCIL = "council", _("Local government")
    FIRE = "fire", _("Fire and rescue")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    CIVIL_SERVICE = "civil_service", _("Central government")
    CHARITY = "charity", _("Charity and community")
    OTHER = "other", _("Other")


class Issue(index.Indexed, models.Model):
    """One shared issue a cohort forms around, such as drugs in a town or ageing well."""

    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("A short name for the issue."),
    )
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("Used in the address: /issues/<slug>/.")
    )
    summary = models.TextField(
        _("summary"),
        validators=[validate_text],
        help_text=_("What the issue is about, in a paragraph or two, for the public."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Public search (/search/) finds an issue by what its public page says; admin
    # choosers complete part of its title.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("shared issue")
        verbose_name_plural = _("shared issues")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cohorts:issue_detail", args=[self.slug])


class Organisation(models.Model):
    """An agency people work for. A name typed by a person creates an unverified one."""

    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("The organisation's usual name."),
    )
    sector = models.CharField(
        _("sector"),
        max_length=20,
        choices=Sector.choices,
        default=Sector.OTHER,
        help_text=_("The part of public life it belongs to; used for the agency mix."),
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked by staff. Unverified ones were typed in by people signing up."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="cohorts_organisation_name_ci_unique"),
        ]

    def __str__(self):
        return self.name

    def get_sector_display(self) -> str:
        # Django's own rebuilds a dict of every choice on each call (90 µs): the cohort
        # page and its map name the sector of each of up to 60 organisations.
        try:
            return str(Sector(self.sector).label)
        except ValueError:  # a value no longer among the choices, shown as stored
            return self.sector


class CohortStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


def count_of(queryset):
    """A subquery counting the rows of a queryset correlated to an outer cohort."""
    counted = queryset.order_by().values("cohort").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


class CohortQuerySet(models.QuerySet):
    def for_member(self, user):
        """Cohorts the user belongs to, in any role; none for anonymous visitors."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def visible_to(self, user):
        """Cohorts whose pages the user may open: their own, in any role; staff see every
        cohort; anonymous visitors none. A removed member loses the cohort at once."""
        if not user.is_authenticated:
            return self.none()
        if is_programme_staff(user):
            return self.all()
        return self.for_member(user)

    def with_places_taken(self):
        """Adds ``places_taken``: the one count the capacity is checked against.

        A place is taken by each member, in every role, and by each invitation
        still holding one (``Invitation.objects.holding_a_place()``).
        """
        members = Membership.objects.filter(cohort=OuterRef("pk"))
        invited = Invitation.objects.holding_a_place().filter(cohort=OuterRef("pk"))
        return self.annotate(places_taken=count_of(members) + count_of(invited))

    def with_public_counts(self):
        """Each cohort with what the public may know of who takes part: counts, never names.

        Adds ``member_count``, ``organisation_count`` and ``sector_count``. Issue pages
        and open data show these and nothing else about a cohort's people.
        """
        return self.annotate(
            member_count=Count("memberships", distinct=True),
            organisation_count=Count("memberships__organisation", distinct=True),
            sector_count=Count("memberships__organisation__sector", distinct=True),
        )


class Cohort(index.Indexed, models.Model):
    """A group of people from different agencies working on one issue together."""

    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("e.g. 'Wrexham 2026'."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Used in the address: /cohorts/<slug>/."),
    )
    issue = models.ForeignKey(
        Issue, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("issue")
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("Where the cohort works: a town, county or area."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=20, help_text=_("How many members it can hold, in every role.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CohortStatus.choices, default=CohortStatus.FORMING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = submission_key_field()

    objects = CohortQuerySet.as_manager()

    # Public search (/search/) finds a cohort by the public facts its issue's page shows,
    # and by its issue's title; never by anything about its people.
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("place"),
        index.RelatedFields("issue", [index.SearchField("title")]),
        index.AutocompleteField("name"),  # admin choosers complete part of a word
    ]

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="cohorts_cohort_ends_after_it_starts",
                violation_error_message=_("A cohort must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cohorts:cohort_detail", args=[self.slug])

    def get_public_url(self):
        """Where the public reads this cohort's facts: its row on its issue's page."""
        return f"{self.issue.get_absolute_url()}#cohort-{self.slug}"

    @property
    def is_closed(self) -> bool:
        return self.status == CohortStatus.CLOSED


def reindex_cohorts_of(sender, instance, created=False, raw=False, **kwargs):
    """A cohort is indexed with its issue's title: keep it found by the new title."""
    if not (created or raw):
        reindex(Cohort.objects.filter(issue=instance))


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    COACH = "coach", _("Coach")
    FACILITATOR = "facilitator", _("Facilitator")


class Membership(models.Model):
    """A person's place in a cohort. One per person and cohort."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    role_in_organisation = models.CharField(
        _("role in their organisation"),
        max_length=200,
        blank=True,
        help_text=_("Free text, in their own words. Never used to sort or rank."),
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cohort"], name="cohorts_one_membership_per_cohort"
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.cohort} ({self.get_role_display()})"


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


def hash_token(token: str) -> str:
    """Invitations keep only a hash of their token, so a database leak opens no cohort."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def by_token(self, token: str):
        return self.filter(token_hash=hash_token(token))

    def holding_a_place(self):
        """Invitations waiting for an answer: each holds a place until it expires.

        ``Invitation.holds_a_place`` says the same of one invitation already read.
        """
        return self.filter(state=InvitationState.PENDING, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation to join a cohort in a role, sent to an email address, used once."""

    VALID_FOR_DAYS = 14

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role_in_organisation = models.CharField(max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(
        max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING
    )
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    submission_key = submission_key_field()

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "cohort",
                Lower("email"),
                condition=Q(state=InvitationState.PENDING),
                name="cohorts_one_pending_invitation_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.email} to {self.cohort}"

    @property
    def is_expired(self) -> bool:
        return self.state == InvitationState.EXPIRED or (
            self.state == InvitationState.PENDING and self.expires_at <= timezone.now()
        )

    @property
    def holds_a_place(self) -> bool:
        """The same rule as ``Invitation.objects.holding_a_place()``, for this invitation."""
        return self.state == InvitationState.PENDING and not self.is_expired

    @property
    def can_be_resent(self) -> bool:
        """Not yet answered: waiting, or past its date."""
        return self.state in (InvitationState.PENDING, InvitationState.EXPIRED)

    @property
    def can_be_revoked(self) -> bool:
        return self.state == InvitationState.PENDING

    @property
    def shown_state(self) -> str:
        """The state a facilitator should see: a pending one past its date has expired."""
        return InvitationState.EXPIRED.label if self.is_expired else self.get_state_display()


class ExpressionOfInterest(models.Model):
    """A person saying they would like to work on an issue, before any cohort forms."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interests"
    )
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="interests"
    )
    role_in_organisation = models.CharField(
        _("your role there"),
        max_length=200,
        help_text=_("In your own words, e.g. 'neighbourhood sergeant'. Never used to rank anyone."),
    )
    wants_to_work_on = models.TextField(
        _("what you want to work on"),
        max_length=2000,
        help_text=_("A few sentences: what about this issue you would like to explore."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "issue"], name="cohorts_one_interest_per_issue"
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.issue}"


class CohortEventKind(models.TextChoices):
    CREATED = "created", _("created the cohort")
    INVITED = "invited", _("invited")
    RESENT = "resent", _("resent the invitation to")
    REVOKED = "revoked", _("revoked the invitation to")
    JOINED = "joined", _("joined")
    ROLE_CHANGED = "role_changed", _("changed the role of")
    REMOVED = "removed", _("removed")
    STATUS_CHANGED = "status_changed", _("changed the status to")


class CohortEvent(models.Model):
    """Who did what to a cohort, and when: the cohort's history."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=CohortEventKind.choices)
    subject = models.CharField(
        max_length=300, blank=True, help_text=_("Whom or what the change was about, as text.")
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.actor} {self.get_kind_display()} {self.subject}".strip()
