import pytest
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("companies:autocomplete")


def test_companies_are_found_by_name_or_siret(camille_client, pau):
    company = f.CompanyFactory(structure=pau, name="Boulangerie Larrieu")
    assert [item["label"] for item in camille_client.get(URL, {"q": "larrieu"}).json()] == [
        "Boulangerie Larrieu – Pau"
    ]
    assert camille_client.get(URL, {"q": company.siret[:9]}).json()[0]["id"] == company.pk


def test_companies_of_another_structure_are_never_suggested(client, pau, bixente):
    f.CompanyFactory(structure=pau, name="Boulangerie Larrieu")
    client.force_login(bixente)
    assert client.get(URL, {"q": "Larrieu"}).json() == []
