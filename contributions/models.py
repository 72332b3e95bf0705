"""The web between people's work: what each inquiry is for, asks and offers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
