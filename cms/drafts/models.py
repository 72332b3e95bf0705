"""What a draft weeknote is, who may read it, and the review task editors approve."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from cohorts.models import Membership, Role
from inquiries.models import BODY_MAX_LENGTH, Cycle, Entry, Inquiry, Notification
from kernel.characters import validate_one_line, validate_text
from kernel.submissions import submission_key_field

from ..permissions import pages_written_by, wrote_weeknote


class DraftState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for an editor")
    CHANGES_REQUESTED = "changes", _("Changes asked for")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Taken down")


# States in which the owner may change the text (in review, the editors have the text).
EDITABLE_STATES = {
    DraftState.DRAFT,
    DraftState.CHANGES_REQUESTED,
    DraftState.PUBLISHED,
    DraftState.UNPUBLISHED,
}
# States the owner may withdraw from: the weeknote is with the editors and not yet public.
WITHDRAWABLE_STATES = {DraftState.SUBMITTED, DraftState.CHANGES_REQUESTED}


class WeeknoteDraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The drafts this person may read: the rule, written once.

        Their own; and those of an inquiry they may read (``Inquiry.objects.visible_to``)
        in a cohort they coach. Nobody else, staff and editors included, until it is
        submitted, and then editors read the weeknote page in the Wagtail admin.
        """
        if not user.is_authenticated:
            return self.none()
        coached = Membership.objects.filter(user=user, role=Role.COACH).values("cohort")
        shared = Q(inquiry__in=Inquiry.objects.visible_to(user), inquiry__cohort__in=coached)
        return self.filter(Q(owner=user) | shared)


class WeeknoteDraft(models.Model):
    """A weeknote a participant writes from their own cycle before editors publish it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weeknote_drafts"
    )
    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="+", verbose_name=_("inquiry")
    )
    cycle = models.ForeignKey(
        Cycle,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("drafted from cycle"),
    )
    entries = models.ManyToManyField(
        Entry, blank=True, related_name="+", verbose_name=_("entries drawn on")
    )
    title = models.CharField(_("title"), max_length=255, validators=[validate_one_line])
    week_of = models.DateField(
        _("week of"), help_text=_("The Monday of the week this weeknote is about.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        validators=[validate_text],
        help_text=_("One or two sentences: shown in lists, feeds and search results."),
    )
    body = models.TextField(
        _("weeknote"),
        max_length=BODY_MAX_LENGTH,
        validators=[validate_text],
        help_text=_("Markdown. Only what you write here is published, nothing else of your cycle."),
    )
    body_html = models.TextField(blank=True, editable=False)  # stored clean when saved
    tags = models.CharField(
        _("tags"),
        max_length=255,
        blank=True,
        validators=[validate_one_line],
        help_text=_("A few words readers can follow, separated by commas, e.g. data sharing."),
    )
    state = models.CharField(
        _("where it stands"), max_length=12, choices=DraftState.choices, default=DraftState.DRAFT
    )
    page = models.OneToOneField(
        "cms.WeeknotePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="draft",
        verbose_name=_("weeknote page"),
    )
    review_comment = models.TextField(_("the editors' comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    unpublish_requested_at = models.DateTimeField(null=True, blank=True)
    submission_key = submission_key_field()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # Notifications about it go with it, and with its comments theirs (``Notification.subject``).
    notifications = GenericRelation(
        Notification, content_type_field="subject_type", object_id_field="subject_id"
    )

    objects = WeeknoteDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-week_of", "-created_at", "-pk"]
        verbose_name = _("weeknote draft")
        verbose_name_plural = _("weeknote drafts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("weeknote_drafts:detail", args=[self.pk])

    @property
    def notification_title(self) -> str:
        return self.title

    @property
    def issue(self):
        return self.inquiry.cohort.issue

    @property
    def cohort(self):
        return self.inquiry.cohort

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def can_be_withdrawn(self) -> bool:
        return self.state in WITHDRAWABLE_STATES

    @property
    def can_be_submitted(self) -> bool:
        return self.state in EDITABLE_STATES


class DraftCommentManager(models.Manager):
    def get_queryset(self):
        # A notification's line names the draft (``notification_title``): fetched with it.
        return super().get_queryset().select_related("draft")


class DraftComment(models.Model):
    """A comment on a draft, by its owner or one of the coaches who may read it."""

    draft = models.ForeignKey(WeeknoteDraft, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH // 2)
    body_html = models.TextField(blank=True, editable=False)
    submission_key = submission_key_field()
    created_at = models.DateTimeField(default=timezone.now)
    notifications = GenericRelation(
        Notification, content_type_field="subject_type", object_id_field="subject_id"
    )

    objects = DraftCommentManager()

    class Meta:
        ordering = ["created_at", "pk"]
        base_manager_name = "objects"
        verbose_name = _("comment on a weeknote draft")
        verbose_name_plural = _("comments on weeknote drafts")

    def __str__(self):
        return f"{self.author} on {self.draft}"

    def get_absolute_url(self):
        return f"{self.draft.get_absolute_url()}#comment-{self.pk}"

    @property
    def notification_title(self) -> str:
        return self.draft.title


class WeeknoteReminder(models.Model):
    """A reminder sent to a participant who had shared no weeknote for a fortnight.

    Its notification points here (``Notification.subject``), and it keeps when it was
    sent, so that nobody gets two in a fortnight (cms/drafts/reminders.py).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    notifications = GenericRelation(
        Notification, content_type_field="subject_type", object_id_field="subject_id"
    )

    class Meta:
        verbose_name = _("weeknote reminder")
        verbose_name_plural = _("weeknote reminders")
        indexes = [models.Index(fields=["recipient", "sent_at"])]

    def __str__(self):
        return f"{self.recipient}: {self.sent_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("weeknote_drafts:list")


class WeeknoteReviewTask(AbstractGroupApprovalTask):
    """A group approval in which nobody approves a weeknote they wrote (four eyes)."""

    def get_actions(self, obj, user):
        if wrote_weeknote(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        written = pages_written_by(user)
        return states.exclude(workflow_state__object_id__in=written) if written else states

    def on_action(self, task_state: TaskState, user, action_name, **kwargs):
        if action_name == "approve" and wrote_weeknote(
            task_state.workflow_state.content_object, user
        ):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve it, unless they wrote it")

    class Meta:
        verbose_name = _("weeknote review task")
        verbose_name_plural = _("weeknote review tasks")
