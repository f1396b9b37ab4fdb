"""The API answers every input with a documented status and a French body, never a 500: page
numbers, ids and limits out of range are refused (422) before any query, and the OpenAPI schema
documents the 401, 403, 404, 409 and 422 answers in French."""

import pytest
from django.test import Client

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
LIST = "/api/v1/offers/"
HUGE = "9999999999999999999"


@pytest.fixture
def offer(pau, camille):
    return f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


@pytest.mark.parametrize("page", [HUGE, "100001", "0", "-1", "abc", "²"])
def test_a_page_number_out_of_range_is_refused_with_a_422(camille_client, offer, page):
    response = camille_client.get(LIST, {"page": page})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "page"]


def test_a_page_past_the_last_one_is_empty(camille_client, offer):
    body = camille_client.get(LIST, {"page": "100000"}).json()

    assert body == {"items": [], "count": 1}


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/offers/{HUGE}",
        "/api/v1/offers/0",
        f"/api/v1/matching/offers/{HUGE}/candidates",
        f"/api/v1/matching/job-seekers/{HUGE}/offers",
    ],
)
def test_an_id_out_of_range_is_refused_with_a_422(camille_client, path):
    assert camille_client.get(path).status_code == 422


def test_a_person_id_out_of_range_is_refused_with_a_422(camille_client, offer):
    response = camille_client.post(
        f"/api/v1/offers/{offer.pk}/positionings",
        {"job_seeker_id": int(HUGE) * 10},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_a_limit_out_of_range_is_refused_with_a_422(camille_client, offer):
    response = camille_client.get(f"/api/v1/matching/offers/{offer.pk}/candidates", {"limit": 1000})
    assert response.status_code == 422


def test_the_error_answers_are_in_french(camille_client, offer):
    assert Client().get(LIST).json() == {
        "detail": "Connectez-vous : l'API s'utilise avec la session d'un compte."
    }
    assert camille_client.get("/api/v1/offers/123456").json()["detail"].startswith("Introuvable")


def test_a_write_without_its_csrf_token_is_refused_in_french(pau, camille, offer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(camille)
    response = browser.post(
        f"/api/v1/offers/{offer.pk}/positionings", {"job_seeker_id": 1}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "X-CSRFToken" in response.json()["detail"]


EXPECTED = {
    ("/api/v1/me", "get"): {200, 401},
    ("/api/v1/offers/", "get"): {200, 401, 403, 422},
    ("/api/v1/offers/{offer_id}", "get"): {200, 401, 403, 404, 422},
    ("/api/v1/offers/{offer_id}/positionings", "post"): {201, 400, 401, 403, 404, 409, 422},
    ("/api/v1/matching/offers/{offer_id}/candidates", "get"): {200, 401, 403, 404, 409, 422},
    ("/api/v1/matching/job-seekers/{job_seeker_id}/offers", "get"): {200, 401, 403, 404, 422},
    ("/api/v1/results/", "get"): {200, 401, 403, 422},
    ("/api/v1/results/savings", "get"): {200, 401, 403, 422},
    ("/api/v1/results/survival", "get"): {200, 401, 403, 422},
}


@pytest.mark.parametrize(("path", "method"), EXPECTED)
def test_the_schema_documents_every_answer_in_french(schema, path, method):
    responses = schema["paths"][path][method]["responses"]

    assert {int(status) for status in responses} == EXPECTED[(path, method)]
    for status, answer in responses.items():
        assert answer["description"] not in ("Unauthorized", "Forbidden", "Not Found", "Conflict")
        if int(status) >= 400:
            ref = answer["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("ValidationErrorOut" if status == "422" else "ErrorOut")
    assert responses["401"]["description"].startswith("Non connecté")
    assert responses["422"]["description"].startswith("Paramètre invalide") if "422" in responses else True


def test_the_schema_documents_the_ranges(schema):
    page = next(
        parameter for parameter in schema["paths"][LIST]["get"]["parameters"] if parameter["name"] == "page"
    )
    assert page["schema"]["minimum"] == 1
    assert page["schema"]["maximum"] == 100_000
    offer_id = schema["paths"]["/api/v1/offers/{offer_id}"]["get"]["parameters"][0]
    assert offer_id["schema"]["maximum"] == 2**63 - 1
