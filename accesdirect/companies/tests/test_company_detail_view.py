import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.companies.models import CompanyPerson
from accesdirect.messaging.enums import Channel, MessageKind, Subject
from accesdirect.messaging.services import message_queue
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(pau):
    return f.CompanyFactory(structure=pau, name="Boulangerie Lacoste", phone="0559123456")


def test_the_company_page_shows_facts_people_offers_and_contacts(camille_client, pau, camille, company):
    with scopes_disabled():
        CompanyPerson.objects.create(structure=pau, company=company, name="Mme Lacoste", role="Gérante")
    f.OfferFactory(structure=pau, company=company, captured_by=camille, title="Vendeuse en boulangerie")
    seeker = f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Pujol")
    contact = f.CompanyContactFactory(company=company, by=camille, notes="Besoin à la rentrée")
    with scopes_disabled():
        contact.job_seekers.add(seeker)
    response = camille_client.get(reverse("companies:detail", args=[company.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Boulangerie Lacoste" in text
    assert "0559123456" in text
    assert "Mme Lacoste" in text
    assert "Vendeuse en boulangerie" in text
    assert "Besoin à la rentrée" in text
    assert "Léa Pujol" in text


def test_contacts_are_paginated(camille_client, camille, company, settings):
    settings.PAGE_SIZE = 3
    for index in range(5):
        f.CompanyContactFactory(company=company, by=camille, notes=f"Note {index}")
    response = camille_client.get(reverse("companies:detail", args=[company.pk]), {"page": 2})
    assert "Page 2 sur 2" in response.text


def test_the_company_page_needs_a_constant_number_of_queries(
    camille_client, pau, camille, company, django_assert_max_num_queries
):
    seekers = [f.JobSeekerFactory(structure=pau) for _ in range(3)]
    for _ in range(20):
        contact = f.CompanyContactFactory(company=company, by=f.UserFactory())
        with scopes_disabled():
            contact.job_seekers.set(seekers)
        f.OfferFactory(structure=pau, company=company, captured_by=camille)
        message_queue(
            structure_id=pau.pk,
            kind=MessageKind.COMPANY_FEEDBACK_REQUEST,
            channel=Channel.EMAIL,
            recipient="rh@example.org",
            context={"structure": "Accès Pau", "person": "Sami"},
            idempotency_key=f"feedback:{contact.pk}",
            subject=Subject.COMPANY,
            subject_id=company.pk,
        )
    # One of them lists the immersions at this company (immersions' own test fills it).
    with django_assert_max_num_queries(12):
        response = camille_client.get(reverse("companies:detail", args=[company.pk]))
    assert response.status_code == 200


def test_adding_a_contact_person(camille_client, company):
    url = reverse("companies:person_add", args=[company.pk])
    response = camille_client.post(url, {"name": "M. Lacoste", "role": "Gérant", "phone": "", "email": ""})
    assert response.status_code == 302
    with scopes_disabled():
        person = CompanyPerson.objects.get(company=company)
    assert person.name == "M. Lacoste"
    assert person.structure_id == company.structure_id


def test_a_contact_person_without_name_is_refused_with_the_form_kept(camille_client, company):
    url = reverse("companies:person_add", args=[company.pk])
    response = camille_client.post(url, {"name": "", "role": "Gérant", "email": "pas-un-email"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.text
    assert 'value="Gérant"' in response.text
    with scopes_disabled():
        assert not CompanyPerson.objects.exists()


def test_adding_a_person_needs_a_post(camille_client, company):
    response = camille_client.get(reverse("companies:person_add", args=[company.pk]))
    assert response.status_code == 405
