from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.start, name="me"),
    path("profile/", views.profile, name="profile"),
]
