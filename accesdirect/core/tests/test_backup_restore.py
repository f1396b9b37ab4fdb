"""deploy/backup.sh and deploy/restore.sh, as the README's production section runs them: the
test database dumped, restored into a new database, and the site's schema and rows found there.

PostgreSQL only (pg_dump is PostgreSQL's): CI runs the suite on PostgreSQL too."""

import os
import subprocess
import sys
import time

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django_scopes import scopes_disabled

from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f
from accesdirect.testing.database import child_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"),
]
DEPLOY = settings.BASE_DIR / "deploy"


def _run(script: str, *args: str, database_url: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the project's own scripts
        [str(DEPLOY / script), *args],
        env={**os.environ, "DATABASE_URL": database_url, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def new_database_url():
    """An empty database beside the test one, dropped after the test."""
    name = f"{connection.settings_dict['NAME']}_restored"
    url = child_database_url().rsplit("/", 1)[0]
    with psycopg.connect(url + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{url}/{name}"
    with psycopg.connect(url + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_new_database_with_every_row_and_migration(tmp_path, new_database_url, pau):
    person = f.JobSeekerFactory(structure=pau, first_name="Aimé", last_name="Etchegaray")
    old_dump = tmp_path / "accesdirect-20000101-000000.dump"
    old_dump.write_text("")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old_dump, (forty_days_ago, forty_days_ago))

    backup = _run("backup.sh", database_url=child_database_url(), BACKUP_DIR=str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    dump = backup.stdout.strip()
    assert os.stat(dump).st_mode & 0o077 == 0  # personal data: the owner's only
    assert not old_dump.exists()  # past BACKUP_KEEP_DAYS (30)

    restore = _run("restore.sh", dump, database_url=new_database_url)
    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(new_database_url) as restored:
        row = restored.execute(
            "SELECT first_name, last_name, structure_id FROM seekers_jobseeker WHERE id = %s", [person.pk]
        ).fetchone()
    assert row == ("Aimé", "Etchegaray", pau.pk)
    # Every migration is recorded as applied there: the site can start on it as it is.
    check = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "migrate", "--check"],
        env={**os.environ, "DATABASE_URL": new_database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    again = _run("restore.sh", dump, database_url=new_database_url)
    assert again.returncode != 0
    assert "base neuve" in again.stderr
    with scopes_disabled():
        assert JobSeeker.objects.count() == 1
