"""Wagtail's database search backend, ranked in one pass over the index.

Set as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]``: PostgreSQL and SQLite get the
subclasses below, any other database Wagtail's own backend.

On SQLite, Wagtail ranks a search by annotating each matching object with a
correlated subquery that runs the full-text match again for that object, so a word
found in n objects costs n full-text searches: 11 s for a common word at 10,000
weeknotes. Here the index entries are matched and ranked once, in one query that
also keeps to the queryset's objects; only the ids of the page of results asked for
come back, and their objects are then fetched by primary key. The ranking is bm25
with a title word weighing five body words (``TitleWeightedBM25``).

On PostgreSQL, Wagtail's query is kept; what it needs is the index on
``title || body`` that the cms migration ``search_title_body_index`` creates.
"""

from django.db import connection
from django.db.models import CharField, FloatField, Func
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import MatchAll, Not


class TitleWeightedBM25(Func):
    """The rank of a full-text match on SQLite, lower for a better one. The table's
    columns are (autocomplete, body, title). Wagtail's ranking gives them one weight,
    so three mentions in a body outranked the title; PostgreSQL weighs a title word
    about five times a body word (its "A" and "B" weights), and so does this."""

    template = "bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 5.0)"
    output_field = FloatField()


def _sqlite_classes():
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.utils import get_descendants_content_types_pks

    class RankedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        def ranked_here(self) -> bool:
            """Whether this search is the kind ranked here: by relevance, over every
            indexed field, not negated and not "everything" (else Wagtail's way)."""
            query = normalize(self.query)
            return (
                self.order_by_relevance
                and self.fields is None
                and not isinstance(query, (MatchAll, Not))
            )

        def matching_entries(self, config):
            """The full-text index rows that match, for objects of the queryset only."""
            search_query = self.build_search_query(normalize(self.query), config=config)
            in_queryset = (
                self.queryset.order_by().annotate(text_pk=Cast("pk", CharField())).values("text_pk")
            )
            return SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.FTS_TABLE_FIELDS, search_query),
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=in_queryset,
            )

        def ranked_entries(self, config):
            """(object id, score) of every result, best first (bm25 is lower for a
            better match): slice it for a page of results."""
            return (
                self.matching_entries(config)
                .annotate(score=TitleWeightedBM25())
                .order_by("score", "-pk")
                .values_list("index_entry__object_id", "score")
            )

    def ranked_here(compiler) -> bool:
        # Autocomplete has a compiler of its own and shares these results.
        return isinstance(compiler, RankedSQLiteQueryCompiler) and compiler.ranked_here()

    class RankedSQLiteSearchResults(SQLiteSearchResults):
        def _do_search(self):
            compiler = self.query_compiler
            if not ranked_here(compiler):
                return super()._do_search()
            config = compiler.get_config(self.backend)
            ranked = compiler.ranked_entries(config)[self.start : self.stop]
            pk_field = compiler.queryset.model._meta.pk
            scores = {pk_field.to_python(object_id): score for object_id, score in ranked}
            objects = {item.pk: item for item in compiler.queryset.filter(pk__in=scores)}
            results = [objects[pk] for pk in scores if pk in objects]
            if self._score_field:
                for item in results:
                    setattr(item, self._score_field, scores[item.pk])
            return results

        def _do_count(self):
            compiler = self.query_compiler
            if not ranked_here(compiler):
                return super()._do_count()
            return compiler.matching_entries(compiler.get_config(self.backend)).count()

    class RankedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = RankedSQLiteQueryCompiler
        results_class = RankedSQLiteSearchResults

    return RankedSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_classes()(params)
    return backend
