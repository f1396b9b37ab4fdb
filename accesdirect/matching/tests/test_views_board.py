"""The Monday board: the week's facts for the team meeting, and the weekly draft with its
alternatives and both "sans" lists. Printable."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.matching import queries
from accesdirect.matching.enums import DraftStatus
from accesdirect.matching.models import AssignmentDraft, MatchingSettings
from accesdirect.matching.services import assignment_draft_create
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.services import positioning_advance, positioning_create
from accesdirect.seekers.enums import PeriodStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
BOARD = reverse("matching:board")


@pytest.fixture
def scenario(make_person, make_offer, rome, communes):
    """Two cleaning offers, three cleaners, a kitchen offer too far for its only candidate,
    and a cook without any offer."""
    return {
        "best": make_person(
            (rome.cleaner, True), first_name="Léa", last_name="Meilleure", months_without_work=30
        ),
        "second": make_person(rome.cleaner, first_name="Marc", last_name="Second", months_without_work=20),
        "third": make_person(rome.cleaner, first_name="Nina", last_name="Troisième", months_without_work=10),
        "cook": make_person(rome.kitchen_hand, first_name="Omar", last_name="Cuisinier"),
        "offer": make_offer(title="Agent d'entretien, Pau centre"),
        "other_offer": make_offer(rome.window_cleaner, title="Laveur de vitres"),
        "kitchen": make_offer(rome.kitchen_hand, title="Commis au port", commune=communes.bayonne),
    }


def _week_of_work(pau, camille, make_person, make_offer, rome, index=0):
    """One row for every section of the board."""
    today = timezone.localdate()
    with structure_scope(pau):
        in_progress = positioning_create(
            offer=make_offer(title=f"En cours {index}"), job_seeker=make_person(rome.cleaner), by=camille
        )
        positioning_advance(positioning=in_progress, to_status=PositioningStatus.ACCEPTED, by=camille)
        ended = positioning_create(
            offer=make_offer(title=f"Entretien passé {index}"),
            job_seeker=make_person(rome.cleaner),
            by=camille,
        )
        for step in (
            PositioningStatus.ACCEPTED,
            PositioningStatus.INTERVIEW_SCHEDULED,
            PositioningStatus.INTERVIEW_HELD,
        ):
            positioning_advance(
                positioning=ended,
                to_status=step,
                by=camille,
                interview_at=timezone.now() + datetime.timedelta(hours=1),
            )
        positioning_advance(
            positioning=ended,
            to_status=PositioningStatus.NOT_RETAINED,
            by=camille,
            note=f"Trop juste {index}",
        )
        hired = positioning_create(
            offer=make_offer(title=f"Embauche {index}"), job_seeker=make_person(rome.cleaner), by=camille
        )
        for step in (
            PositioningStatus.ACCEPTED,
            PositioningStatus.INTERVIEW_SCHEDULED,
            PositioningStatus.INTERVIEW_HELD,
            PositioningStatus.HIRED,
        ):
            positioning_advance(
                positioning=hired,
                to_status=step,
                by=camille,
                interview_at=timezone.now() + datetime.timedelta(hours=1),
            )
    f.EngagementPeriodFactory(
        job_seeker=make_person(rome.cleaner, last_name=f"Finper{index}"),
        status=PeriodStatus.ACTIVE,
        signed_on=today - datetime.timedelta(days=50),
        starts_on=today - datetime.timedelta(days=50),
        ends_on=today + datetime.timedelta(days=5),
    )
    f.CompanyContactFactory(
        company__structure=pau,
        company__name=f"Boulangerie Relance {index}",
        by=camille,
        occurred_at=timezone.now() - datetime.timedelta(days=20),
        next_follow_up_on=today - datetime.timedelta(days=1),
    )


def test_the_board_shows_the_weeks_work(camille_client, pau, camille, make_person, make_offer, rome):
    _week_of_work(pau, camille, make_person, make_offer, rome)
    make_person(rome.cleaner, first_name="Zoé", last_name="Oubliée")
    response = camille_client.get(BOARD)
    text = response.text
    assert response.status_code == 200
    for title in (
        "Nouvelles offres de la semaine",
        "Positionnements en cours",
        "Issues des entretiens de la semaine",
        "Mises à l&#x27;emploi de la semaine",
        "PER qui se terminent d&#x27;ici deux semaines",
        "Sans proposition depuis plus de 8 semaines",
        "Relances entreprises à faire",
        "Proposition de la semaine",
    ):
        assert title in text or title.replace("&#x27;", "'") in text, title
    assert "En cours 0" in text and "Acceptée par la personne" in text
    assert "Non retenu·e" in text and "Trop juste 0" in text
    assert "Embauche 0" in text and "Embauché·e" in text
    assert "Finper0" in text
    assert "Zoé Oubliée" in text and "aucune proposition jusqu" in text
    assert "Boulangerie Relance 0" in text
    assert "window.print()" in text
    assert "Calculer la proposition de la semaine" in text


def test_the_weeks_without_proposal_come_from_the_page_or_the_settings(
    camille_client, pau, camille, make_person, make_offer, rome
):
    person = make_person(rome.cleaner, first_name="Rémi", last_name="Récent")
    with structure_scope(pau):
        positioning = positioning_create(offer=make_offer(), job_seeker=person, by=camille)
        positioning_advance(positioning=positioning, to_status=PositioningStatus.WITHDRAWN, by=camille)
    # Proposed this week: never "without proposal", whatever the number of weeks.
    assert "Rémi Récent" not in camille_client.get(BOARD).text
    assert "Rémi Récent" not in camille_client.get(BOARD, {"semaines": 1}).text
    assert "Sans proposition depuis plus de 3 semaines" in camille_client.get(BOARD, {"semaines": 3}).text
    MatchingSettings.objects.create(structure=pau, without_proposal_weeks=5)
    assert "Sans proposition depuis plus de 5 semaines" in camille_client.get(BOARD).text
    assert "Sans proposition depuis plus de 5 semaines" in camille_client.get(BOARD, {"semaines": "x"}).text


def test_computing_the_draft_shows_the_proposals_alternatives_and_both_sans_lists(camille_client, scenario):
    response = camille_client.post(reverse("matching:draft_create"), follow=True)
    text = response.text
    assert "Proposition de la semaine calculée" in text
    assert "Léa Meilleure" in text  # proposed on the first offer
    assert "Autres personnes possibles" in text
    assert "Nina Troisième" in text and "Marc Second" in text
    assert "proposée aussi sur une autre offre" in text
    assert "A déjà exercé ce métier" in text and "●●●" in text
    assert "%" not in text.split('id="proposition"')[1]
    sans_offer = text.split('id="offres-sans-candidat"')[1].split('id="personnes-sans-offre"')[0]
    assert "Commis au port" in sans_offer and "Trop loin" in sans_offer
    sans_people = text.split('id="personnes-sans-offre"')[1]
    assert (
        "Commis / Commise de cuisine" in sans_people
        and "Pau" in sans_people
        and "Omar Cuisinier" in sans_people
    )
    with scopes_disabled():
        line = AssignmentDraft.objects.get().lines.get(offer=scenario["offer"])
    for action in ("line_accept", "line_change", "line_reject"):
        assert reverse(f"matching:{action}", args=[line.pk]) in text


def test_a_new_computation_replaces_the_draft_under_review(camille_client, pau, scenario):
    camille_client.post(reverse("matching:draft_create"))
    camille_client.post(reverse("matching:draft_create"))
    with scopes_disabled():
        statuses = list(AssignmentDraft.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [DraftStatus.SUPERSEDED, DraftStatus.OPEN]


def test_a_draft_of_an_earlier_week_asks_for_a_new_computation(camille_client, pau, camille, scenario):
    with structure_scope(pau):
        assignment_draft_create(structure=pau, by=camille, now=timezone.now() - datetime.timedelta(days=8))
    assert "recalculez-la pour cette semaine" in camille_client.get(BOARD).text


def test_the_board_of_another_structure_shows_nothing_of_ours(client, bixente, pau, camille, scenario):
    with structure_scope(pau):
        assignment_draft_create(structure=pau, by=camille)
    client.force_login(bixente)
    text = client.get(BOARD).text
    assert "Léa Meilleure" not in text
    assert "Aucune proposition calculée" in text


def test_the_board_makes_a_bounded_number_of_queries(
    camille_client,
    pau,
    camille,
    make_person,
    make_offer,
    rome,
    communes,
    monkeypatch,
    django_assert_max_num_queries,
):
    # Lists of one row: every section is full, and also counted, from the start.
    monkeypatch.setattr(queries, "BOARD_LIMIT", 1)
    _week_of_work(pau, camille, make_person, make_offer, rome)
    make_person(rome.cleaner)
    make_person(rome.cleaner)
    make_person(rome.kitchen_hand)
    make_offer()
    make_offer(rome.kitchen_hand, commune=communes.bayonne)
    with structure_scope(pau):
        assignment_draft_create(structure=pau, by=camille)
    with django_assert_max_num_queries(30) as few:
        assert camille_client.get(BOARD).status_code == 200
    for index in range(1, 6):
        _week_of_work(pau, camille, make_person, make_offer, rome, index)
    for _ in range(8):
        make_person(rome.cleaner)
        make_person(rome.kitchen_hand)
        make_offer()
        make_offer(rome.window_cleaner)
    with structure_scope(pau):
        assignment_draft_create(structure=pau, by=camille)
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = camille_client.get(BOARD).text
    assert text.count('class="draft-line"') >= 10
