from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from cylch import views

# Both admins sign in through allauth's login, which carries the rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Cylch"

# A database that does not answer gets a page asking to try again, with a 503.
handler500 = "cylch.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("me/notifications/", include("inquiries.me_urls")),
    path("me/weeknotes/", include("cms.drafts.urls")),
    path("me/", include("accounts.urls")),
    path("inquiries/", include("inquiries.urls")),
    path("cohorts/<slug:slug>/", include("contributions.urls")),
    path("", include("cohorts.urls")),
    path("", include("cms.urls")),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every path not caught above: keep it last.
urlpatterns += [path("", include(wagtail_urls))]
