"""Wagtail's database search backend, ranked in one pass over the index.

Set as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]``: PostgreSQL and SQLite get the
subclasses below, any other database Wagtail's own backend.

Wagtail searches from the objects: it joins every object of the queryset to its index
entry, matches, ranks and sorts them all, and counts them again the same way. On
SQLite it ranks each result with a correlated subquery that runs the full-text match
again for that result, so a word found in n objects costs n full-text searches: 11 s
for a common word at 10,000 weeknotes. Here the search starts from the index: the
entries that match (through the full-text table on SQLite, the GIN index on
``title || body`` from the cms migration ``search_title_body_index`` on PostgreSQL)
and belong to an object of the queryset are ranked in one query, read once as a list
of every match's id and score; it gives both the count and each page of results, whose
objects are then fetched by primary key: Wagtail counted the matches again in a second
query, as costly as the first (55 ms of 70 for a common word at 10,000 weeknotes on
PostgreSQL). On PostgreSQL the ranking is Wagtail's; on SQLite it is bm25 with a title
word weighing five body words (``TitleWeightedBM25``).

Searches of another kind (autocomplete, chosen fields, negated, fuzzy, unordered)
go Wagtail's way.
"""

from django.db import connection
from django.db.models import CharField, F, FloatField, Func
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class TitleWeightedBM25(Func):
    """The rank of a full-text match on SQLite, lower for a better one. The table's
    columns are (autocomplete, body, title). Wagtail's ranking gives them one weight,
    so three mentions in a body outranked the title; PostgreSQL weighs a title word
    about five times a body word (its "A" and "B" weights), and so does this."""

    template = "bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 5.0)"
    output_field = FloatField()


class RankedFromTheIndex:
    """A query compiler's part: what a search ranked here matches, and in what order."""

    def ranked_here(self) -> bool:
        """Whether this search is the kind ranked here: by relevance, over every
        indexed field, not negated, not fuzzy and not "everything"."""
        return (
            self.order_by_relevance
            and self.fields is None
            and not isinstance(self.plain_query(), (MatchAll, Not, Fuzzy))
        )

    def plain_query(self):
        return self.query

    def content_types(self):
        return get_descendants_content_types_pks(self.queryset.model)

    def object_ids(self):
        """The queryset's primary keys as the index entries hold them (text)."""
        return self.queryset.order_by().annotate(text_pk=Cast("pk", CharField())).values("text_pk")


class RankedResults:
    """Search results read through the compiler's ``ranked_entries``, once."""

    def _ranked_here(self) -> bool:
        # Autocomplete has a compiler of its own and shares these results.
        compiler = self.query_compiler
        return isinstance(compiler, RankedFromTheIndex) and compiler.ranked_here()

    def _ranking(self) -> list[tuple[str, float]]:
        """(object id, score) of every result, best first. Kept on the query compiler,
        which the paginator's count and each slice of these results share."""
        compiler = self.query_compiler
        if getattr(compiler, "ranking", None) is None:
            compiler.ranking = list(compiler.ranked_entries(compiler.get_config(self.backend)))
        return compiler.ranking

    def _do_search(self):
        if not self._ranked_here():
            return super()._do_search()
        compiler = self.query_compiler
        ranked = self._ranking()
        pk_field = compiler.queryset.model._meta.pk
        scores = {
            pk_field.to_python(object_id): score
            for object_id, score in ranked[self.start : self.stop]
        }
        objects = {item.pk: item for item in compiler.queryset.filter(pk__in=scores)}
        results = [objects[pk] for pk in scores if pk in objects]
        if self._score_field:
            for item in results:
                setattr(item, self._score_field, scores[item.pk])
        return results

    def _do_count(self):
        if not self._ranked_here():
            return super()._do_count()
        return len(self._ranking())


def _sqlite_backend():
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    class RankedSQLiteQueryCompiler(RankedFromTheIndex, SQLiteSearchQueryCompiler):
        def plain_query(self):
            return normalize(self.query)

        def matching_entries(self, config):
            """The full-text index rows that match, for objects of the queryset only."""
            search_query = self.build_search_query(self.plain_query(), config=config)
            return SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.FTS_TABLE_FIELDS, search_query),
                index_entry__content_type__in=self.content_types(),
                index_entry__object_id__in=self.object_ids(),
            )

        def ranked_entries(self, config):
            """(object id, score) of every result, best first (bm25 is lower for a
            better match)."""
            return (
                self.matching_entries(config)
                .annotate(score=TitleWeightedBM25())
                .order_by("score", "-pk")
                .values_list("index_entry__object_id", "score")
            )

    class RankedSQLiteSearchResults(RankedResults, SQLiteSearchResults):
        pass

    class RankedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = RankedSQLiteQueryCompiler
        results_class = RankedSQLiteSearchResults

    return RankedSQLiteSearchBackend


def _postgres_backend():
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )

    class RankedPostgresQueryCompiler(RankedFromTheIndex, PostgresSearchQueryCompiler):
        def matching_entries(self, config):
            """The index entries that match (``title || body``, as Wagtail matches, so
            its index serves), for objects of the queryset only."""
            title_and_body = F("title")._combine(F("body"), "||", False)
            return IndexEntry.objects.annotate(_vector_=title_and_body).filter(
                _vector_=self.build_tsquery(self.query, config=config),
                content_type__in=self.content_types(),
                object_id__in=self.object_ids(),
            )

        def ranked_entries(self, config):
            """(object id, score) of every result, best first, ranked as Wagtail ranks
            them."""
            vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
            rank = self._build_rank_expression(vectors, config)
            return (
                self.matching_entries(config)
                .annotate(score=rank)
                .order_by("-score", "-pk")
                .values_list("object_id", "score")
            )

    class RankedPostgresSearchResults(RankedResults, PostgresSearchResults):
        pass

    class RankedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = RankedPostgresQueryCompiler
        results_class = RankedPostgresSearchResults

    return RankedPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = DatabaseSearchBackend(params)
    kind = type(backend).__name__
    if connection.vendor == "sqlite" and kind == "SQLiteSearchBackend":
        return _sqlite_backend()(params)
    if connection.vendor == "postgresql" and kind == "PostgresSearchBackend":
        return _postgres_backend()(params)
    return backend
