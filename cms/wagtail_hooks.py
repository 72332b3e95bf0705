"""What the Wagtail admin shows editors about participants' weeknotes, and its editor made
a little more accessible where Wagtail leaves a gap."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.groups import EDITORS

from .drafts.models import DraftState, WeeknoteDraft


class UnpublishRequestsPanel(Component):
    """Published weeknotes whose writers asked the editors to take them down."""

    name = "unpublish_requests"
    template_name = "cms/admin/unpublish_requests_panel.html"
    order = 205  # beside the pages waiting for review

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["requests"] = list(
            WeeknoteDraft.objects.filter(
                state=DraftState.PUBLISHED, unpublish_requested_at__isnull=False
            )
            .select_related("page", "owner")
            .order_by("unpublish_requested_at")
        )
        return context


@hooks.register("construct_homepage_panels")
def show_unpublish_requests(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(name=EDITORS).exists():
        panels.append(UnpublishRequestsPanel())


@hooks.register("insert_editor_js")
def label_the_tag_field():
    return format_html('<script src="{}"></script>', static("js/admin-tag-field.js"))
