"""Public pages kept whole in the shared cache for anonymous visitors, forgotten on any change.

Which pages: the URL names in ``settings.PUBLIC_PAGE_CACHE["URL_NAMES"]``. Who: only a
GET or HEAD that carries neither a session cookie nor a messages cookie, so a signed-in
page is never served from the cache nor stored in it. What: only a 200 that sets no
cookie, used no CSRF token and shows no message, so every anonymous visitor would have
been sent the same bytes.

Every page is stored with the cache's *generation*, a random token kept in the same
shared cache, and served only while that is still the token: ``forget_public_pages()``
draws a new one, so every server stops serving every page stored before it at once,
without a list of addresses to purge. The token and the page are read together, in one
round trip. The time-to-live is a safety net for a change nobody told us of.
docs/performance.md, "Caching public pages", says why it is built so.

A cache that fails is read as empty: the page is made as if nothing were cached.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-page:generation"
STATUS_HEADER = "X-Public-Page-Cache"
PART_TIMEOUT = 600  # seconds

T = TypeVar("T")


def _new_generation() -> None:
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        logger.exception("The public page cache could not be emptied")


def forget_public_pages() -> None:
    """Stop serving every cached public page, on every server: call on any change the
    public can see.

    Once now, so the rest of this request (and a test, in one transaction) sees it; and
    again after the commit, because a visitor who read the page between the two could
    have stored what the database showed before the commit under the new generation.
    """
    _new_generation()
    if not _renewed_on_commit():
        transaction.on_commit(_new_generation)


def forget_on_change(sender, **kwargs):
    """A signal receiver for any change the public can see (a save, a delete, a move)."""
    forget_public_pages()


def _renewed_on_commit() -> bool:
    """Whether this transaction will renew the generation when it commits already: a
    change of many rows (a cohort deleted with its memberships) needs it once, not once
    a row. A callback of a savepoint rolled back is gone from this list."""
    # Each entry is (savepoint ids, callback, robust) in Django 5.2; looked for by
    # identity in the entry, so a change of its shape cannot break every save.
    return any(
        any(part is _new_generation for part in entry)
        for entry in transaction.get_connection().run_on_commit
    )


def _first_generation() -> str | None:
    """None when the cache cannot say (a backend that reads its errors as misses)."""
    # Never set, or evicted: a new random one, so no page stored before is ever used.
    # (A counter started again at 1 could bring old pages back.)
    cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    return cache.get(GENERATION_KEY)


def remembered(name: str, make: Callable[[], T]) -> T:
    """``make()``, kept in the shared cache until anything public changes: a part of a
    page that costs queries at each request and is the same for everyone, such as how
    many weeknotes there are. Kept by the same generation as whole pages, so it is made
    again as soon as they are, whoever asks (signed in or not). It is kept however the
    page cache is set (``make bench`` turns only whole pages off); ``PART_TIMEOUT``
    bounds a change nobody told us of."""
    # Hashed: a name can carry what a visitor typed (a filter's value), of any length.
    key = f"public-part:{hashlib.sha256(name.encode()).hexdigest()}"
    generation, stored = _generation_and(key)
    if generation is None:
        return make()
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = make()
    _keep(key, (generation, value), PART_TIMEOUT)
    return value


def _generation_and(key: str) -> tuple[str | None, tuple | None]:
    """The current generation (None if the cache cannot say) and what is stored under
    ``key`` with the generation it was stored under, read in one round trip."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
        return found.get(GENERATION_KEY) or _first_generation(), found.get(key)
    except Exception:
        logger.exception("The public page cache could not be read")
        return None, None


def _keep(key: str, stored: tuple, timeout: int) -> None:
    try:
        cache.set(key, stored, timeout)
    except Exception:
        logger.exception("The public page cache could not be written")


def _is_public_page(request) -> bool:
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        # Wagtail renders a preview with a stand-in GET for the page's own address.
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in settings.PUBLIC_PAGE_CACHE["URL_NAMES"] and _is_a_known_query(
        request.GET
    )


def _is_a_known_query(query) -> bool:
    """Only the query keys the pages read, once each: otherwise ``/?x=1``, ``/?x=2``, …
    would each store a page, and a flood of them could push the rate-limit counters and
    sessions out of the shared cache. Such a request is served, never stored."""
    return all(
        name in settings.PUBLIC_PAGE_CACHE["QUERY_KEYS"] and len(values) == 1
        for name, values in query.lists()
    )


def _may_be_personal(request) -> bool:
    """A session (signed in, or anything else kept for this visitor) or a message waiting."""
    return any(
        name in request.COOKIES
        for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    )


def _is_the_same_for_everyone(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not len(get_messages(request))
        and not response.has_header("Cache-Control")
    )


def _stored(generation: str, response) -> tuple:
    return (generation, response.status_code, list(response.items()), response.content)


def _from_stored(stored) -> HttpResponse:
    _generation, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PublicPageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module's words).

    It sits after the headers every response gets (they are added to a cached page on
    its way out as to any other) and before the session, so a page served from the cache
    costs no database query at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PUBLIC_PAGE_CACHE["TIMEOUT"] or not _is_public_page(request):
            return self.get_response(request)
        if _may_be_personal(request):
            response = self.get_response(request)
            # A shared cache that ignores Vary: Cookie must still not keep it.
            patch_cache_control(response, private=True)
            return response

        key, generation, stored = self._read(request)
        if generation is None:
            return self.get_response(request)
        if stored is not None and stored[0] == generation:
            response = _from_stored(stored)
            response[STATUS_HEADER] = "hit"
            return get_conditional_response(request, etag=response["ETag"], response=response)

        response = self.get_response(request)
        if request.method != "GET" or not _is_the_same_for_everyone(request, response):
            return response
        # Each visitor may keep it, and must ask again (cheaply, by its ETag) before use:
        # a page an editor changes is new to everyone at once.
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)
        _keep(key, _stored(generation, response), settings.PUBLIC_PAGE_CACHE["TIMEOUT"])
        response[STATUS_HEADER] = "miss"
        return get_conditional_response(request, etag=response["ETag"], response=response)

    @staticmethod
    def _read(request) -> tuple[str, str | None, tuple | None]:
        """The page's key, the current generation (None if the cache cannot say) and what is
        stored for the page, with the generation it was stored under."""
        # Host and scheme included: the same path on another name is another page.
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        key = f"public-page:{address}"
        return key, *_generation_and(key)
