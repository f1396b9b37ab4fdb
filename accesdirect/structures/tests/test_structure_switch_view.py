"""Switching structure from the user menu.

Ainhoa works for the network: CRE at Accès Pau (her first membership, her default) and
direction at Accès Basque (a subcontracting structure). Whichever structure she chose, she
must see only that structure's people and offers, with the role she holds there.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accesdirect.structures.enums import Role
from accesdirect.structures.queries import SESSION_STRUCTURE_KEY
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

SWITCH_URL = reverse("structures:switch")


@pytest.fixture
def ainhoa(pau, basque):
    user = f.staff_user(pau, Role.CRE, first_name="Ainhoa", email="ainhoa@reseau-acces.fr")
    f.MembershipFactory(user=user, structure=basque, role=Role.DIRECTION)
    return user


@pytest.fixture
def ainhoa_client(client, ainhoa):
    client.force_login(ainhoa)
    return client


@pytest.fixture
def people_and_offers(pau, basque):
    """One person and one offer in each structure, by structure slug."""
    return {
        "pau": (
            f.JobSeekerFactory(structure=pau, last_name="Larrouy"),
            f.OfferFactory(company=f.CompanyFactory(structure=pau), title="Jardinier des Pyrénées"),
        ),
        "basque": (
            f.JobSeekerFactory(structure=basque, last_name="Etxeberria"),
            f.OfferFactory(company=f.CompanyFactory(structure=basque), title="Serveur de la côte"),
        ),
    }


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    return response.status_code, response.content.decode()


def assert_works_for(client, people_and_offers, own: str):
    """Only the structure `own` is visible: in the lists and object by object."""
    (own_seeker, own_offer), (other_seeker, other_offer) = (
        people_and_offers[own],
        people_and_offers["basque" if own == "pau" else "pau"],
    )
    status, people = page(client, "seekers:list")
    assert status == 200
    assert own_seeker.last_name in people
    assert other_seeker.last_name not in people
    status, offers = page(client, "offers:list")
    assert status == 200
    assert own_offer.title in offers
    assert other_offer.title not in offers
    assert page(client, "seekers:detail", own_seeker.pk)[0] == 200
    assert page(client, "offers:detail", own_offer.pk)[0] == 200
    assert page(client, "seekers:detail", other_seeker.pk)[0] == 404
    assert page(client, "offers:detail", other_offer.pk)[0] == 404


def test_a_user_with_two_memberships_works_in_the_oldest_one_until_they_switch(
    ainhoa_client, people_and_offers
):
    assert_works_for(ainhoa_client, people_and_offers, "pau")


def test_switching_shows_only_the_chosen_structure_and_switching_back_restores_the_first(
    ainhoa_client, pau, basque, people_and_offers
):
    response = ainhoa_client.post(SWITCH_URL, {"structure": basque.pk}, follow=True)
    assert response.redirect_chain == [(reverse("dashboard:home"), 302)]
    assert "Vous travaillez maintenant pour Accès Basque." in response.content.decode()
    assert ainhoa_client.session[SESSION_STRUCTURE_KEY] == basque.pk
    assert_works_for(ainhoa_client, people_and_offers, "basque")

    ainhoa_client.post(SWITCH_URL, {"structure": pau.pk})
    assert ainhoa_client.session[SESSION_STRUCTURE_KEY] == pau.pk
    assert_works_for(ainhoa_client, people_and_offers, "pau")


def test_the_role_is_the_one_held_in_the_chosen_structure(ainhoa_client, basque):
    # Matching settings are for the direction: Ainhoa is a CRE at Pau, direction at Basque.
    assert ainhoa_client.get(reverse("matching:settings")).status_code == 403
    ainhoa_client.post(SWITCH_URL, {"structure": basque.pk})
    assert ainhoa_client.get(reverse("matching:settings")).status_code == 200


def test_the_api_follows_the_chosen_structure(ainhoa_client, basque):
    ainhoa_client.post(SWITCH_URL, {"structure": basque.pk})
    me = ainhoa_client.get("/api/v1/me").json()
    assert me["structure"] == {"id": basque.pk, "name": "Accès Basque"}
    assert me["role"] == Role.DIRECTION


@pytest.mark.parametrize("value", ["other-structure", "unknown", "not-a-number", ""])
def test_switching_to_a_structure_without_membership_is_refused(ainhoa_client, pau, people_and_offers, value):
    structure_id = {
        "other-structure": f.StructureFactory(name="Accès Tarbes", slug="acces-tarbes").pk,
        "unknown": 999_999,
    }.get(value, value)
    response = ainhoa_client.post(SWITCH_URL, {"structure": structure_id})
    assert response.status_code == 404
    assert SESSION_STRUCTURE_KEY not in ainhoa_client.session
    assert_works_for(ainhoa_client, people_and_offers, "pau")


def test_switching_without_a_structure_is_refused(ainhoa_client):
    assert ainhoa_client.post(SWITCH_URL).status_code == 404
    assert SESSION_STRUCTURE_KEY not in ainhoa_client.session


def test_switching_to_a_deactivated_membership_is_refused(ainhoa_client, ainhoa, basque, unscoped):
    ainhoa.memberships.filter(structure=basque).update(is_active=False)
    assert ainhoa_client.post(SWITCH_URL, {"structure": basque.pk}).status_code == 404
    assert SESSION_STRUCTURE_KEY not in ainhoa_client.session


def test_a_membership_deactivated_after_the_switch_falls_back_to_the_default_and_is_forgotten(
    ainhoa_client, ainhoa, basque, people_and_offers, unscoped
):
    ainhoa_client.post(SWITCH_URL, {"structure": basque.pk})
    basque_membership = ainhoa.memberships.filter(structure=basque)
    basque_membership.update(is_active=False)

    assert_works_for(ainhoa_client, people_and_offers, "pau")
    assert SESSION_STRUCTURE_KEY not in ainhoa_client.session
    # Reactivated, the membership is offered again but the user stays where they work now.
    basque_membership.update(is_active=True)
    assert_works_for(ainhoa_client, people_and_offers, "pau")


def test_a_get_on_the_switch_url_changes_nothing(ainhoa_client, pau, basque, people_and_offers):
    ainhoa_client.post(SWITCH_URL, {"structure": basque.pk})
    response = ainhoa_client.get(SWITCH_URL, {"structure": pau.pk})
    assert response.status_code == 405
    assert ainhoa_client.session[SESSION_STRUCTURE_KEY] == basque.pk
    assert_works_for(ainhoa_client, people_and_offers, "basque")


def test_the_switch_is_protected_against_cross_site_requests(ainhoa, basque):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ainhoa)
    assert client.post(SWITCH_URL, {"structure": basque.pk}).status_code == 403
    assert SESSION_STRUCTURE_KEY not in client.session


def test_the_user_menu_shows_the_current_structure_and_offers_the_others(ainhoa_client, basque):
    html = ainhoa_client.get(reverse("dashboard:home")).content.decode()
    assert f'action="{SWITCH_URL}"' in html
    assert '<span class="visually-hidden">Structure actuelle : </span>Accès Pau</summary>' in html
    assert f'name="structure" value="{basque.pk}"' in html
    assert 'Accès Basque</button> <span class="muted">(Direction)</span>' in html


def test_the_user_menu_offers_no_switch_to_a_user_of_one_structure(camille_client):
    html = camille_client.get(reverse("dashboard:home")).content.decode()
    assert "Accès Pau" in html
    assert SWITCH_URL not in html


def test_the_users_structures_are_read_in_one_query_per_request(ainhoa_client, basque):
    ainhoa_client.post(SWITCH_URL, {"structure": basque.pk})
    with CaptureQueriesContext(connection) as queries:
        assert ainhoa_client.get(reverse("dashboard:home")).status_code == 200
    membership_queries = [query for query in queries if 'FROM "structures_membership"' in query["sql"]]
    assert len(membership_queries) == 1
