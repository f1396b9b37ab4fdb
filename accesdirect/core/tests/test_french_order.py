"""Lists sort names as the French do, on both databases: "Étienne" with the E's."""

import pytest
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

NAMES = ("Zoé", "Étienne", "emma", "Eric", "Fabien", "Élodie", "Abel")
FRENCH_ORDER = ["Abel", "Élodie", "emma", "Eric", "Étienne", "Fabien", "Zoé"]


def _in_page_order(page: str, names) -> list[str]:
    return sorted(names, key=page.index)


def test_the_people_list_sorts_accented_names_with_their_letter(camille_client, pau):
    for name in NAMES:
        f.JobSeekerFactory(structure=pau, last_name=name, first_name="Test")
    page = camille_client.get(reverse("seekers:list")).text
    assert _in_page_order(page, NAMES) == FRENCH_ORDER


def test_the_company_list_sorts_accented_names_with_their_letter(camille_client, pau):
    for name in NAMES:
        f.CompanyFactory(structure=pau, name=f"{name} SARL")
    page = camille_client.get(reverse("companies:list")).text
    assert _in_page_order(page, [f"{name} SARL" for name in NAMES]) == [f"{n} SARL" for n in FRENCH_ORDER]
