"""The importer on the real export of France Travail (ROME v460), when it is at hand."""

from pathlib import Path

import pytest
from django.db import models

from accesdirect.referentials.importers.rome import rome_import
from accesdirect.referentials.models import (
    Appellation,
    DomaineProfessionnel,
    Fiche,
    FicheMobility,
    GrandDomaine,
    RomeSector,
)

OFFICIAL_DIR = Path("/work/shared/data/rome-v460")

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_dir():
    if not OFFICIAL_DIR.is_dir():
        pytest.skip("the official ROME v460 files are not available here")
    return OFFICIAL_DIR


def test_the_official_files_import_completely(official_dir):
    result = rome_import(directory=official_dir)
    assert result.version == "460"
    assert GrandDomaine.objects.count() == 14
    assert DomaineProfessionnel.objects.count() == 110
    assert Fiche.objects.count() == 1584
    assert Appellation.objects.count() == 13120
    assert FicheMobility.objects.count() == 14912
    assert RomeSector.objects.count() == 89
    assert RomeSector.fiches.through.objects.count() == 2920
    assert FicheMobility.objects.filter(order__gt=12).exists()  # numero_ordre goes past 12
    assert Appellation.objects.filter(label__contains="œ").exists()
    assert not Appellation.objects.filter(search_text__contains="é").exists()


def test_reimporting_the_official_files_changes_no_count(official_dir):
    rome_import(directory=official_dir)
    rome_import(directory=official_dir)
    assert Fiche.objects.count() == 1584
    assert Appellation.objects.count() == 13120
    assert FicheMobility.objects.count() == 14912


def test_the_official_files_carry_the_historical_fiches(official_dir):
    rome_import(directory=official_dir)
    assert Fiche.objects.get(code="A1102").parent_code == "A1101"
    assert Fiche.objects.exclude(parent_code=models.F("code")).count() == 1052
