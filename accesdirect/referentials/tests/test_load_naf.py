import pytest
from django.core.management import call_command

from accesdirect.referentials.models import NafCode

pytestmark = pytest.mark.django_db


def test_the_naf_codes_are_loaded_with_their_section(capsys):
    call_command("load_naf")
    assert "732 codes NAF chargés" in capsys.readouterr().out
    cleaning = NafCode.objects.get(code="81.21Z")
    assert cleaning.label == "Nettoyage courant des bâtiments"
    assert cleaning.section == "N"
    assert cleaning.section_label == "Activités de services administratifs et de soutien"


def test_reloading_the_naf_updates_without_duplicates():
    call_command("load_naf")
    NafCode.objects.filter(code="81.21Z").update(label="ancien libellé")
    call_command("load_naf")
    assert NafCode.objects.count() == 732
    assert NafCode.objects.get(code="81.21Z").label == "Nettoyage courant des bâtiments"
