"""Inquiries, their cycles of plan → act → observe → reflect, entries and revisions.

Who sees what is decided in exactly one place, ``InquiryQuerySet.visible_to``;
cycles and entries read through it too (see docs/visibility.md).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Membership, Organisation, Role
from kernel.characters import validate_one_line
from kernel.submissions import submission_key_field

BODY_MAX_LENGTH = 20_000


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    COACHES = "coaches", _("Me and the coaches of my cohort")
    COHORT = "cohort", _("Everyone in my cohort")


class InquiryStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class Phase(models.TextChoices):
    PLAN = "plan", _("Plan")
    ACT = "act", _("Act")
    OBSERVE = "observe", _("Observe")
    REFLECT = "reflect", _("Reflect")


class EntryKind(models.TextChoices):
    ACTION = "action", _("Action log")
    REFLECTION = "reflection", _("Reflection")


def _owner_still_member():
    return Exists(Membership.objects.filter(user=OuterRef("owner"), cohort=OuterRef("cohort")))


class InquiryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The inquiries this person may read. The visibility rule, written once.

        - the owner always sees their own inquiry, even after leaving the cohort;
        - ``coaches``: the coaches of its cohort;
        - ``cohort``: every member of its cohort, in any role;
        - anyone else, staff included, sees nothing.

        Others' access comes from a membership, theirs and the owner's: once
        either leaves the cohort, it is gone. (``shared_with`` relies on this to start
        from the person's cohorts: a new way in for others must be added there too.)
        """
        if not user.is_authenticated:
            return self.none()
        my_memberships = Membership.objects.filter(user=user)
        coached = my_memberships.filter(role=Role.COACH).values("cohort")
        member_of = my_memberships.values("cohort")
        shared = Q(visibility=Visibility.COACHES, cohort__in=coached) | Q(
            visibility=Visibility.COHORT, cohort__in=member_of
        )
        return self.filter(Q(owner=user) | (shared & _owner_still_member()))

    def shared_with(self, user):
        """Others' inquiries this person may read.

        These come only through the person's memberships, so the list starts from their
        cohorts: the rule alone, an ``OR`` with ``owner``, had the database read every
        inquiry of the programme to find them.
        """
        return (
            self.visible_to(user)
            .exclude(owner=user)
            .filter(cohort__in=Membership.objects.filter(user=user).values("cohort"))
        )


