from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public pages")
    personal_data = "cms.personal_data"  # its part of a person's export

    def ready(self):
        from . import page_cache
        from .drafts import review
        from .search import connect_signals
        from .site_record import site_record_follow_site_url

        connect_signals()
        page_cache.connect_signals()
        review.connect()
        post_migrate.connect(site_record_follow_site_url, sender=self)
