"""After a bulk load, PostgreSQL's planner knows the tables' sizes at once (ANALYZE) instead of
believing them empty until autovacuum passes. The loads themselves are tested in their apps."""

import pytest
from django.db import connection

from accesdirect.core.database import analyze_after_bulk_load
from accesdirect.referentials.models import Commune
from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f
from accesdirect.testing.database import planner_rows

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE is PostgreSQL's")
def test_the_tables_of_the_apps_named_are_analyzed_or_else_every_table(unscoped):
    f.JobSeekerFactory.create_batch(2)
    tables = analyze_after_bulk_load("referentials")
    assert Commune._meta.db_table in tables
    assert JobSeeker._meta.db_table not in tables
    assert planner_rows(Commune) == Commune.objects.count() > 0
    assert JobSeeker._meta.db_table in analyze_after_bulk_load()
    assert planner_rows(JobSeeker) == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_keeps_its_own_estimates():
    assert analyze_after_bulk_load() == []
