"""Pages under /cohorts/<slug>/ that belong to the web between people's work."""

from django.urls import path

from . import map_views

app_name = "contributions"

urlpatterns = [
    path("map/", map_views.relationship_map_page, name="relationship_map"),
]
