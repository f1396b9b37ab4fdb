"""The official export of France Travail (ROME v460) shipped with the project, imported whole:
wherever the repository is, with no other file at hand."""

import tarfile
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import models

from accesdirect.referentials.importers.rome import REQUIRED_COLUMNS, rome_import
from accesdirect.referentials.models import (
    Appellation,
    DomaineProfessionnel,
    Fiche,
    FicheMobility,
    GrandDomaine,
    ReferentialLoad,
    RomeSector,
)

OFFICIAL_COUNTS = {
    GrandDomaine: 14,
    DomaineProfessionnel: 110,
    Fiche: 1584,
    Appellation: 13120,
    FicheMobility: 14912,
    RomeSector: 89,
    RomeSector.fiches.through: 2920,
}


def counts() -> dict:
    return {model: model.objects.count() for model in OFFICIAL_COUNTS}


def test_the_shipped_export_holds_only_the_files_the_importer_reads_and_stays_small():
    with tarfile.open(settings.ROME_EXPORT) as archive:
        names = sorted(archive.getnames())
    assert names == sorted(f"unix_{table}_v460_utf8.csv" for table in REQUIRED_COLUMNS)
    assert settings.ROME_EXPORT.stat().st_size < 1_000_000


@pytest.mark.django_db
def test_import_rome_without_argument_loads_the_whole_shipped_export():
    out = StringIO()
    call_command("import_rome", stdout=out)
    assert out.getvalue().startswith("ROME v460 importé : 14 grands domaines, 110 domaines professionnels")
    assert counts() == OFFICIAL_COUNTS
    assert ReferentialLoad.objects.get(name="rome").row_count == 13120
    assert FicheMobility.objects.filter(order__gt=12).exists()  # numero_ordre goes past 12
    assert Appellation.objects.filter(label__contains="œ").exists()
    assert not Appellation.objects.filter(search_text__contains="é").exists()
    # ROME 4.0 split fiches: each keeps the code of the fiche it comes from.
    assert Fiche.objects.get(code="A1102").parent_code == "A1101"
    assert Fiche.objects.exclude(parent_code=models.F("code")).count() == 1052
    # The ISO-8859-15 file named "utf8" inside the archive is read by its content.
    assert RomeSector.objects.get(code="56").fiches.filter(code="G1602").exists()


@pytest.mark.django_db
def test_reimporting_the_shipped_export_updates_in_place():
    rome_import(source=settings.ROME_EXPORT)
    ids = dict(Appellation.objects.values_list("code", "pk"))
    rome_import(source=settings.ROME_EXPORT)
    assert counts() == OFFICIAL_COUNTS
    assert dict(Appellation.objects.values_list("code", "pk")) == ids
