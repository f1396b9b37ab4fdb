import pytest
from django.urls import reverse

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.services import positioning_advance
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def url(offer):
    return reverse("offers:detail", args=[offer.pk])


def test_an_open_offer_shows_its_facts_and_the_position_form(camille_client, pau, offer):
    seeker = f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Pujol")
    referred = f.JobSeekerFactory(structure=pau, first_name="Yanis", last_name="Prescrit", referred=True)
    text = camille_client.get(url(offer)).text
    assert "Agent d&#x27;entretien" in text
    assert "Propreté Paloise" in text
    assert "Ouverte" in text
    assert reverse("offers:position", args=[offer.pk]) in text
    assert reverse("seekers:autocomplete") in text  # the person is searched, not listed whole
    suggestions = camille_client.get(reverse("seekers:autocomplete"), {"q": "P"}).json()
    labels = [suggestion["label"] for suggestion in suggestions]
    assert labels == ["Léa Pujol – Pau"]  # only people already received can be positioned
    assert suggestions[0]["id"] == seeker.pk
    assert referred.pk


def test_a_positioned_offer_shows_the_person_the_steps_and_the_next_steps(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.ACCEPTED)
    text = camille_client.get(url(offer)).text
    assert str(positioning.job_seeker) in text
    assert "Acceptée par la personne" in text
    assert 'value="interview_scheduled"' in text
    assert 'value="withdrawn"' in text
    assert 'value="hired"' not in text
    assert reverse("offers:position", args=[offer.pk]) not in text


def test_after_the_interview_the_hire_is_offered(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    text = camille_client.get(url(offer)).text
    assert reverse("offers:employment_record", args=[positioning.pk]) in text
    assert 'value="not_retained"' in text


def test_past_positionings_are_listed(camille_client, pau, camille, offer, position):
    first = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    with structure_scope(pau):
        positioning_advance(
            positioning=first, to_status=PositioningStatus.NOT_RETAINED, by=camille, note="Trop loin"
        )
    text = camille_client.get(url(offer)).text
    assert "Positionnements passés" in text
    assert "Non retenu·e" in text
    assert "Trop loin" in text
    assert reverse("offers:position", args=[offer.pk]) in text  # the market is open again


def test_the_offer_page_needs_a_constant_number_of_queries(
    camille_client, pau, camille, offer, position, django_assert_max_num_queries
):
    for _ in range(5):
        positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
        with structure_scope(pau):
            positioning_advance(positioning=positioning, to_status=PositioningStatus.NOT_RETAINED, by=camille)
    position(offer, up_to=PositioningStatus.INTERVIEW_SCHEDULED)
    for _ in range(10):
        f.JobSeekerFactory(structure=pau)
    # session, user, membership, offer, positionings, their steps, the team (to hand over)
    with django_assert_max_num_queries(7):
        response = camille_client.get(url(offer))
    assert response.status_code == 200
