from django.urls import path

from .views import comments, cycles, entries, inquiries

app_name = "inquiries"

urlpatterns = [
    path("", inquiries.inquiry_list, name="list"),
    path("new/", inquiries.inquiry_create, name="create"),
    path("<int:pk>/", inquiries.inquiry_detail, name="detail"),
    path("<int:pk>/edit/", inquiries.inquiry_edit, name="edit"),
    path("<int:pk>/visibility/", inquiries.inquiry_visibility, name="visibility"),
    path("<int:pk>/cycles/new/", cycles.cycle_start, name="cycle_start"),
    path("<int:pk>/cycles/<int:number>/phase/", cycles.cycle_phase, name="cycle_phase"),
    path("<int:pk>/cycles/<int:number>/close/", cycles.cycle_close, name="cycle_close"),
    path("<int:pk>/cycles/<int:number>/<str:kind>/new/", entries.entry_create, name="entry_create"),
    path("<int:pk>/entries/<int:entry_pk>/edit/", entries.entry_edit, name="entry_edit"),
    path(
        "<int:pk>/entries/<int:entry_pk>/revisions/",
        entries.entry_revisions,
        name="entry_revisions",
    ),
    path("<int:pk>/comments/", comments.comment_create, name="comment_create"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", comments.comment_edit, name="comment_edit"),
    path(
        "<int:pk>/comments/<int:comment_pk>/remove/",
        comments.comment_remove,
        name="comment_remove",
    ),
]
