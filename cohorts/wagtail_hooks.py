from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kernel.snippets import PermissionCheckedChooserViewSet, PermissionCheckedDeleteBulkAction

from .admin_views import CohortCreateForm, CohortCreateView, CohortEditView, OrganisationMergeView
from .models import Cohort, Issue, Organisation


class IssueViewSet(SnippetViewSet):
    model = Issue
    chooser_viewset_class = PermissionCheckedChooserViewSet
    icon = "tag"
    list_display = ["title", "slug", "created_at"]
    search_fields = ["title", "summary"]
    search_backend_name = None  # part of a word finds it, as before issues were indexed
    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("summary")]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = PermissionCheckedChooserViewSet
    icon = "group"
    list_display = ["name", "sector", "verified"]
    list_filter = ["sector", "verified"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("sector"), FieldPanel("verified")]


class CohortViewSet(SnippetViewSet):
    """Cohorts are created and changed through the cohorts services, as on the site:
    a new one gets its first facilitator, a new status its history."""

    model = Cohort
    chooser_viewset_class = PermissionCheckedChooserViewSet
    icon = "list-ul"
    list_display = ["name", "issue", "place", "starts_on", "ends_on", "status"]
    list_filter = ["status", "issue"]
    search_fields = ["name", "place"]
    search_backend_name = None  # part of a word finds it, as before cohorts were indexed
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    copy_view_enabled = False  # a copy would be a cohort made past cohort_create
    # A new cohort is forming and its address comes from its name, as on the site.
    create_panels = [
        FieldPanel("name"),
        FieldPanel("issue"),
        FieldPanel("place"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("capacity"),
        FieldPanel("facilitator"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("issue"),
        FieldPanel("place"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("capacity"),
        FieldPanel("status"),
    ]

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.create_panels, base_form_class=CohortCreateForm)
        panel = panel.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class CohortsGroup(SnippetViewSetGroup):
    menu_label = _("Cohorts")
    menu_icon = "group"
    menu_order = 250
    items = (IssueViewSet, OrganisationViewSet, CohortViewSet)

    def get_submenu_items(self):
        merge = MenuItem(
            _("Merge organisations"),
            reverse("cohorts_organisation_merge"),
            icon_name="resubmit",
            order=1000,
        )
        merge.is_shown = lambda request: request.user.has_perm("cohorts.delete_organisation")
        return [*super().get_submenu_items(), merge]


register_snippet(CohortsGroup)


@hooks.register("register_bulk_action", order=1)
class CohortsDeleteBulkAction(PermissionCheckedDeleteBulkAction):
    models = [Issue, Organisation, Cohort]


@hooks.register("register_admin_urls")
def organisation_merge_urls():
    return [
        path(
            "organisations/merge/",
            OrganisationMergeView.as_view(),
            name="cohorts_organisation_merge",
        )
    ]
