"""Django settings for the test suite: the platform's settings with a throw-away data directory and a fast
password hasher. DATABASE_URL (PostgreSQL in CI's second run) passes through."""

import os
import tempfile

os.environ.setdefault("PARITAS_DATA_DIR", tempfile.mkdtemp(prefix="paritas-test-"))

from paritas.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 - no connection outlives a test (PostgreSQL drops the test DB)
# Jobs run eagerly, inside the request that submits them; tests/web/test_jobs.py and the browser's upload
# test run real workers (processes started with PARITAS_TEST_WORKER=1 use the database backend).
if not os.environ.get("PARITAS_TEST_WORKER"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, as in production (WAL, IMMEDIATE transactions), not shared-cache memory: the concurrency
    # tests then meet the same locking the platform does.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["PARITAS_DATA_DIR"], "test.sqlite3")}  # noqa: F405
