"""Refuse, with a plain 400, query strings no person types."""

import re

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

# NUL and the other C0 control characters: PostgreSQL rejects NUL in text, and
# none of them belongs in a filter, a search or a page number.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if any(CONTROL_CHARACTERS.search(text) for text in (key, *values)):
                return HttpResponseBadRequest(
                    _("This address has characters in it that we cannot read."),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
