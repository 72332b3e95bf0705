from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    """The web between people's work: relationship map, benefit chains, asks and offers.

    It reads cohorts and inquiries; they reach it only through its inclusion tags.
    """

    name = "contributions"
    verbose_name = _("Contributions")
    personal_data = "contributions.personal_data"  # its part of a person's export
