"""Settings for bench/task_worker.py: the test settings, with production's task queue and
each email written to a file in the folder the bench names."""

import os

from cylch.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("CYLCH_BENCH_OUTBOX", "")
