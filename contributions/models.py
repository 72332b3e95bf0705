"""The web between people's work: what each inquiry is for, asks and offers."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts.models import Membership, Organisation, Sector
from inquiries.models import Notification
from kernel.characters import validate_one_line, validate_text
from kernel.submissions import submission_key_field

# --- What each of us wants to achieve: an inquiry's benefit chain ---


class InquiryChainQuerySet(models.QuerySet):
    def stated(self):
        """Chains with at least one field filled in: an emptied chain says nothing."""
        return self.exclude(benefit="", beneficiaries="", users="", results="")


class InquiryChain(models.Model):
    """The chain behind an inquiry, in OpenStrategies' terms: the benefit sought and for
    whom, who will use what the work makes, and the results it will produce. The projects
    that produce them are the inquiry's own cycles and actions, so they are not typed here.

    Whoever may read the inquiry may read its chain; only its owner writes it. It goes
    with its inquiry (CASCADE), and so with its owner's account.
    """

    inquiry = models.OneToOneField(
        "inquiries.Inquiry",
        on_delete=models.CASCADE,
        related_name="chain",
        verbose_name=_("inquiry"),
    )
    benefit = models.CharField(
        _("the benefit you seek"),
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text=_(
            "The good your work is for, in a few words: “fewer people in crisis at night”."
        ),
    )
    beneficiaries = models.CharField(
        _("for whom"),
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text=_("Who gains that benefit: “people leaving hospital”."),
    )
    users = models.CharField(
        _("who will use what your work makes"),
        max_length=300,
        blank=True,
        validators=[validate_one_line],
        help_text=_(
            "The people or teams who will put your results to use. "
            "Separate several with commas: “pharmacists, housing officers”."
        ),
    )
    results = models.CharField(
        _("the results your work will produce"),
        max_length=500,
        blank=True,
        validators=[validate_text],
        help_text=_("What your work will make or change: a named contact, a shared form."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    submission_key = submission_key_field()

    objects = InquiryChainQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefit chain")
        verbose_name_plural = _("benefit chains")

    def __str__(self):
        return f"{self.inquiry}: {self.benefit}"


# --- Asks and offers (contributions/asks.py) ---

ASK_DETAILS_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 2000


class AskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An ask is written to its whole cohort: every member sees it, in any role.
        Nobody else does, staff included; anonymous visitors see none."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(cohort__in=Membership.objects.filter(user=user).values("cohort"))

    def still_open(self):
        return self.filter(closed_at__isnull=True)


class Ask(models.Model):
    """A member's request to their cohort for help, naming who could give it."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="asks")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asks"
    )
    # The asker's organisation when they asked: one end of the link an offer taken up
    # draws on the relationship map, kept if they later change organisation.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(
        _("what you need"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_(
            "One line, e.g. 'Someone in housing who can get a tenant a same-week appointment'."
        ),
    )
    details = models.TextField(
        _("more about it (optional)"),
        max_length=ASK_DETAILS_MAX_LENGTH,
        blank=True,
        validators=[validate_text],
        help_text=_("What you have tried, by when you need it. Plain text."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("organisations that could help"),
        help_text=_("Organisations of your cohort."),
    )
    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the inquiry it is for (optional)"),
        help_text=_("Only people who may read that inquiry see the link to it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.CharField(
        _("how it was met (optional)"),
        max_length=300,
        blank=True,
        validators=[validate_text],
        help_text=_("A line for your cohort, e.g. 'Gwen found a slot on Thursday'."),
    )
    submission_key = submission_key_field()

    objects = AskQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ask")
        verbose_name_plural = _("asks")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contributions:ask_detail", args=[self.cohort.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def sector_labels(self) -> list[str]:
        """The sectors named, in words (read from ``sectors``, prefetched on lists)."""
        return [row.get_sector_display() for row in self.sectors.all()]


class AskSector(models.Model):
    """A sector an ask names as one that could help (``cohorts.Sector``)."""

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="sectors")
    sector = models.CharField(max_length=20, choices=Sector.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["ask", "sector"], name="contributions_ask_sector_once")
        ]

    def __str__(self):
        return self.get_sector_display()


class OfferManager(models.Manager):
    def get_queryset(self):
        # A notification's line names the ask (``notification_title``): fetched with it.
        return super().get_queryset().select_related("ask__cohort")


class Offer(models.Model):
    """A member's offer of help on an ask: a thread between the asker and them alone."""

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="offers")
    # Empty once the offerer deleted their account and the asker had replied to them.
    offerer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="offers"
    )
    # The offerer's organisation when they offered: the other end of the map's link.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    taken_up_at = models.DateTimeField(null=True, blank=True)
    submission_key = submission_key_field()
    notifications = GenericRelation(
        Notification, content_type_field="subject_type", object_id_field="subject_id"
    )

    objects = OfferManager()

    class Meta:
        ordering = ["created_at", "pk"]
        base_manager_name = "objects"
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        constraints = [
            models.UniqueConstraint(
                fields=["ask", "offerer"],
                condition=Q(offerer__isnull=False),
                name="contributions_one_offer_per_person_and_ask",
            )
        ]

    def __str__(self):
        return f"{self.offerer} on {self.ask}"

    def get_absolute_url(self):
        return reverse(
            "contributions:offer_thread", args=[self.ask.cohort.slug, self.ask_id, self.pk]
        )

    @property
    def notification_title(self) -> str:
        return self.ask.title

    @property
    def is_taken_up(self) -> bool:
        return self.taken_up_at is not None


class OfferMessageManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("offer__ask__cohort")


class OfferMessage(models.Model):
    """One message in an offer's thread; the offer's first is the offer's own words."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(
        _("message"), max_length=MESSAGE_MAX_LENGTH, blank=True, validators=[validate_text]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Its author deleted their account: the text is gone, its place in the thread stays.
    removed_at = models.DateTimeField(null=True, blank=True)
    submission_key = submission_key_field()
    notifications = GenericRelation(
        Notification, content_type_field="subject_type", object_id_field="subject_id"
    )

    objects = OfferMessageManager()

    class Meta:
        ordering = ["created_at", "pk"]
        base_manager_name = "objects"
        verbose_name = _("message about an offer of help")
        verbose_name_plural = _("messages about offers of help")

    def __str__(self):
        return f"{self.author} on {self.offer}"

    def get_absolute_url(self):
        return f"{self.offer.get_absolute_url()}#message-{self.pk}"

    @property
    def notification_title(self) -> str:
        return self.offer.ask.title

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
