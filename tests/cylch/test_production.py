"""What the production settings and the gunicorn config give an operator.

Each case runs in a fresh interpreter with the production environment, as a deployment would.
"""

import json
import os
import subprocess
import sys

from tests.cylch.test_settings import PRODUCTION_ENV, ROOT, run_python

BUCKET_ENV = {
    **PRODUCTION_ENV,
    "AWS_STORAGE_BUCKET_NAME": "cylch-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-west-2",
}

READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                settings.CSRF_COOKIE_SECURE, settings.CSRF_COOKIE_HTTPONLY],
    "HSTS": [settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS],
    "proxies": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "media": settings.STORAGES["default"],
    "img-src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin img-src": settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""

# A hashed static file, fetched as a browser would, through whitenoise alone.
FETCH_STATIC = """
import django
django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("css/cylch.css")
response = Client().get(url, secure=True, HTTP_HOST="cylch.example.org")
print(url, response.status_code, response["Cache-Control"])
"""


def read_settings(env):
    result = run_python("cylch.settings.production", env, ["-c", READ_SETTINGS])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_shares_cache_and_sessions_and_keeps_cookies_secure():
    values = read_settings(PRODUCTION_ENV)

    assert values["CACHE"] == "cylch.cache.ForgivingRedisCache"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["cookies"] == [True, True, True, True]
    assert values["HSTS"] == [31_536_000, True]
    assert values["proxies"] == 1  # rate limits count the client, not the proxy
    assert values["media"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_production_keeps_media_in_the_named_bucket_and_lets_pages_show_its_images():
    values = read_settings(BUCKET_ENV)

    assert values["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = values["media"]["OPTIONS"]
    assert options["bucket_name"] == "cylch-media"
    assert options["endpoint_url"] == "https://objects.example.net"
    assert options["file_overwrite"] is False
    assert values["img-src"] == ["'self'", "https://objects.example.net"]
    assert "https://objects.example.net" in values["admin img-src"]


def test_a_bucket_without_an_address_is_refused_by_name():
    env = {k: v for k, v in BUCKET_ENV.items() if k != "AWS_S3_ENDPOINT_URL"}

    result = run_python("cylch.settings.production", env, ["manage.py", "check"])

    assert result.returncode != 0
    assert "The environment variable AWS_S3_ENDPOINT_URL is required" in result.stderr


def test_the_deployment_checklist_is_clean_with_media_in_a_bucket():
    result = run_python(
        "cylch.settings.production",
        BUCKET_ENV,
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_collectstatic_writes_hashed_files_that_whitenoise_serves_for_a_year(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static")}

    collected = run_python(
        "cylch.settings.production", env, ["manage.py", "collectstatic", "--no-input"]
    )
    fetched = run_python("cylch.settings.production", env, ["-c", FETCH_STATIC])

    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    url, status, cache_control = fetched.stdout.split(" ", 2)
    assert url.startswith("/static/css/cylch.") and url != "/static/css/cylch.css"
    assert status == "200"
    assert "max-age=315360000" in cache_control


def test_gunicorn_takes_its_address_and_workers_from_the_environment():
    env = {**PRODUCTION_ENV, "GUNICORN_BIND": "127.0.0.1:8123", "WEB_CONCURRENCY": "3"}

    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "cylch/gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    config = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert config["bind"] == "['127.0.0.1:8123']"
    assert config["workers"] == "3"
    assert config["wsgi_app"] == "cylch.wsgi:application"
    assert config["control_socket_disable"] == "True"
    assert config["max_requests_jitter"] == "100"


def test_an_image_in_the_bucket_has_a_signed_address_the_pages_policy_allows():
    env = {**BUCKET_ENV, "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"}
    code = """
import django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(settings.MEDIA_ORIGIN, default_storage.url("original_images/harbour.jpg"))
"""

    result = run_python("cylch.settings.production", env, ["-c", code])

    assert result.returncode == 0, result.stderr
    origin, url = result.stdout.split()
    assert origin == "https://objects.example.net"
    assert url.startswith(f"{origin}/cylch-media/original_images/harbour.jpg?")
    assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in url and "X-Amz-Signature=" in url
