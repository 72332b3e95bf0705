"""Deleting many rows of a model Wagtail's reference index follows (snippets, pages)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


def delete_with_references(queryset) -> None:
    """Delete these rows, and the index's entries from and to them, in a few queries:
    Wagtail's own handler asks twice per row deleted. Only for a model without parents
    whose cascade reaches no other model the index follows (those would keep entries)."""
    model = queryset.model
    pks = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    with disable_reference_index_auto_update():
        queryset.delete()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    ReferenceIndex.objects.filter(base_content_type=content_type, object_id__in=pks).delete()
    ReferenceIndex.objects.filter(to_content_type=content_type, to_object_id__in=pks).delete()
