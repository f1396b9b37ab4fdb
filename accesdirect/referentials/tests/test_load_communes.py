import pytest
from django.core.management import call_command

from accesdirect.referentials.importers.communes import communes_load
from accesdirect.referentials.models import Commune, ReferentialLoad

pytestmark = pytest.mark.django_db


def test_pau_is_loaded_with_its_postal_code_coordinates_and_population(capsys):
    call_command("load_communes", departements="64")
    assert "communes chargées (départements 64)" in capsys.readouterr().out
    pau = Commune.objects.get(insee_code="64445")
    assert pau.name == "Pau"
    assert pau.postal_codes == "64000"
    assert pau.departement == "64"
    assert pau.latitude == pytest.approx(43.3, abs=0.05)
    assert pau.longitude == pytest.approx(-0.37, abs=0.05)
    assert pau.population > 70000
    assert Commune.objects.get(name="Lescar").postal_codes == "64230"
    assert Commune.objects.get(insee_code="64102").name == "Bayonne"


def test_only_the_requested_departements_are_loaded():
    count = communes_load(departements=["64", "40"])
    assert count == Commune.objects.count() > 800
    assert set(Commune.objects.values_list("departement", flat=True)) == {"40", "64"}
    assert ReferentialLoad.objects.get(name="communes:40,64").row_count == count
    assert not Commune.objects.filter(name="Capbis").exists()  # an associated former commune


def test_search_text_has_words_without_accents_hyphens_or_apostrophes():
    communes_load(departements=["64"])
    assert Commune.objects.get(name="Saint-Jean-de-Luz").search_text == "saint jean de luz"
    assert Commune.objects.get(insee_code="64244").search_text == "geus d oloron"  # Geüs-d'Oloron


def test_reloading_updates_without_duplicates():
    first = communes_load(departements=["64"])
    Commune.objects.filter(insee_code="64445").update(name="Pau (ancien nom)", postal_codes="")
    second = communes_load(departements=["64"])
    assert first == second == Commune.objects.count()
    pau = Commune.objects.get(insee_code="64445")
    assert (pau.name, pau.postal_codes) == ("Pau", "64000")


def test_paris_has_its_arrondissements_and_their_postal_codes():
    communes_load(departements=["75"])
    paris = Commune.objects.get(insee_code="75056")
    assert "75001" in paris.postal_codes.split()
    assert "75116" in paris.postal_codes.split()
    first = Commune.objects.get(insee_code="75101")
    assert (first.departement, first.postal_codes) == ("75", "75001")
    assert first.latitude == pytest.approx(48.86, abs=0.02)
