from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("new/", views.inquiry_create, name="create"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/edit/", views.inquiry_edit, name="edit"),
    path("<int:pk>/visibility/", views.inquiry_visibility, name="visibility"),
    path("<int:pk>/cycles/new/", views.cycle_start, name="cycle_start"),
    path("<int:pk>/cycles/<int:number>/phase/", views.cycle_phase, name="cycle_phase"),
    path("<int:pk>/cycles/<int:number>/close/", views.cycle_close, name="cycle_close"),
    path("<int:pk>/cycles/<int:number>/<str:kind>/new/", views.entry_create, name="entry_create"),
    path("<int:pk>/entries/<int:entry_pk>/edit/", views.entry_edit, name="entry_edit"),
    path(
        "<int:pk>/entries/<int:entry_pk>/revisions/",
        views.entry_revisions,
        name="entry_revisions",
    ),
    path("<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.comment_edit, name="comment_edit"),
    path(
        "<int:pk>/comments/<int:comment_pk>/remove/",
        views.comment_remove,
        name="comment_remove",
    ),
]
