"""The demo load ends with fresh planner statistics on PostgreSQL (ANALYZE of every table):
its first pages are not planned as if the tables were empty."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django_scopes import scopes_disabled

from accesdirect.seekers.models import JobSeeker
from accesdirect.testing.database import planner_rows

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_flag"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE is PostgreSQL's"),
]


def test_the_demo_load_leaves_the_planner_knowing_its_tables(referentials):
    call_command("load_demo", scale=0.02, stdout=StringIO())
    with scopes_disabled():
        people = JobSeeker.objects.count()
    assert planner_rows(JobSeeker) == people > 0
