"""The Wagtail API v2 at /api/v2/: public pages only, and no images or documents endpoint.

Wagtail's own pages endpoint leaves out pages whose view restriction the
*request* passes (a signed-in editor, a visitor who typed a page password).
Open data should not depend on who asks, so this one serves live pages with no
view restriction at all, to everyone.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        return super().get_base_queryset().public()


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
