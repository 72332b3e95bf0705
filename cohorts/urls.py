from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue_detail"),
]
