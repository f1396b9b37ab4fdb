"""The Monday board: the week's facts for the team meeting, and the weekly draft with its
alternatives and both "sans" lists. Printable. Each part is fetched when it scrolls into view
(or opened as its own page without script) and pages its rows; a bounded number of queries
for the page and for each part, whatever the volume."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.matching import views
from accesdirect.matching.enums import DraftStatus
from accesdirect.matching.models import AssignmentDraft, MatchingSettings
from accesdirect.matching.services import assignment_draft_create
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.services import positioning_advance, positioning_create
from accesdirect.seekers.enums import PeriodStatus
from accesdirect.testing import factories as f

from .conftest import LAZY_PART, read_board

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


def section(name):
    return reverse("matching:board_section", kwargs={"slug": name})


def test_the_board_shows_the_weeks_work(camille_client, pau, camille, make_person, make_offer, rome):
    _week_of_work(pau, camille, make_person, make_offer, rome)
    make_person(rome.cleaner, first_name="Zoé", last_name="Oubliée")
    text = read_board(camille_client)
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
    assert "data-print" in text
    assert "Calculer la proposition de la semaine" in text


def test_the_page_is_a_frame_whose_parts_load_when_they_scroll_into_view(
    camille_client, pau, camille, make_person, make_offer, rome
):
    _week_of_work(pau, camille, make_person, make_offer, rome)
    page = camille_client.get(BOARD).text
    assert "En cours 0" not in page and "Finper0" not in page
    parts = LAZY_PART.findall(page)
    assert len(parts) == 7  # no draft yet: no parts of the draft
    for name in ("nouvelles-offres", "positionnements", "fins-de-per", "relances"):
        assert section(name) in parts
        # Without script, each part opens as a page of its own.
        assert f'<a href="{section(name)}">' in page
    alone = camille_client.get(section("positionnements"))
    assert "<html" in alone.text and "En cours 0" in alone.text
    fragment = camille_client.get(section("positionnements"), headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and "En cours 0" in fragment.text
    assert camille_client.get(BOARD + "sections/inconnue/").status_code == 404


def test_a_long_section_is_paged(camille_client, pau, make_person, rome, monkeypatch):
    monkeypatch.setattr(views, "BOARD_PER_PAGE", 3)
    for index in range(7):
        make_person(rome.cleaner, last_name=f"Attente{index}")
    first = camille_client.get(
        section("sans-proposition"), {"semaines": 8}, headers={"HX-Request": "true"}
    ).text
    assert "Page 1 sur 3" in first and ">7</span>" in first
    assert first.count("Attente") == 3
    next_url = f"{section('sans-proposition')}?semaines=8&amp;page=2"
    assert f'hx-get="{next_url}"' in first and 'hx-target="#section-sans-proposition"' in first
    last = camille_client.get(section("sans-proposition"), {"semaines": 8, "page": 3}).text
    assert "Page 3 sur 3" in last and last.count("Attente") == 1


def test_the_weeks_without_proposal_come_from_the_page_or_the_settings(
    camille_client, pau, camille, make_person, make_offer, rome
):
    person = make_person(rome.cleaner, first_name="Rémi", last_name="Récent")
    with structure_scope(pau):
        positioning = positioning_create(offer=make_offer(), job_seeker=person, by=camille)
        positioning_advance(positioning=positioning, to_status=PositioningStatus.WITHDRAWN, by=camille)
    # Proposed this week: never "without proposal", whatever the number of weeks.
    assert "Rémi Récent" not in read_board(camille_client)
    assert "Rémi Récent" not in read_board(camille_client, semaines=1)
    assert "Sans proposition depuis plus de 3 semaines" in read_board(camille_client, semaines=3)
    MatchingSettings.objects.create(structure=pau, without_proposal_weeks=5)
    assert "Sans proposition depuis plus de 5 semaines" in read_board(camille_client)
    assert "Sans proposition depuis plus de 5 semaines" in read_board(camille_client, semaines="x")


def test_computing_the_draft_shows_the_proposals_alternatives_and_both_sans_lists(camille_client, scenario):
    response = camille_client.post(reverse("matching:draft_create"), follow=True)
    assert "Proposition de la semaine calculée" in response.text
    text = read_board(camille_client)
    assert "Léa Meilleure" in text  # proposed on the first offer
    assert "Autres personnes possibles" in text
    assert "Nina Troisième" in text and "Marc Second" in text
    assert "proposée aussi sur une autre offre" in text
    assert "A déjà exercé ce métier" in text and "●●●" in text
    assert "%" not in text.split('id="proposition"')[1]
    sans_offer = text.split('id="section-offres-sans-candidat"')[-1].split(
        'id="section-personnes-sans-offre"'
    )[0]
    assert "Commis au port" in sans_offer and "Trop loin" in sans_offer
    sans_people = text.split('id="section-personnes-sans-offre"')[-1]
    assert (
        "Commis / Commise de cuisine" in sans_people
        and "Pau" in sans_people
        and "Omar Cuisinier" in sans_people
    )
    with scopes_disabled():
        line = AssignmentDraft.objects.get().lines.get(offer=scenario["offer"])
    for action in ("line_accept", "line_change", "line_reject"):
        assert reverse(f"matching:{action}", args=[line.pk]) in text


def test_the_decision_forms_are_fetched_when_a_line_is_opened(camille_client, scenario):
    camille_client.post(reverse("matching:draft_create"))
    with scopes_disabled():
        line = AssignmentDraft.objects.get().lines.get(offer=scenario["offer"])
    lines = camille_client.get(section("proposition"), headers={"HX-Request": "true"}).text
    change_url = reverse("matching:line_change", args=[line.pk])
    # Not the forms themselves: a part of the line that fetches its form when opened.
    assert 'name="reason"' not in lines and 'name="alternative"' not in lines
    assert f'hx-get="{change_url}?page=1" hx-trigger="toggle once"' in lines
    form = camille_client.get(change_url, {"page": "1"}, headers={"HX-Request": "true"}).text
    assert "<html" not in form and 'name="reason"' in form and "Nina Troisième" in form
    assert f'action="{change_url}"' in form and 'name="page" value="1"' in form
    reject = camille_client.get(reverse("matching:line_reject", args=[line.pk])).text
    assert "<html" in reject and "Pourquoi écarter cette proposition ?" in reject


def test_the_draft_lines_are_paged(camille_client, pau, camille, make_person, make_offer, rome, monkeypatch):
    monkeypatch.setattr(views, "DRAFT_LINES_PER_PAGE", 2)
    for index in range(5):
        make_person(rome.cleaner)
        make_offer(title=f"Offre {index}")
    camille_client.post(reverse("matching:draft_create"))
    first = camille_client.get(section("proposition"), headers={"HX-Request": "true"}).text
    assert first.count('class="draft-line"') == 2 and "Page 1 sur 3" in first
    last = camille_client.get(section("proposition"), {"page": 3}, headers={"HX-Request": "true"}).text
    assert last.count('class="draft-line"') == 1


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
    text = read_board(client)
    assert "Léa Meilleure" not in text
    assert "Aucune proposition calculée" in text
    assert client.get(section("proposition")).status_code == 404


def _queries_of_each_part(client, django_assert_max_num_queries, limit: int) -> dict[str, int]:
    """The queries of the board page and of each part it fetches, each at most `limit`."""
    counts = {}
    with django_assert_max_num_queries(limit) as page:
        text = client.get(BOARD).text
    counts[BOARD] = len(page.captured_queries)
    for part in LAZY_PART.findall(text):
        with django_assert_max_num_queries(limit) as queries:
            assert client.get(html.unescape(part), headers={"HX-Request": "true"}).status_code == 200
        counts[part.split("?")[0]] = len(queries.captured_queries)
    return counts


def test_the_board_and_each_part_make_a_bounded_number_of_queries(
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
    # Pages of one row: every section has several pages from the start.
    monkeypatch.setattr(views, "BOARD_PER_PAGE", 1)
    monkeypatch.setattr(views, "DRAFT_LINES_PER_PAGE", 1)
    monkeypatch.setattr(views, "GROUPS_PER_PAGE", 1)
    _week_of_work(pau, camille, make_person, make_offer, rome)
    make_person(rome.cleaner)
    make_person(rome.cleaner)
    make_person(rome.kitchen_hand)
    make_offer()
    make_offer(rome.kitchen_hand, commune=communes.bayonne)
    with structure_scope(pau):
        assignment_draft_create(structure=pau, by=camille)
    few = _queries_of_each_part(camille_client, django_assert_max_num_queries, 15)
    assert len(few) == 11  # the page, seven sections and three parts of the draft
    for index in range(1, 6):
        _week_of_work(pau, camille, make_person, make_offer, rome, index)
    for _ in range(8):
        make_person(rome.cleaner)
        make_person(rome.kitchen_hand)
        make_offer()
        make_offer(rome.window_cleaner)
    monkeypatch.setattr(views, "BOARD_PER_PAGE", 25)
    monkeypatch.setattr(views, "DRAFT_LINES_PER_PAGE", 20)
    monkeypatch.setattr(views, "GROUPS_PER_PAGE", 20)
    with structure_scope(pau):
        assignment_draft_create(structure=pau, by=camille)
    assert _queries_of_each_part(camille_client, django_assert_max_num_queries, 15) == few
    assert read_board(camille_client).count('class="draft-line"') >= 10


def test_a_line_s_form_makes_a_bounded_number_of_queries(
    camille_client, scenario, django_assert_max_num_queries
):
    camille_client.post(reverse("matching:draft_create"))
    with scopes_disabled():
        line = AssignmentDraft.objects.get().lines.get(offer=scenario["offer"])
    for name in ("line_change", "line_reject"):
        with django_assert_max_num_queries(6):
            response = camille_client.get(
                reverse(f"matching:{name}", args=[line.pk]), headers={"HX-Request": "true"}
            )
        assert response.status_code == 200
