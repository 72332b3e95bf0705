from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render

from .search import public_search

SEARCH_RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    """Search of what is public: shared issues, cohorts' public facts, live public pages."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    not_understood = False
    if query:
        try:
            results_page = Paginator(public_search(query), SEARCH_RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
        except DatabaseError:
            # SQLite's full-text syntax refuses some input, such as an unbalanced quote.
            not_understood = True
    context = {"query": query, "results_page": results_page, "not_understood": not_understood}
    return render(request, "cms/search.html", context)