class Inquiry(models.Model):
    """One person's line of inquiry into the shared issue, worked through in cycles."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inquiries"
    )
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="inquiries")
    title = models.CharField(
        _("title"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("A few words that name your inquiry."),
    )
    question = models.TextField(
        _("your question"),
        max_length=1000,
        help_text=_("What you are exploring, often 'How might I…?'"),
    )
    why_it_matters = models.TextField(
        _("why it matters to you"),
        max_length=4000,
        blank=True,
        help_text=_("A few sentences: why this question, why you, why now."),
    )
    visibility = models.CharField(
        _("who can see it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.COACHES,
        help_text=_("You can change this at any time."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    submission_key = submission_key_field()

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inquiries:detail", args=[self.pk])

    @property
    def shared_with_label(self) -> str:
        """Who can see it, in words that read right to anyone (the choices speak as the owner)."""
        return {
            Visibility.PRIVATE: _("private"),
            Visibility.COACHES: _("shared with coaches"),
            Visibility.COHORT: _("shared with the cohort"),
        }[self.visibility]


class CycleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(inquiry__in=Inquiry.objects.visible_to(user))


class Cycle(models.Model):
    """One turn of plan → act → observe → reflect, numbered within its inquiry."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("inquiry")
    )
    number = models.PositiveIntegerField(_("number"))
    intention = models.TextField(
        _("what I intend to try"),
        max_length=4000,
        help_text=_("The change or action you will try in this cycle."),
    )
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.PLAN)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    learned = models.TextField(
        _("what I learned"),
        max_length=4000,
        blank=True,
        help_text=_("What this cycle taught you."),
    )
    next_step = models.TextField(
        _("what I will try next"),
        max_length=4000,
        blank=True,
        help_text=_("Offered as the starting point of your next cycle."),
    )
    submission_key = submission_key_field()

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "number"], name="inquiries_cycle_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("started_on")),
                name="inquiries_cycle_closes_after_it_starts",
                violation_error_message=_("A cycle cannot close before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.inquiry} · {self.number}"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class EntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(cycle__inquiry__in=Inquiry.objects.visible_to(user))


class Entry(models.Model):
    """An action log or a reflection inside a cycle."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="entries", verbose_name=_("cycle")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    occurred_on = models.DateField(
        _("when"), default=timezone.localdate, help_text=_("The day it happened.")
    )
    with_whom = models.CharField(
        _("with whom"),
        max_length=300,
        blank=True,
        help_text=_("People or teams involved, in your own words."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("organisations involved"),
        help_text=_("Organisations of your cohort that took part."),
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, help_text=_("Markdown."))
    body_html = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    submission_key = submission_key_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "created_at", "pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"


class EntryRevision(models.Model):
    """An earlier text of an entry, kept when it was replaced."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    body = models.TextField()
    body_html = models.TextField()
    saved_at = models.DateTimeField(
        help_text=_("When this text was saved, before it was replaced.")
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("earlier version of an entry")
        verbose_name_plural = _("earlier versions of entries")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "version"], name="inquiries_one_revision_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.entry} v{self.version}"


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Comments are seen by whoever sees their inquiry: the same rule, no other."""
        return self.filter(inquiry__in=Inquiry.objects.visible_to(user))


class Comment(models.Model):
    """A comment on an inquiry or one of its entries, or a reply to one (one level deep)."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="comments", verbose_name=_("inquiry")
    )
    entry = models.ForeignKey(
        Entry,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("entry"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH // 2, blank=True)
    body_html = models.TextField(blank=True, editable=False)
    submission_key = submission_key_field()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author} on {self.inquiry}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class NotificationKind(models.TextChoices):
    COMMENT = "comment", _("commented on your inquiry")
    REPLY = "reply", _("replied to your comment")
    ENTRY = "entry", _("wrote in an inquiry you coach")
    # About something another app keeps (its ``subject``), such as a weeknote draft.
    DRAFT_COMMENT = "draftcomm", _("commented on the weeknote draft")
    CHANGES_ASKED = "changes", _("asked for changes to your weeknote")
    PUBLISHED = "published", _("published your weeknote")
    REMINDER = "reminder", _("reminds you: a weeknote?")
    # About an ask in a cohort (contributions): no inquiry, the cohort decides who sees it.
    OFFER_MADE = "offer", _("offered help with your ask")
    OFFER_REPLY = "offerreply", _("replied about an offer of help")
    OFFER_TAKEN_UP = "offertaken", _("took up your offer of help")


class NotificationQuerySet(models.QuerySet):
    def addressed_to(self, user):
        """Every notification this person was sent, those they can no longer see included.

        Only for their own list, which says of those that it can no longer name them.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def visible_to(self, user):
        """The notifications this person may see: the rule, written once.

        Their own, about an inquiry they may still see (``Inquiry.objects.visible_to``):
        narrowing an inquiry or leaving its cohort hides them at once. One about no
        inquiry but something of a whole cohort (an ask) is seen while they are a member.
        """
        if not user.is_authenticated:
            return self.none()
        member_of = Membership.objects.filter(user=user).values("cohort")
        return self.addressed_to(user).filter(
            Q(inquiry__in=Inquiry.objects.visible_to(user))
            | Q(inquiry__isnull=True, cohort__in=member_of)
        )

    def with_still_visible(self, user):
        """Annotate each with ``still_visible``: whether ``visible_to(user)`` holds it."""
        visible = Notification.objects.visible_to(user).filter(pk=OuterRef("pk"))
        return self.annotate(still_visible=Exists(visible))

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something that happened which one person should hear about.

    It stores no text: what its line says is worked out when it is shown, through
    the visibility rule, so it never names what its reader can no longer see.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    # The inquiry whose readers may see it; or, for what belongs to a whole cohort and no
    # inquiry (an ask and its offers), the cohort whose members may.
    inquiry = models.ForeignKey(Inquiry, null=True, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(
        "cohorts.Cohort", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(Entry, null=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, null=True, on_delete=models.CASCADE, related_name="+")
    # What it is about when that lives in an app above this one (a weeknote draft, say):
    # it offers ``notification_title`` and ``get_absolute_url()``. The inquiry still
    # decides who may see the notification.
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(inquiry__isnull=False) | Q(cohort__isnull=False),
                name="inquiries_notification_about_an_inquiry_or_a_cohort",
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.kind}"

    @property
    def anchor(self) -> str:
        if self.comment_id:
            return f"#comment-{self.comment_id}"
        if self.entry_id:
            return f"#entry-{self.entry_id}"
        return ""


class EmailChoice(models.TextChoices):
    EACH = "each", _("An email for each one")
    DIGEST = "digest", _("One email a day, with everything")
    NONE = "none", _("No emails: I will look on Cylch")


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.CharField(
        _("emails about comments, replies, new entries and offers of help"),
        max_length=10,
        choices=EmailChoice.choices,
        default=EmailChoice.EACH,
    )
    # Read by cms, which sends the reminders (docs/weeknotes.md, "Reminders").
    weeknote_reminders = models.BooleanField(
        _("weeknote reminders"),
        default=True,
        help_text=_(
            "A friendly reminder when I have shared no weeknote for two weeks, "
            "at most one a fortnight."
        ),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user}: {self.email}"
