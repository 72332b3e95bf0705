from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.start, name="me"),
    path("profile/", views.profile, name="profile"),
    path("export/", views.export, name="export"),
    path("export/download/", views.export_download, name="export_download"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.account_deleted, name="deleted"),
]
