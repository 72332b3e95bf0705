"""The Wagtail API v2 at /api/v2/: public pages only, and no images or documents endpoint.

Wagtail's own pages endpoint leaves out pages whose view restriction the
*request* passes (a signed-in editor, a visitor who typed a page password).
Open data should not depend on who asks, so this one serves live pages with no
view restriction at all, to everyone.

It answers JSON only. DRF's browsable page (``?format=api``) would be an HTML
page of DRF's own, outside the site's layout and its policy, for no reader who
needs it: ``?format=api`` is a 404.

Each page leaves without control characters (``PublicPageSerializer``), and the JSON
with "<", ">" and "&" as \\u escapes, so no text in it reads as markup.
"""

from django.db import DatabaseError
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from kernel.characters import strip_control_characters

from .serializers import escape_json_markup


class PublicPageSerializer(PageSerializer):
    """Any page as the API gives it, without the control characters JSON readers trip on."""

    def to_representation(self, instance):
        return strip_control_characters(super().to_representation(instance))


class PublicJSONRenderer(JSONRenderer):
    """JSON as DRF writes it, with markup characters as \\u escapes."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rendered = super().render(data, accepted_media_type, renderer_context)
        return escape_json_markup(rendered.decode()).encode()


class PublicPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    renderer_classes = [PublicJSONRenderer]

    def get_base_queryset(self):
        return super().get_base_queryset().public()

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except DatabaseError as error:
            # SQLite's full-text syntax refuses some searches, such as an unbalanced quote.
            raise BadRequestError("The search could not be read: try plain words.") from error


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
