"""Settings for the test suite: fast hashing, mail kept in memory."""

from .local import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Rate limits are part of what is tested, so the cache is a real one, kept in
# this process and cleared between tests (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
