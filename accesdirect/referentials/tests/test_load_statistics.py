"""Each referential load ends with fresh planner statistics on PostgreSQL (ANALYZE): the pages
that search communes or appellations are fast from the first request after an import."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from accesdirect.referentials.models import Appellation, Commune, NafCode
from accesdirect.testing.database import planner_rows

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE is PostgreSQL's"),
]


@pytest.mark.parametrize(
    ("command", "model"),
    [
        (("load_naf",), NafCode),
        (("load_communes", "--departements", "64"), Commune),
        (("import_rome", str(settings.ROME_SAMPLE_DIR)), Appellation),
    ],
)
def test_a_referential_load_leaves_the_planner_knowing_its_tables(command, model):
    call_command(*command, stdout=StringIO())
    assert planner_rows(model) == model.objects.count() > 0
