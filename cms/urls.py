from django.urls import path

from . import feeds, open_data, sitemaps, views

app_name = "cms"

urlpatterns = [
    path("weeknotes/feed/rss/", feeds.rss, name="feed_rss"),
    path("weeknotes/feed/atom/", feeds.atom, name="feed_atom"),
    path("search/", views.search, name="search"),
    path("open-data/", open_data.open_data, name="open_data"),
    path("open-data/weeknotes.json", open_data.weeknotes_json, name="weeknotes_json"),
    path("open-data/weeknotes.csv", open_data.weeknotes_csv, name="weeknotes_csv"),
    path("open-data/cohorts.json", open_data.cohorts_json, name="cohorts_json"),
    # Datasets other apps register (kernel.open_data), after the fixed names above.
    path("open-data/<slug:name>.json", open_data.dataset_json, name="dataset_json"),
    path("open-data/<slug:name>.csv", open_data.dataset_csv, name="dataset_csv"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
]
