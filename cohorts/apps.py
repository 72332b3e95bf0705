from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")
    personal_data = "cohorts.personal_data"  # its part of a person's export

    def ready(self):
        from django.db.models.signals import post_save

        from .models import Issue, reindex_cohorts_of

        post_save.connect(reindex_cohorts_of, sender=Issue, dispatch_uid="cohorts-of-issue")
