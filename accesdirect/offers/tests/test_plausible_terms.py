"""The terms of offers and jobs within their plausible ranges (core.ranges): a duration of five
years at most, 1 to 48 hours a week, an offer starting within two years of today, a job started
within five years back and one year ahead. Refused in French on the field, never a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.ranges import OutOfRange
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.models import Employment, Offer
from accesdirect.offers.services import employment_declare, offer_create, offer_update
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _offer_data(**overrides):
    return {
        "title": "Vendeuse",
        "appellation": f.AppellationFactory().pk,
        "commune": "",
        "contract": "cdd",
        "duration_months": "6",
        "hours_per_week": "28",
        "starts_on": "",
        "description": "Vente et mise en rayon",
        "conditions": "",
        "source": "prospection",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_months", "32768", "inférieure ou égale à 60"),
        ("duration_months", "0", "supérieure ou égale à 1"),
        ("hours_per_week", "49", "inférieure ou égale à 48"),
        ("hours_per_week", "-5", "supérieure ou égale à 1"),
        ("starts_on", "9999-12-01", "Choisissez une date entre le"),
        ("starts_on", "0001-01-01", "Choisissez une date entre le"),
    ],
)
def test_an_offer_with_implausible_terms_is_refused_on_the_field(camille_client, pau, field, value, message):
    company = f.CompanyFactory(structure=pau)
    url = reverse("offers:create") + f"?entreprise={company.pk}"

    response = camille_client.post(url, _offer_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.text
    assert "Vente et mise en rayon" in response.text
    with scopes_disabled():
        assert not Offer.objects.exists()


def test_a_tampered_company_in_the_address_is_ignored(camille_client):
    for value in ("²", "99999999999999999999"):
        assert camille_client.get(reverse("offers:create"), {"entreprise": value}).status_code == 200


def test_the_offer_services_refuse_implausible_terms(camille, pau):
    company = f.CompanyFactory(structure=pau)
    with structure_scope(pau):
        with pytest.raises(OutOfRange) as refused:
            offer_create(
                company=company,
                by=camille,
                appellation=f.AppellationFactory(),
                title="Vendeuse",
                contract=Contract.CDD,
                duration_months=32768,
            )
        assert refused.value.field == "duration_months"
        offer = f.OfferFactory(structure=pau, company=company, captured_by=camille)
        with pytest.raises(OutOfRange) as refused:
            offer_update(offer=offer, by=camille, starts_on=datetime.date(9999, 12, 1))
        assert refused.value.field == "starts_on"


def _declare_data(**overrides):
    year = timezone.localdate().year
    return {
        "employer_name": "Garage Moderne",
        "company": "",
        "job_title": "Aide mécanicien",
        "contract": "cdd",
        "starts_on": f"{year}-01-01",
        "ends_on": f"{year}-06-30",
        "hours_per_week": "35",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts_on", "9999-12-01", "Choisissez une date entre le"),
        ("starts_on", "1990-01-01", "Choisissez une date entre le"),
        ("ends_on", "9999-12-31", "cinq ans au plus"),
        ("ends_on", "2000-01-01", "ne peut pas précéder le début"),
        ("hours_per_week", "99999999999999999999", "Assurez-vous"),
    ],
)
def test_a_job_with_implausible_terms_is_refused_on_the_field(
    camille_client, pau, field, value, message, unscoped
):
    seeker = f.JobSeekerFactory(structure=pau)

    response = camille_client.post(
        reverse("offers:employment_declare", args=[seeker.pk]), _declare_data(**{field: value})
    )

    assert response.status_code == 200
    assert message in response.text
    assert 'value="Garage Moderne"' in response.text
    assert not Employment.objects.exists()


def test_a_job_starting_in_december_9999_is_refused_by_the_service(camille, pau):
    seeker = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau), pytest.raises(OutOfRange) as refused:
        employment_declare(
            job_seeker=seeker,
            by=camille,
            contract=Contract.CDI,
            starts_on=datetime.date(9999, 12, 1),
            ends_on=None,
            hours_per_week=None,
            employer_name="Garage Moderne",
            job_title="Aide mécanicien",
        )
    assert refused.value.field == "starts_on"
