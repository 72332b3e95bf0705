"""Pages under /cohorts/<slug>/ that belong to the web between people's work."""

from django.urls import path

from . import map_views, views_asks, views_chains

app_name = "contributions"

urlpatterns = [
    path("contributions/", views_chains.board, name="board"),
    path(
        "contributions/inquiries/<int:pk>/chain/",
        views_chains.chain_edit,
        name="chain_edit",
    ),
    path("map/", map_views.relationship_map_page, name="relationship_map"),
    # Asks and offers (contributions/views_asks.py)
    path("asks/", views_asks.ask_list, name="ask_list"),
    path("asks/new/", views_asks.ask_create, name="ask_create"),
    path("asks/<int:pk>/", views_asks.ask_detail, name="ask_detail"),
    path("asks/<int:pk>/close/", views_asks.ask_close, name="ask_close"),
    path("asks/<int:pk>/offers/new/", views_asks.offer_create, name="offer_create"),
    path("asks/<int:pk>/offers/<int:offer_pk>/", views_asks.offer_thread, name="offer_thread"),
    path(
        "asks/<int:pk>/offers/<int:offer_pk>/take-up/",
        views_asks.offer_take_up,
        name="offer_take_up",
    ),
]
