"""Settings for one machine: SQLite, memory cache, email on the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", default=True)
# A fixed, obviously fake key: local sessions survive restarts, and the
# production settings refuse to start without a real one.
SECRET_KEY = env_str("SECRET_KEY") or "local-only-not-secret-cylch-development-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Serve CSS from the source folders without collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# whitenoise serves straight from the source folders; there is no collectstatic here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
