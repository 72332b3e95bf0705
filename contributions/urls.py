"""Pages under /cohorts/<slug>/ that belong to the web between people's work."""

from django.urls import path

from . import map_views, views_chains

app_name = "contributions"

urlpatterns = [
    path("contributions/", views_chains.board, name="board"),
    path(
        "contributions/inquiries/<int:pk>/chain/",
        views_chains.chain_edit,
        name="chain_edit",
    ),
    path("map/", map_views.relationship_map_page, name="relationship_map"),
]
