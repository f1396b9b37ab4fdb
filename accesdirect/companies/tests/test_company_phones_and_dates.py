"""A company's and an interlocutor's phone numbers are checked as people's are (any line, not
only a mobile), kept in E.164 and shown as dialled; the dates of a contact are plausible."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.companies.models import Company, CompanyContact, CompanyPerson
from accesdirect.companies.services import company_create, company_person_add, company_update
from accesdirect.core.ranges import OutOfRange
from accesdirect.core.scope import structure_scope
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(pau):
    return f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")


def _company_data(commune, **overrides):
    return {
        "name": "Garage Moderne",
        "siret": "",
        "commune": commune.pk,
        "naf": "",
        "size_band": "",
        "address": "",
        "phone": "05 59 12 34 56",
        "email": "",
        "followed_by": "",
        "notes": "Ouvert le samedi",
        **overrides,
    }


def test_a_company_phone_is_kept_in_e164_and_shown_as_dialled(camille_client, pau):
    commune = f.CommuneFactory()
    response = camille_client.post(reverse("companies:create"), _company_data(commune))

    assert response.status_code == 302
    with scopes_disabled():
        company = Company.objects.get()
    assert company.phone == "+33559123456"
    assert "05 59 12 34 56" in camille_client.get(reverse("companies:detail", args=[company.pk])).text


@pytest.mark.parametrize("phone", ["abc", "12", "99999999999999999999"])
def test_a_company_phone_that_is_no_number_is_refused_on_the_field(camille_client, phone):
    commune = f.CommuneFactory()
    response = camille_client.post(reverse("companies:create"), _company_data(commune, phone=phone))

    assert response.status_code == 200
    assert "numéro de téléphone" in response.text
    assert "Ouvert le samedi" in response.text
    with scopes_disabled():
        assert not Company.objects.exists()


def test_an_interlocutor_phone_is_checked_too(camille_client, company):
    url = reverse("companies:person_add", args=[company.pk])
    response = camille_client.post(url, {"name": "Mme Lacoste", "role": "", "phone": "abc", "email": ""})

    assert response.status_code == 200
    assert "numéro de téléphone" in response.text
    with scopes_disabled():
        assert not CompanyPerson.objects.exists()


def test_the_services_refuse_a_phone_that_is_no_number(camille, pau, company):
    with structure_scope(pau):
        with pytest.raises(OutOfRange) as refused:
            company_create(
                structure=pau,
                by=camille,
                siret="",
                name="X",
                naf=None,
                size_band="",
                commune=company.commune,
                phone="abc",
            )
        assert refused.value.field == "phone"
        with pytest.raises(OutOfRange):
            company_update(company=company, by=camille, phone="abc")
        with pytest.raises(OutOfRange):
            company_person_add(company=company, by=camille, name="M. Lacoste", phone="abc")
        # A foreign line is written with its country code; an empty one stays empty.
        assert company_update(company=company, by=camille, phone="+34 943 12 34 56").phone == "+34943123456"
        assert company_update(company=company, by=camille, phone="").phone == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("occurred_at", "0001-01-01T10:00"),
        ("occurred_at", "9999-12-31T10:00"),
        ("next_follow_up_on", "9999-12-31"),
    ],
)
def test_a_contact_dated_in_another_decade_is_refused_on_the_field(camille_client, company, field, value):
    data = {
        "kind": "visit",
        "occurred_at": f"{timezone.localdate().isoformat()}T00:30",
        "person": "",
        "outcome": "interested",
        "notes": "Besoin d'une vendeuse",
        "next_follow_up_on": "",
        field: value,
    }
    response = camille_client.post(reverse("companies:contact_log", args=[company.pk]), data)

    assert response.status_code == 200
    assert "Choisissez une date entre le" in response.text
    with scopes_disabled():
        assert not CompanyContact.objects.exists()


def test_a_tampered_person_or_next_page_is_refused_not_a_server_error(camille_client, company):
    data = {
        "kind": "visit",
        "occurred_at": f"{timezone.localdate().isoformat()}T00:30",
        "outcome": "interested",
        "job_seekers": ["99999999999999999999"],
        "next": "99999999999999999999",
    }
    response = camille_client.post(reverse("companies:contact_log", args=[company.pk]), data)

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text
