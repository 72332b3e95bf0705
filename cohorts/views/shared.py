"""What several cohort pages share: the cohort as the viewer may see it, and refusals' words."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ..models import Cohort
from ..permissions import ensure_can_manage_cohort


def get_visible_cohort(request, slug, cohorts=None) -> Cohort:
    """The cohort, if the viewer may open its pages; otherwise 404, as if it did not exist."""
    cohorts = Cohort.objects.all() if cohorts is None else cohorts
    return get_object_or_404(cohorts.visible_to(request.user).select_related("issue"), slug=slug)


def get_managed_cohort(request, slug, cohorts=None) -> Cohort:
    """The cohort, if the viewer runs it: members who do not are told so (403), others 404."""
    cohort = get_visible_cohort(request, slug, cohorts)
    ensure_can_manage_cohort(request.user, cohort)
    return cohort


def error_text(error: ValidationError) -> str:
    """A refusal's messages as one line, for a flash message."""
    return " ".join(error.messages)
