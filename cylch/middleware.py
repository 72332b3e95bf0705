"""Middleware of the wiring: odd query strings refused, and the security headers."""

from functools import cache

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kernel.characters import is_one_line


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            # PostgreSQL rejects NUL in text, and no filter, search or page number is
            # more than one line of plain characters.
            if not all(is_one_line(text) for text in (key, *values)):
                return HttpResponseBadRequest(
                    _("This address has characters in it that we cannot read."),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


@cache
def _admin_prefixes() -> tuple[str, ...]:
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with two choices of ours.

    Both admins get ``ADMIN_CONTENT_SECURITY_POLICY``; every other page the
    site's ``CONTENT_SECURITY_POLICY``. A response that allows same-origin
    framing (Wagtail's previews, shown in the editor's panel) may be framed by
    the site, and by nothing else.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview through the middleware with a stand-in
        # request for the page's own address; the headers belong to the real
        # request around it, in the admin.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(_admin_prefixes()):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Send ``PERMISSIONS_POLICY``: Django has no setting for this header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
