"""Settings are read from the environment; production refuses to start without its secrets.

Each case imports the settings in a fresh interpreter, as a deployment would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-secret-of-fifty-or-more-characters-0123456789abcdef",
    "ALLOWED_HOSTS": "cylch.example.org",
    "SITE_URL": "https://cylch.example.org",
    "DATABASE_URL": "postgresql://cylch@db.internal:5432/cylch",
    "REDIS_URL": "redis://cache.internal:6379/0",
}

READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "SITE_URL": settings.SITE_URL,
    "SECRET_KEY": settings.SECRET_KEY,
}))
"""


def run_python(settings_module, env, code):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for browser tests only; a deployment never has it.
    ours = {*PRODUCTION_ENV, "DEBUG", "EMAIL_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {k: v for k, v in os.environ.items() if k not in ours}
    clean_env.update({"DJANGO_SETTINGS_MODULE": settings_module, **env})
    return subprocess.run(
        [sys.executable, *code],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(settings_module, env):
    result = run_python(settings_module, env, ["-c", READ_SETTINGS])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_local_defaults_need_no_server():
    values = read_settings("cylch.settings.local", {})

    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DB_NAME"].endswith("db.sqlite3")
    assert values["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["DEBUG"] is True


def test_local_settings_follow_the_environment():
    values = read_settings(
        "cylch.settings.local",
        {
            "DATABASE_URL": "postgresql://someone@127.0.0.1:5432/elsewhere",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "ALLOWED_HOSTS": "a.example, b.example",
            "DEBUG": "false",
            "EMAIL_HOST": "smtp.example",
            "SITE_URL": "https://cylch.example/",
        },
    )

    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["DB_NAME"] == "elsewhere"
    assert values["CACHE"] == "cylch.cache.ForgivingRedisCache"
    assert values["ALLOWED_HOSTS"] == ["a.example", "b.example"]
    assert values["DEBUG"] is False
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["SITE_URL"] == "https://cylch.example"


def test_a_malformed_boolean_is_refused_by_name():
    result = run_python("cylch.settings.local", {"DEBUG": "maybe"}, ["-c", READ_SETTINGS])

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_reads_its_secrets_from_the_environment():
    values = read_settings("cylch.settings.production", PRODUCTION_ENV)

    assert values["SECRET_KEY"] == PRODUCTION_ENV["SECRET_KEY"]
    assert values["ALLOWED_HOSTS"] == ["cylch.example.org"]
    assert values["DEBUG"] is False


def test_production_refuses_to_start_without_each_required_variable():
    for missing in PRODUCTION_ENV:
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

        result = run_python("cylch.settings.production", env, ["manage.py", "check"])

        assert result.returncode != 0, missing
        assert f"The environment variable {missing} is required" in result.stderr


def test_production_passes_the_deployment_checklist_without_a_warning():
    result = run_python(
        "cylch.settings.production",
        PRODUCTION_ENV,
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
