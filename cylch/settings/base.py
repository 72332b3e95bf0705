"""Settings shared by every environment: safe by default, read from the environment.

Local, test and production modules build on this one. A value that production
must have is read with ``env_required`` there, so a missing one stops start-up
with a message naming it.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "cylch",  # the wiring: only for its commands (seed_demo, send_digests)
    "accounts",
    "cohorts",
    "inquiries",
    "cms",
    "contributions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",  # wagtail.users, narrowed for staff
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",  # its table is the queue in production, and the admin lists it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cylch.middleware.ContentSecurityPolicyMiddleware",
    "cylch.middleware.PermissionsPolicyMiddleware",
    "cylch.middleware.RejectControlCharactersMiddleware",
    "kernel.page_cache.PublicPageCacheMiddleware",  # before the session: a hit costs no query
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.acting.ActingPersonMiddleware",  # who changes an account, for its log
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cylch.urls"
WSGI_APPLICATION = "cylch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "inquiries.context_processors.notifications",
                "cylch.context_processors.navigation",
            ],
            # The kernel is no app, so its template libraries are named here.
            "libraries": {
                "form_errors": "kernel.form_errors",
                "submissions": "kernel.submissions",
            },
        },
    },
]

# Database: a SQLite file unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction takes the write lock when it begins, so a second writer waits for
    # the first and then sees its rows (a form sent twice at once answers as the first
    # did) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every process, which the rate
# limits need in production), otherwise this process's memory. When Redis does
# not answer, pages are served without it (cylch/cache.py); the short timeouts
# bound what an unreachable Redis host costs a request.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cylch.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cylch",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages kept whole in the default cache for anonymous visitors, by URL name, and
# for how long at most (seconds) if no change empties the cache first: kernel/page_cache.py,
# docs/performance.md "Caching public pages".
PUBLIC_PAGE_CACHE = {
    "URL_NAMES": [
        "wagtail_serve",  # home, the weeknote index and its filters, weeknotes
        "cms:feed_rss",
        "cms:feed_atom",
        "cms:sitemap",
        "cms:sitemap_section",
        "cms:open_data",
        "cms:search",
        # The open data files: made whole, once per change, instead of for each download.
        "cms:weeknotes_json",
        "cms:weeknotes_csv",
        "cms:cohorts_json",
        "cms:dataset_json",  # sector-links: see contributions/open_data.py for what renews it
        "cms:dataset_csv",
        "cohorts:issue_list",
        "cohorts:issue_detail",
    ],
    # The query keys these pages read (the weeknote filters, the page numbers); a
    # request with any other is served without the cache (kernel/page_cache.py).
    # p: a sitemap's page; q: what was searched for.
    "QUERY_KEYS": ["page", "tag", "issue", "cohort", "author", "p", "q"],
    # Seconds a page may be kept (a safety net: changes renew it at once); 0 turns the
    # page cache off, as `make bench` does to measure the pages themselves.
    "TIMEOUT": env_int("PUBLIC_PAGE_CACHE_SECONDS", 600),
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:me"

# django-allauth: email is the login; verified before first sign-in; no
# answer ever tells whether an address has an account, by its content or by
# its time (accounts/signup.py).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming in the browser that signed up signs the person in and takes them where they
# were going (the sign-up's ?next=); allauth does this only within that session.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cylch] "
# allauth's rate limits are on by default (ACCOUNT_RATE_LIMITS); tests hold us to them.
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {
    "signup": "accounts.signup.SignupForm",
    **{
        name: f"accounts.entrance_forms.{form}"
        for name, form in [
            ("login", "LoginForm"),
            ("reauthenticate", "ReauthenticateForm"),
            ("reset_password", "ResetPasswordForm"),
            ("reset_password_from_key", "ResetPasswordKeyForm"),
            ("change_password", "ChangePasswordForm"),
            ("set_password", "SetPasswordForm"),
            ("add_email", "AddEmailForm"),  # with ACCOUNT_CHANGE_EMAIL, the change form
        ]
    },
}

# Wagtail's admin signs in through allauth's rate-limited login.
WAGTAIL_SITE_NAME = "Cylch"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Background work (emails, the daily round, Wagtail's own indexing) runs as tasks.
# Here they run at once, in the process that queues them; production queues them in
# the database for `manage.py db_worker` (docs/deployment.md, "Background work").
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail's database backend, ranked in one pass on SQLite (kernel/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "kernel.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# The admin sends nothing to third parties: no avatars from Gravatar (they
# would carry a hash of each editor's address) and no version check from the
# browser; upgrades come through the lock files.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LANGUAGE_CODE = "en-gb"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: printed to the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cylch <noreply@cylch.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN.

# Headers (docs/decisions.md, "Headers"). Cylch's own pages run no script and
# take styles, images and forms from this site only. cylch/middleware.py sends
# the admin policy under /admin/ and /django-admin/ instead, and lets a view
# that allows same-origin framing (Wagtail's previews) be framed by the site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "style-src": [SELF],
        "img-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Wagtail 8's panels, choosers and date fields write inline <script> into its
# pages, and Draftail adds <style> elements as one types: the admin, and only
# the admin, runs inline script and style.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "object-src": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Nothing here uses these browser features; no page or frame may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail 8 runs its background work through django-tasks, which logs every
    # task at INFO: hundreds of lines for one seed_demo.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
