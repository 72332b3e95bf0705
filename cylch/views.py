"""Project-wide views: the health check, and the page for when the database is away."""

import sys
import uuid

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# How long a browser (or a person) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


@never_cache
@require_safe
def healthz(request):
    """Say whether the database and the cache answer.

    200 "ok" when both do; 200 "degraded" when only the cache does not, since
    pages are then served from the database (cylch/cache.py); 503 "error" when
    the database does not, so a load balancer stops sending people here.
    """
    database = "ok" if _database_answers() else "unreachable"
    cache_state = "ok" if _cache_answers() else "unreachable"
    if database != "ok":
        status, code = "error", 503
    else:
        status, code = ("ok" if cache_state == "ok" else "degraded"), 200
    return JsonResponse({"status": status, "database": database, "cache": cache_state}, status=code)


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_answers():
    # The cache treats a failing Redis as empty, so what was written must come back.
    # A key of its own: checks from several servers at once must not read each other's.
    token = uuid.uuid4().hex
    key = f"healthz:{token}"
    cache.set(key, token, timeout=10)
    answers = cache.get(key) == token
    cache.delete(key)
    return answers


def server_error(request):
    """Django's 500, except that a database that does not answer gets a 503 to retry."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # Standalone template, like 500.html: no context processors, no database.
        html = loader.get_template("503.html").render()
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
