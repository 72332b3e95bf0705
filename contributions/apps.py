from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    """The web between people's work: relationship map, benefit chains, asks and offers.

    It reads cohorts and inquiries; they reach it only through its inclusion tags.
    """

    name = "contributions"
    verbose_name = _("Contributions")
    personal_data = "contributions.personal_data"  # its part of a person's export

    def ready(self):
        from kernel import open_data

        from .open_data import SECTOR_LINKS, connect_signals

        open_data.register(SECTOR_LINKS)
        connect_signals()
