"""The offer page's "Candidats classés": a fragment loaded by the page, ranking the
structure's people with the three parts of fit in words, never as a percentage."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.matching.views import SHOWN
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Positioning

pytestmark = pytest.mark.django_db


def url(offer, **params):
    query = "".join(f"?{key}={value}" for key, value in params.items())
    return reverse("matching:offer_candidates", args=[offer.pk]) + query


def fragment(client, offer, **params):
    return client.get(url(offer, **params), headers={"HX-Request": "true"})


def test_the_offer_page_loads_the_ranking_lazily(camille_client, make_offer):
    offer = make_offer()
    page = camille_client.get(reverse("offers:detail", args=[offer.pk])).text
    assert "Candidats classés" in page
    assert f'hx-get="{url(offer)}"' in page
    assert 'hx-trigger="load"' in page
    # The manual fallback stays: any accompanied person, searched by name.
    assert reverse("seekers:autocomplete") in page


def test_candidates_are_ranked_with_french_explanations_and_no_percentage(
    camille_client, make_person, make_offer, rome, communes
):
    best = make_person((rome.cleaner, True), first_name="Léa", last_name="Pujol", months_without_work=38)
    close = make_person(rome.home_help, first_name="Yanis", last_name="Proche", commune=communes.billere)
    offer = make_offer()
    response = fragment(camille_client, offer)
    text = response.text
    assert response.status_code == 200
    assert "<html" not in text  # the fragment alone
    assert text.index("Léa Pujol") < text.index("Yanis Proche")
    assert "A déjà exercé ce métier" in text
    assert "Métier proche de Aide ménager / ménagère" in text
    assert "●●●" in text and "Très bon" in text and "Bon" in text
    assert "sans emploi depuis 38 mois" in text
    assert "aucune proposition de poste jusqu&#x27;ici" in text
    assert "%" not in text
    # One click positions the person through the offer's own view.
    assert f'action="{reverse("offers:position", args=[offer.pk])}"' in text
    assert f'name="job_seeker" value="{best.pk}"' in text
    assert f'name="job_seeker" value="{close.pk}"' in text


def test_filtered_people_are_listed_apart_with_their_reason(
    camille_client, make_person, make_offer, rome, communes
):
    make_person(rome.cleaner, first_name="Inès", last_name="Lointaine", commune=communes.orthez)
    make_person(rome.cleaner, first_name="Paul", last_name="Sanspermis")
    offer = make_offer(requires_driving_licence=True)
    text = fragment(camille_client, offer).text
    assert "2 personnes écartées" in text
    assert "Trop loin : 51 km pour une portée de 8 km" in text
    assert "Permis B exigé" in text
    assert 'name="job_seeker" value=' not in text  # nobody to position


def test_more_candidates_are_loaded_on_demand(camille_client, make_person, make_offer, rome):
    for index in range(SHOWN + 2):
        make_person(rome.cleaner, last_name=f"Candidat{index:02d}")
    offer = make_offer()
    first = fragment(camille_client, offer).text
    assert first.count('name="job_seeker"') == SHOWN
    assert url(offer, n=SHOWN * 2) in first
    more = fragment(camille_client, offer, n=SHOWN * 2).text
    assert more.count('name="job_seeker"') == SHOWN + 2
    assert "Voir plus" not in more


def test_without_script_the_ranking_is_a_page(camille_client, make_person, make_offer, rome):
    make_person(rome.cleaner, last_name="Sansscript")
    text = camille_client.get(url(make_offer())).text
    assert "<html" in text
    assert "Sansscript" in text


def test_positioning_from_the_ranking_closes_the_offer(camille_client, make_person, make_offer, rome):
    person = make_person(rome.cleaner)
    other = make_person(rome.cleaner)
    offer = make_offer()
    position = reverse("offers:position", args=[offer.pk])
    response = camille_client.post(position, {"job_seeker": person.pk})
    assert response.status_code == 302
    refused = camille_client.post(position, {"job_seeker": other.pk})
    assert "Cette offre est déjà positionnée" in refused.text
    with scopes_disabled():
        assert list(Positioning.objects.values_list("job_seeker_id", flat=True)) == [person.pk]
    assert "Candidats classés" not in camille_client.get(reverse("offers:detail", args=[offer.pk])).text
    assert "pas de candidats à classer" in fragment(camille_client, offer).text


def test_a_closed_offer_has_no_ranking(camille_client, make_person, make_offer, rome):
    make_person(rome.cleaner)
    offer = make_offer(status=OfferStatus.CANCELLED)
    text = fragment(camille_client, offer).text
    assert "pas de candidats à classer" in text


def test_another_structures_offer_is_not_found(client, bixente, make_offer):
    client.force_login(bixente)
    assert fragment(client, make_offer()).status_code == 404


def test_the_fragment_makes_a_bounded_number_of_queries(
    camille_client, make_person, make_offer, rome, communes, django_assert_max_num_queries
):
    offer = make_offer()
    for index in range(3):
        make_person(rome.cleaner, rome.home_help, last_name=f"Un{index}")
    with django_assert_max_num_queries(20) as few:
        fragment(camille_client, offer)
    for index in range(25):
        make_person(rome.cleaner, rome.home_help, last_name=f"Deux{index}", commune=communes.orthez)
        make_person(rome.window_cleaner, last_name=f"Trois{index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        fragment(camille_client, offer)


def test_without_script_a_closed_offer_says_so(camille_client, make_offer):
    offer = make_offer(status=OfferStatus.FILLED)
    text = camille_client.get(url(offer)).text
    assert "<html" in text and "pas de candidats à classer" in text
