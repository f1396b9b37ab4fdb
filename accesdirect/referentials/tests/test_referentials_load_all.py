import pytest

from accesdirect.referentials.models import Appellation, Commune, NafCode, ReferentialLoad
from accesdirect.referentials.services import referentials_load_all

pytestmark = pytest.mark.django_db


def test_everything_is_loaded_once_then_the_check_is_cheap(django_assert_num_queries):
    report = referentials_load_all(departements=["64"])
    assert report[0].startswith("ROME v460 importé")
    assert Appellation.objects.count() == 556
    assert Commune.objects.filter(insee_code="64445").exists()
    assert NafCode.objects.filter(code="81.21Z").exists()
    with django_assert_num_queries(1):
        report = referentials_load_all(departements=["64"])
    assert report == ["ROME déjà chargé.", "Communes déjà chargées.", "NAF déjà chargée."]


def test_communes_of_another_departement_are_loaded_on_request():
    for name in ["rome", "naf", "communes:64"]:
        ReferentialLoad.objects.create(name=name)
    report = referentials_load_all(departements=["40"])
    assert report[1].endswith("communes chargées.")
    assert report[0] == "ROME déjà chargé."
    assert Commune.objects.filter(departement="40").exists()
    assert not Commune.objects.filter(departement="64").exists()


def test_a_forced_load_reloads_everything():
    for name in ["rome", "naf", "communes"]:
        ReferentialLoad.objects.create(name=name)
    report = referentials_load_all(departements=["64"], force=True)
    assert not any("déjà" in line for line in report)
