"""Deciding the lines of the weekly draft from the Monday board: accepting positions the
person through the usual service (one offer = one person still holds); changing or rejecting
needs a reason, recorded and shown. After a decision, the draft's lines open again at the line."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.matching.enums import LineDecision
from accesdirect.matching.models import AssignmentLine
from accesdirect.matching.services import assignment_draft_create
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Positioning

from .conftest import read_board

pytestmark = pytest.mark.django_db
LINES = reverse("matching:board_section", kwargs={"slug": "proposition"})


@pytest.fixture
def scenario(make_person, make_offer, rome):
    return {
        "best": make_person(
            (rome.cleaner, True), first_name="Léa", last_name="Meilleure", months_without_work=30
        ),
        "other": make_person(rome.cleaner, first_name="Nina", last_name="Autre", months_without_work=10),
        "offer": make_offer(title="Agent d'entretien, Pau centre"),
    }


@pytest.fixture
def line(scenario, pau, camille):
    with structure_scope(pau):
        draft = assignment_draft_create(structure=pau, by=camille)
    with scopes_disabled():
        return AssignmentLine.objects.get(draft=draft, offer=scenario["offer"])


def action(name, line):
    return reverse(f"matching:{name}", args=[line.pk])


def positionings():
    with scopes_disabled():
        return list(Positioning.objects.values_list("offer_id", "job_seeker_id"))


def test_accepting_a_line_positions_the_person_and_a_second_person_is_still_refused(
    camille_client, scenario, line, camille
):
    response = camille_client.post(action("line_accept", line), {"page": "1"})
    assert response.status_code == 302
    assert response.url == f"{LINES}?page=1#ligne-{line.pk}"
    assert positionings() == [(scenario["offer"].pk, scenario["best"].pk)]
    lines = camille_client.get(response.url).text
    assert "Léa Meilleure est positionné·e" in lines
    assert "Acceptée" in lines and "Décidée par Camille" in lines
    assert "Décidée par Camille" in read_board(camille_client)
    # One offer, one person: positioning someone else through the offer's page is refused.
    refused = camille_client.post(
        reverse("offers:position", args=[scenario["offer"].pk]), {"job_seeker": scenario["other"].pk}
    )
    assert "Cette offre est déjà positionnée" in refused.text
    assert positionings() == [(scenario["offer"].pk, scenario["best"].pk)]
    with scopes_disabled():
        scenario["offer"].refresh_from_db()
    assert scenario["offer"].status == OfferStatus.POSITIONED


def test_a_line_is_not_accepted_twice(camille_client, line):
    camille_client.post(action("line_accept", line))
    response = camille_client.post(action("line_accept", line), follow=True)
    assert "Cette ligne est déjà décidée" in response.text
    assert len(positionings()) == 1


def test_an_offer_positioned_meanwhile_refuses_the_line_in_french(camille_client, scenario, line):
    camille_client.post(
        reverse("offers:position", args=[scenario["offer"].pk]), {"job_seeker": scenario["other"].pk}
    )
    assert "cette ligne ne peut plus être acceptée" in read_board(camille_client)
    response = camille_client.post(action("line_accept", line), follow=True)
    assert "Cette offre est déjà positionnée" in response.text
    assert positionings() == [(scenario["offer"].pk, scenario["other"].pk)]


def test_changing_without_a_reason_is_refused_in_french(camille_client, scenario, line):
    response = camille_client.post(
        action("line_change", line), {"alternative": scenario["other"].pk, "reason": " "}, follow=True
    )
    assert "Indiquez pourquoi une autre personne est choisie." in response.text
    assert positionings() == []
    line.refresh_from_db()
    assert line.decision == LineDecision.PENDING


def test_changing_needs_a_person(camille_client, line):
    response = camille_client.post(
        action("line_change", line), {"reason": "Connaît l'entreprise"}, follow=True
    )
    assert "Choisissez la personne à positionner à la place." in response.text
    assert positionings() == []


def test_changing_to_an_alternative_positions_them_and_records_the_reason(camille_client, scenario, line):
    response = camille_client.post(
        action("line_change", line),
        {"alternative": scenario["other"].pk, "reason": "Connaît l'entreprise"},
        follow=True,
    )
    assert positionings() == [(scenario["offer"].pk, scenario["other"].pk)]
    text = response.text
    assert "Nina Autre est positionné·e" in text
    assert "Autre personne choisie" in text
    assert "Positionnée à la place : Nina Autre." in text
    assert "Connaît l&#x27;entreprise" in text
    with scopes_disabled():
        line.refresh_from_db()
    assert (line.decision, line.chosen_job_seeker_id, line.reason) == (
        LineDecision.CHANGED,
        scenario["other"].pk,
        "Connaît l'entreprise",
    )


def test_changing_to_anyone_accompanied_through_the_search(camille_client, make_person, rome, scenario, line):
    anyone = make_person(rome.kitchen_hand, first_name="Hugo", last_name="Ailleurs")
    camille_client.post(
        action("line_change", line), {"job_seeker": anyone.pk, "reason": "Reconversion voulue"}
    )
    assert positionings() == [(scenario["offer"].pk, anyone.pk)]


def test_a_person_of_another_structure_cannot_be_chosen(camille_client, basque, make_person, rome, line):
    outsider = make_person(rome.cleaner, structure=basque)
    response = camille_client.post(
        action("line_change", line), {"job_seeker": outsider.pk, "reason": "Essai"}, follow=True
    )
    assert positionings() == []
    assert "Sélectionnez un choix valide" in response.text


def test_rejecting_without_a_reason_is_refused_in_french(camille_client, line):
    response = camille_client.post(action("line_reject", line), {"reason": ""}, follow=True)
    assert "Indiquez pourquoi cette proposition est écartée." in response.text
    line.refresh_from_db()
    assert line.decision == LineDecision.PENDING


def test_rejecting_records_the_reason_and_positions_nobody(camille_client, line):
    response = camille_client.post(
        action("line_reject", line), {"reason": "Ne souhaite plus ce métier"}, follow=True
    )
    assert positionings() == []
    assert "Proposition écartée" in response.text
    assert "Écartée" in response.text and "Ne souhaite plus ce métier" in response.text
    with scopes_disabled():
        line.refresh_from_db()
    assert (line.decision, line.reason) == (LineDecision.REJECTED, "Ne souhaite plus ce métier")


def test_the_board_forms_carry_the_csrf_token(pau, camille, line):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(camille)
    page = browser.get(LINES, headers={"HX-Request": "true"}).text
    accept = page.split(f'action="{action("line_accept", line)}"')[1].split("</form>")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', accept).group(1)
    response = browser.post(action("line_accept", line), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert len(positionings()) == 1


def test_another_structure_cannot_decide_our_lines(client, bixente, line):
    client.force_login(bixente)
    for name in ("line_accept", "line_change", "line_reject"):
        assert client.post(action(name, line), {"reason": "x"}).status_code == 404
    for name in ("line_change", "line_reject"):
        assert client.get(action(name, line)).status_code == 404
    assert positionings() == []
    line.refresh_from_db()
    assert line.decision == LineDecision.PENDING


def test_deciding_is_a_post(camille_client, line):
    assert camille_client.get(action("line_accept", line)).status_code == 405
    assert camille_client.get(reverse("matching:draft_create")).status_code == 405
    # The forms of a decision are read with a GET, which decides nothing.
    for name in ("line_change", "line_reject"):
        assert 'name="reason"' in camille_client.get(action(name, line)).text
    line.refresh_from_db()
    assert line.decision == LineDecision.PENDING and positionings() == []
