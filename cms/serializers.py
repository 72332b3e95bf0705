"""What the API (/api/v2/pages/) says about a weeknote's issue, cohort and authors.

Plain read-only serializers that name each field: the public shape reads in one
place, and needing no model lets ``cms/models.py`` use them in ``api_fields``.
"""

from rest_framework import serializers


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
