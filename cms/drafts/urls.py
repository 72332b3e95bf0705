from django.urls import path

from . import views

app_name = "weeknote_drafts"

urlpatterns = [
    path("", views.my_weeknotes, name="list"),
    path("new/<int:cycle_pk>/", views.draft_start, name="start"),
    path("<int:pk>/", views.draft_detail, name="detail"),
    path("<int:pk>/edit/", views.draft_edit, name="edit"),
    path("<int:pk>/submit/", views.draft_submit, name="submit"),
    path("<int:pk>/withdraw/", views.draft_withdraw, name="withdraw"),
    path("<int:pk>/unpublish/", views.draft_unpublish, name="unpublish"),
    path("<int:pk>/delete/", views.draft_delete, name="delete"),
    path("<int:pk>/comments/", views.draft_comment, name="comment"),
]
