from django.urls import path

from .views import notifications

app_name = "notifications"

urlpatterns = [
    path("", notifications.notification_list, name="list"),
    path("<int:pk>/", notifications.notification_open, name="open"),
    path("read/", notifications.notifications_mark_all_read, name="mark_all_read"),
    path("settings/", notifications.notification_settings, name="settings"),
]
