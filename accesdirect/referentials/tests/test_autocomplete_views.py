import pytest
from django.urls import reverse

from accesdirect.referentials.text import fold
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

COMMUNES = reverse("referentials:communes")
APPELLATIONS = reverse("referentials:appellations")


def commune(name, insee_code, postal_codes, population):
    return f.CommuneFactory(
        name=name,
        insee_code=insee_code,
        postal_codes=postal_codes,
        departement=insee_code[:2],
        population=population,
        search_text=fold(name),
    )


@pytest.fixture
def communes(pau):
    """Pau (75,000 people, created with the structure) and some neighbours."""
    return {
        "lescar": commune("Lescar", "64335", "64230", 10000),
        "paulhac": commune("Paulhac", "15145", "15430", 300),
        "saint_paul": commune("Saint-Paul-lès-Dax", "40279", "40990", 13000),
        "saint_jean": commune("Saint-Jean-de-Luz", "64483", "64500", 14000),
        "saint_jean_pied": commune("Saint-Jean-Pied-de-Port", "64485", "64220", 1500),
    }


def labels(response):
    return [option["label"] for option in response.json()]


def test_communes_are_found_by_the_start_of_their_name_words_biggest_first(camille_client, communes):
    response = camille_client.get(COMMUNES, {"q": "pau"})
    assert labels(response) == ["Pau (64000)", "Paulhac (15430)", "Saint-Paul-lès-Dax (40990)"]
    assert set(response.json()[0]) == {"id", "label"}


def test_several_words_must_all_match_whatever_the_hyphens_and_accents(camille_client, communes):
    response = camille_client.get(COMMUNES, {"q": "saint jean"})
    assert labels(response) == ["Saint-Jean-de-Luz (64500)", "Saint-Jean-Pied-de-Port (64220)"]
    response = camille_client.get(COMMUNES, {"q": "Saint-Paul-les"})
    assert labels(response) == ["Saint-Paul-lès-Dax (40990)"]


def test_communes_are_found_by_postal_code(camille_client, communes):
    response = camille_client.get(COMMUNES, {"q": "64230"})
    assert response.json() == [{"id": communes["lescar"].pk, "label": "Lescar (64230)"}]
    response = camille_client.get(COMMUNES, {"q": "642"})
    assert labels(response) == ["Lescar (64230)", "Saint-Jean-Pied-de-Port (64220)"]


def test_a_postal_code_listed_second_is_found(camille_client, pau):
    commune("Marseille", "13055", "13001 13002 13003", 860000)
    response = camille_client.get(COMMUNES, {"q": "13002"})
    assert labels(response) == ["Marseille (13001)"]


def test_at_most_twenty_communes_are_suggested(camille_client, pau):
    for number in range(25):
        commune(f"Village {number}", f"64{number:03d}", f"64{100 + number}", number)
    assert len(camille_client.get(COMMUNES, {"q": "64"}).json()) == 20
    assert len(camille_client.get(COMMUNES, {"q": "village"}).json()) == 20


def test_an_empty_query_suggests_nothing(camille_client, communes):
    assert camille_client.get(COMMUNES, {"q": "  "}).json() == []
    assert camille_client.get(COMMUNES).json() == []


def test_appellations_are_found_by_words_without_accents(camille_client, rome_sample):
    found = labels(camille_client.get(APPELLATIONS, {"q": "menage"}))
    assert "Employé / Employée de ménage (K1304)" in found
    assert all("nag" in label.lower() for label in found)
    found = labels(camille_client.get(APPELLATIONS, {"q": "agent entretien espaces"}))
    assert found[0] == "Agent / Agente d'entretien des espaces verts (A1203)"


def test_appellations_are_found_by_rome_code(camille_client, rome_sample):
    found = labels(camille_client.get(APPELLATIONS, {"q": "k2204"}))
    assert found
    assert all(label.endswith("(K2204)") for label in found)


def test_an_htmx_request_gets_options_for_the_select(camille_client, communes):
    response = camille_client.get(COMMUNES, {"commune_search": "lesc"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert f'<option value="{communes["lescar"].pk}">Lescar (64230)</option>' in html


def test_an_htmx_request_without_result_says_so(camille_client, communes):
    response = camille_client.get(COMMUNES, {"q": "zzz", "blank": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Aucun résultat pour « zzz »" in html
    assert '<option value="">— Aucun —</option>' in html


def test_the_autocomplete_requires_login(client, communes):
    response = client.get(COMMUNES, {"q": "pau"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(APPELLATIONS, {"q": "agent"}).status_code == 302


def test_the_autocomplete_is_for_staff_only(client, communes):
    client.force_login(f.UserFactory())
    assert client.get(COMMUNES, {"q": "pau"}).status_code == 403


def test_the_autocomplete_answers_only_get(camille_client, communes):
    assert camille_client.post(COMMUNES, {"q": "pau"}).status_code == 405


def test_appellation_suggestions_cost_the_same_queries_for_one_or_twenty(
    camille_client, rome_sample, django_assert_num_queries
):
    camille_client.get(APPELLATIONS, {"q": "agent"})  # warm the session
    with django_assert_num_queries(4) as one:
        assert len(camille_client.get(APPELLATIONS, {"q": "menage hotel plein"}).json()) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(camille_client.get(APPELLATIONS, {"q": "agent"}).json()) == 20


def test_commune_suggestions_cost_the_same_queries_for_one_or_twenty(
    camille_client, pau, django_assert_num_queries
):
    for number in range(25):
        commune(f"Village {number}", f"64{number:03d}", f"64{100 + number}", number)
    with django_assert_num_queries(4) as one:
        assert len(camille_client.get(COMMUNES, {"q": "64000"}).json()) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(camille_client.get(COMMUNES, {"q": "village"}).json()) == 20
