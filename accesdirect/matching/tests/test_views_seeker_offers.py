"""The person's page: "Offres pour cette personne", ranked the same way as candidates, and
"Métiers proches qui recrutent ici"."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.offers.models import Positioning
from accesdirect.seekers.enums import SeekerStatus

pytestmark = pytest.mark.django_db


def url(seeker):
    return reverse("matching:seeker_offers", args=[seeker.pk])


def fragment(client, seeker):
    return client.get(url(seeker), headers={"HX-Request": "true"})


def test_the_person_page_loads_the_offers_lazily(camille_client, make_person, rome):
    person = make_person(rome.cleaner)
    page = camille_client.get(reverse("seekers:detail", args=[person.pk])).text
    assert "Offres pour cette personne" in page
    assert f'hx-get="{url(person)}"' in page


def test_open_offers_are_ranked_for_the_person_with_explanations(
    camille_client, make_person, make_offer, rome, communes
):
    person = make_person((rome.cleaner, True), rome.home_help, driving_licence=True, has_vehicle=True)
    near = make_offer(title="Agent d'entretien à Pau")
    far = make_offer(title="Agent d'entretien à Oloron", commune=communes.oloron)
    make_offer(rome.kitchen_hand, title="Commis de cuisine")
    make_offer(title="Laveur de vitres de nuit", work_conditions=["night"])
    person.unavailable_conditions = ["night"]
    with scopes_disabled():
        person.save(update_fields=["unavailable_conditions"])
    text = fragment(camille_client, person).text
    assert text.index("Agent d&#x27;entretien à Pau") < text.index("Agent d&#x27;entretien à Oloron")
    assert "Commis de cuisine" not in text  # no link with the person's target jobs
    assert "A déjà exercé ce métier" in text
    assert "1 offre écartée" in text
    assert "Condition impossible pour la personne : travail de nuit" in text
    assert "%" not in text
    # The person's priority is the same on every offer: said once.
    assert text.count("sans emploi depuis 26 mois") == 1
    for offer in (near, far):
        assert f'action="{reverse("offers:position", args=[offer.pk])}"' in text
    assert f'name="job_seeker" value="{person.pk}"' in text


def test_close_jobs_recruiting_here_are_listed(camille_client, make_person, make_offer, rome, communes):
    person = make_person(rome.home_help)
    make_offer()
    make_offer(commune=communes.bayonne)
    text = fragment(camille_client, person).text
    assert "Métiers proches qui recrutent ici" in text
    assert "Nettoyage de locaux" in text
    assert "2 offres ouvertes" in text
    assert "dont 1 à sa portée" in text


def test_positioning_from_the_person_page(camille_client, make_person, make_offer, rome):
    person = make_person(rome.cleaner)
    offer = make_offer()
    response = camille_client.post(reverse("offers:position", args=[offer.pk]), {"job_seeker": person.pk})
    assert response.status_code == 302
    with scopes_disabled():
        assert Positioning.objects.get().job_seeker_id == person.pk
    # The offer is positioned: it leaves the person's ranking.
    assert (
        f'action="{reverse("offers:position", args=[offer.pk])}"' not in fragment(camille_client, person).text
    )


def test_a_person_not_yet_received_gets_no_ranking(camille_client, make_person, make_offer, rome):
    person = make_person(rome.cleaner, status=SeekerStatus.REFERRED)
    make_offer()
    assert (
        "Offres pour cette personne"
        not in camille_client.get(reverse("seekers:detail", args=[person.pk])).text
    )
    assert "personnes accompagnées" in fragment(camille_client, person).text


def test_another_structures_person_is_not_found(client, bixente, make_person, rome):
    client.force_login(bixente)
    assert fragment(client, make_person(rome.cleaner)).status_code == 404


def test_the_fragment_makes_a_bounded_number_of_queries(
    camille_client, make_person, make_offer, rome, communes, django_assert_max_num_queries
):
    person = make_person(rome.cleaner, rome.home_help)
    make_offer()
    with django_assert_max_num_queries(25) as few:
        fragment(camille_client, person)
    for _ in range(20):
        make_offer()
        make_offer(rome.home_help, commune=communes.orthez)
        make_person(rome.cleaner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        fragment(camille_client, person)


def test_without_script_the_offers_are_a_page(camille_client, make_person, make_offer, rome):
    person = make_person(rome.cleaner)
    make_offer(title="Agent de propreté sans script")
    text = camille_client.get(url(person)).text
    assert "<html" in text and "Agent de propreté sans script" in text
    referred = make_person(rome.cleaner, status=SeekerStatus.REFERRED)
    assert "personnes accompagnées" in camille_client.get(url(referred)).text
