"""Production: every secret comes from the environment; nothing insecure by default.

Start-up stops with a message naming the variable when SECRET_KEY,
ALLOWED_HOSTS, SITE_URL, DATABASE_URL or REDIS_URL is missing.
The variables: docs/deployment.md, "Environment variables".
"""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_required, env_str

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in env_required("ALLOWED_HOSTS").split(",") if host.strip()]
SITE_URL = env_required("SITE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
env_required("DATABASE_URL")
# Rate limits and the cache must be shared by every process and host.
env_required("REDIS_URL")

# Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# allauth's limits per address count the client's address, which each proxy in front
# adds to X-Forwarded-For; counted by the proxy's own address, every visitor would
# share one limit (20 sign-ups a minute for the whole site).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True  # nothing here reads it from script; Wagtail's admin takes the form's

# Sessions are read from Redis and written to both: a Redis restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _allow_images_from(origin, policy):
    directives = policy["DIRECTIVES"]
    return {"DIRECTIVES": {**directives, "img-src": [*directives["img-src"], origin]}}


# Uploaded images and documents: in an S3-compatible bucket when one is named,
# so every app server reads the same files; in MEDIA_ROOT otherwise (one machine).
# The keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the host's
# role), read by boto3 itself, so they never sit in the settings.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN")
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or (
        None if AWS_S3_CUSTOM_DOMAIN else env_required("AWS_S3_ENDPOINT_URL")
    )
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": AWS_S3_ENDPOINT_URL,
                "region_name": env_str("AWS_S3_REGION_NAME"),
                "custom_domain": AWS_S3_CUSTOM_DOMAIN,
                # Files are addressed as <endpoint>/<bucket>/<name>: one origin to allow.
                "addressing_style": "path",
                # Two uploads named "report.pdf" are two files, as on a disk.
                "file_overwrite": False,
                # Links to files are signed and expire (unless a custom domain serves
                # them), so a document in a private collection is not readable by
                # whoever once saw its address.
                "querystring_auth": True,
                # boto3 would sign some addresses the old way (v2), which AWS's newer
                # regions and some providers refuse.
                "signature_version": "s3v4",
            },
        },
    }
    # Pages and the admin show images from the bucket's address.
    _media = urlsplit(
        f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else AWS_S3_ENDPOINT_URL
    )
    MEDIA_ORIGIN = f"{_media.scheme}://{_media.netloc}"
    CONTENT_SECURITY_POLICY = _allow_images_from(MEDIA_ORIGIN, CONTENT_SECURITY_POLICY)  # noqa: F405
    ADMIN_CONTENT_SECURITY_POLICY = _allow_images_from(MEDIA_ORIGIN, ADMIN_CONTENT_SECURITY_POLICY)  # noqa: F405

# Tasks wait in the database for `manage.py db_worker`: a request never waits for an
# email, and any number of workers share the queue (docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
