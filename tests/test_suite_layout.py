"""Where the tests that use a database are. `.ci/run` runs the suite on SQLite (the README's command) and
then once more on PostgreSQL, but the second time only ``tests/web`` and ``tests/browser``: every other
test is of the analytics core, the command line or the reports, which open no database
(docs/architecture.md: the core knows nothing of Django), and would only run a second time to the same
result. This guards that split: a test elsewhere that reached for Django or its database would be tested
on SQLite alone."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
#: the folders `.ci/run` runs again on PostgreSQL
DATABASE_FOLDERS = ("web", "browser")
#: Django's test settings, and the real job workers of tests/web and tests/browser
WEB_SUPPORT = ("settings.py", "support/workers.py")

DATABASE_USE = re.compile(
    r"^\s*(?:from|import)\s+(?:django|pytest_django|paritas\.web)\b"  # an import of Django or the platform
    r"|\b(?:db|transactional_db|django_db_setup|django_db_blocker|live_server|admin_client|rf)\s*[,)]"  # a fixture
    r"|mark\.django_db",
    re.MULTILINE)


def _outside_the_database_folders() -> list[Path]:
    return [path for path in sorted(TESTS.rglob("*.py"))
            if path.relative_to(TESTS).parts[0] not in DATABASE_FOLDERS
            and path.relative_to(TESTS).as_posix() not in WEB_SUPPORT and path != Path(__file__).resolve()]


def test_only_the_web_and_browser_tests_use_a_database():
    files = _outside_the_database_folders()
    assert len(files) > 20  # the core's, the CLI's and the reports' tests are all looked at
    found = {path.relative_to(TESTS).as_posix(): match.group(0).strip()
             for path in files for match in [DATABASE_USE.search(path.read_text(encoding="utf-8"))] if match}
    assert found == {}, f"tests outside tests/web and tests/browser that use Django or a database: {found}"


def test_the_guard_sees_a_test_that_uses_the_database():
    for source in ("from django.test import Client\n", "import paritas.web.crypto\n",
                   "def test_x(db):\n", "def test_y(tmp_path, live_server):\n",
                   "@pytest.mark.django_db\n"):
        assert DATABASE_USE.search(source), source
    for source in ("def test_z(tmp_path):\n", "# the database\n", "client = Client(base)\n",
                   "dbx = 1\n", "from paritas.analytics import io\n"):
        assert not DATABASE_USE.search(source), source


def test_ci_runs_the_database_folders_again_on_postgresql():
    ci = (TESTS.parent / ".ci" / "run").read_text(encoding="utf-8")
    line = next(x for x in ci.splitlines() if "DATABASE_URL=" in x and "pytest" in x)
    assert all(f"tests/{folder}" in line.split() for folder in DATABASE_FOLDERS), line
