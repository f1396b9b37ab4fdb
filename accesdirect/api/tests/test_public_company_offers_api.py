"""POST /api/v1/public/structures/{slug}/offers: a company submits an offer with no account. The
same rules and French messages as the public page (422 per field), the same limits (429), the
offer arrives to confirm; documented in the OpenAPI schema."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.offers.enums import OfferSource, OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(pau):
    return f"/api/v1/public/structures/{pau.slug}/offers"


@pytest.fixture
def body(db):
    job = f.AppellationFactory(code="12345", label="Serveur / Serveuse en restauration")
    commune = f.CommuneFactory()

    def _body(**changes):
        return {
            "company_name": "Brasserie du Palais",
            "contact_name": "Mme Lacoste",
            "contact_phone": "06 12 34 56 78",
            "appellation_code": job.code,
            "commune_insee_code": commune.insee_code,
            "contract": "cdd",
            "duration_months": 6,
            "starts_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "hours_per_week": 24.5,
            "description": "Service du midi.",
        } | changes

    return _body


def _post(client, url, payload, **extra):
    return client.post(url, payload, content_type="application/json", **extra)


def test_a_company_submits_an_offer_without_account_nor_csrf(pau, dominique, url, body, unscoped):
    client = Client(enforce_csrf_checks=True)
    response = _post(client, url, body())

    assert response.status_code == 201
    answer = response.json()
    offer = Offer.objects.get()
    assert answer["id"] == offer.pk and answer["status"] == "to_confirm"
    assert (offer.status, offer.source, offer.duration_months, str(offer.hours_per_week)) == (
        OfferStatus.TO_CONFIRM,
        OfferSource.COMPANY_FORM,
        6,
        "24.5",
    )
    assert answer["company_link"].startswith(f"http://testserver/s/{pau.slug}/entreprise/")
    sms = Message.objects.get(kind=MessageKind.COMPANY_OFFER_RECEIVED)
    assert answer["company_link"].removeprefix("http://testserver") in sms.body
    assert client.get(answer["company_link"]).status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"siret": "12345678901234"}, "siret", "Ce SIRET n'est pas valide"),
        ({"contact_phone": "12"}, "contact_phone", "numéro de téléphone"),
        ({"starts_on": "9999-12-31"}, "starts_on", "Choisissez une date entre le"),
        ({"starts_on": "demain"}, "starts_on", "Saisissez une date valide"),
        ({"hours_per_week": 1e308}, "hours_per_week", ""),
        ({"duration_months": None}, "duration_months", "Un CDD a une durée"),
        ({"duration_months": [1]}, "duration_months", "Nombre attendu"),
        ({"duration_months": 2.5}, "duration_months", "Nombre attendu"),
        ({"starts_on": 20250101}, "starts_on", "Date attendue"),
        ({"company_name": 42}, "company_name", "Texte attendu"),
        ({"siret": None}, "siret", "Texte attendu"),
        ({"contract": "toujours"}, "contract", "Sélectionnez un choix valide"),
        ({"appellation_code": "0"}, "appellation_code", "Métier inconnu"),
        ({"commune_insee_code": None}, "commune_insee_code", "Texte attendu"),
        ({"commune_insee_code": "00000"}, "commune_insee_code", "Commune inconnue"),
        ({"company_name": ""}, "company_name", "Ce champ est obligatoire"),
    ],
)
def test_bad_input_is_refused_with_a_french_422_on_its_field(
    pau, dominique, client, url, body, unscoped, changes, field, message
):
    response = _post(client, url, body(**changes))

    assert response.status_code == 422
    details = response.json()["detail"]
    assert {tuple(item["loc"]) for item in details} == {("body", field)}
    assert message in " ".join(item["msg"] for item in details)
    assert not Offer.objects.exists() and not Message.objects.exists()


@pytest.mark.parametrize("raw", ["", "[]", "not json", '"text"', "\xff"])
def test_a_body_that_is_no_json_object_is_a_422(pau, client, url, raw):
    response = client.post(url, raw, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Le corps de la requête doit être un objet JSON."


def test_an_unknown_structure_is_a_404(client, body):
    response = _post(client, "/api/v1/public/structures/nulle-part/offers", body())
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucune structure à cette adresse."}


def test_the_limits_of_the_page_hold_for_the_api(pau, dominique, client, url, body, unscoped):
    siret = f.valid_siret()
    for index in range(settings.COMPANY_OFFERS_PER_DAY):
        assert _post(client, url, body(siret=siret), REMOTE_ADDR=f"192.0.2.{index}").status_code == 201
    refused = _post(client, url, body(siret=siret), REMOTE_ADDR="192.0.2.99")
    assert refused.status_code == 429
    assert "déjà envoyé plusieurs offres" in refused.json()["detail"]

    for _ in range(settings.COMPANY_OFFERS_PER_ADDRESS_PER_HOUR):
        _post(client, url, body(company_name=""), REMOTE_ADDR="198.51.100.1")
    refused = _post(client, url, body(), REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    assert "Trop d'offres" in refused.json()["detail"]
    assert Offer.objects.count() == settings.COMPANY_OFFERS_PER_DAY


def test_the_endpoint_is_documented_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/public/structures/{slug}/offers"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert {"company_name", "contact_phone", "appellation_code", "commune_insee_code", "contract"} <= set(
        body["required"]
    )
    assert body["properties"]["contract"]["enum"] == ["cdi", "cdd", "interim", "subsidised", "work_study"]
    assert set(operation["responses"]) == {"201", "404", "422", "429"}
    assert operation["responses"]["429"]["description"].startswith("Trop de demandes")
    assert not operation.get("security")  # no account
