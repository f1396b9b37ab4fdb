import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.companies.models import Company
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Boulangerie Lacoste",
        "siret": "",
        "commune": f.CommuneFactory().pk,
        "naf": "",
        "size_band": "1-9",
        "address": "3 rue des Cordeliers",
        "phone": "",
        "email": "",
        "followed_by": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_the_creation_form_offers_to_follow_the_company_myself(camille_client, camille):
    response = camille_client.get(reverse("companies:create"))
    assert response.status_code == 200
    assert f'<option value="{camille.pk}" selected>' in response.text


def test_creating_a_company(camille_client, pau, camille):
    siret = f.valid_siret()
    response = camille_client.post(
        reverse("companies:create"), form_data(siret=f"{siret[:9]} {siret[9:]}", followed_by=camille.pk)
    )
    with scopes_disabled():
        company = Company.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("companies:detail", args=[company.pk])
    assert company.structure == pau
    assert company.siret == siret
    assert company.followed_by == camille


def test_a_bad_siret_is_shown_in_french_and_the_input_kept(camille_client):
    response = camille_client.post(reverse("companies:create"), form_data(siret="12345678901234"))
    assert response.status_code == 200
    assert "n&#x27;est pas valide" in response.text
    assert 'value="Boulangerie Lacoste"' in response.text
    assert 'value="3 rue des Cordeliers"' in response.text
    with scopes_disabled():
        assert not Company.objects.exists()


def test_a_duplicate_siret_is_shown_in_french(camille_client, pau):
    existing = f.CompanyFactory(structure=pau)
    response = camille_client.post(reverse("companies:create"), form_data(siret=existing.siret))
    assert response.status_code == 200
    assert "Une entreprise avec ce SIRET existe déjà" in response.text
    with scopes_disabled():
        assert Company.objects.count() == 1


def test_someone_of_another_structure_cannot_follow_the_company(camille_client, bixente):
    response = camille_client.post(reverse("companies:create"), form_data(followed_by=bixente.pk))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text


def test_editing_a_company(camille_client, pau):
    company = f.CompanyFactory(structure=pau, name="Ancien nom")
    url = reverse("companies:edit", args=[company.pk])
    assert 'value="Ancien nom"' in camille_client.get(url).text
    data = form_data(name="Nouveau nom", siret=company.siret, commune=company.commune_id)
    response = camille_client.post(url, data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Nouveau nom"


def test_editing_to_a_taken_siret_keeps_the_input(camille_client, pau):
    taken = f.CompanyFactory(structure=pau)
    company = f.CompanyFactory(structure=pau, name="Ancien nom")
    data = form_data(name="Nouveau nom", siret=taken.siret, commune=company.commune_id)
    response = camille_client.post(reverse("companies:edit", args=[company.pk]), data)
    assert "Une entreprise avec ce SIRET existe déjà" in response.text
    assert 'value="Nouveau nom"' in response.text
    company.refresh_from_db()
    assert company.name == "Ancien nom"
