"""What the API (/api/v2/pages/) says about a weeknote's issue, cohort and authors,
and the JSON the API and open data share.

Plain read-only serializers that name each field: the public shape reads in one
place, and needing no model lets ``cms/models.py`` use them in ``api_fields``.
"""

from rest_framework import serializers

# In valid JSON these appear only inside strings, where a \u escape means the same.
_JSON_MARKUP_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def escape_json_markup(text: str) -> str:
    """JSON text in which no markup can be read: "<", ">" and "&" as \\u escapes.

    A reader parsing the JSON gets the same text; a browser or a careless page that
    takes it for HTML finds no tag in it.
    """
    return text.translate(_JSON_MARKUP_ESCAPES)


class IssueSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)


class CohortSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    place = serializers.CharField(read_only=True)


class AuthorSummarySerializer(serializers.Serializer):
    """A byline: the name as published and the public slug, never an email address."""

    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
