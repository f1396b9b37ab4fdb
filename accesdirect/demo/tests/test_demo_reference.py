"""The demo loads the whole official ROME shipped with the project: every fiche its catalogue
hires for must be there, with appellations, and the sectors must find them all."""

import pytest
from django.conf import settings
from django.core.management import call_command

from accesdirect.demo.generator.catalogue import SECTORS
from accesdirect.demo.generator.reference import reference_load
from accesdirect.referentials.importers.rome import read_rome_csv, rome_files
from accesdirect.referentials.models import Fiche

CATALOGUE_FICHES = {code for sector in SECTORS for code in sector.fiche_codes}


def test_every_fiche_of_the_demo_catalogue_has_appellations_in_the_shipped_rome():
    _version, files = rome_files(settings.ROME_EXPORT)
    rows = read_rome_csv(files["referentiel_appellation"], "referentiel_appellation")
    assert CATALOGUE_FICHES - {row["code_rome"] for row in rows} == set()


@pytest.mark.django_db
def test_with_the_whole_rome_every_sector_hires_for_all_its_fiches():
    call_command("import_rome")
    call_command("load_naf")
    reference = reference_load()
    fiche_ids = dict(Fiche.objects.values_list("code", "pk"))
    assert {sector.key: sorted(sector.fiche_ids) for sector in reference.sectors} == {
        sector.key: sorted({fiche_ids[code] for code in sector.fiche_codes}) for sector in SECTORS
    }
    # Close jobs follow the ROME mobilities, now across the whole referential.
    assert all(reference.close_fiches.get(fiche_ids[code]) for code in CATALOGUE_FICHES)
