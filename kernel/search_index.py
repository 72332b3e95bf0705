"""Keeping a search index fresh when what an object is indexed with lives on another model.

Wagtail indexes an object when it is saved, with the fields of its related objects as
they are then (``index.RelatedFields``); renaming the related object does not reach it.
"""

from wagtail.search.backends import get_search_backends


def reindex(queryset) -> None:
    """Index these objects again, in every search backend that follows saves."""
    model = queryset.model
    objects = list(model.get_indexed_objects().filter(pk__in=queryset.values("pk")))
    if objects:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
