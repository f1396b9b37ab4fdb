"""The draft of the Monday meeting and the staff's decisions: accepting positions the person
through the usual service (one offer = one person still holds), every override is recorded
with its reason."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.matching.enums import DraftStatus, LineDecision
from accesdirect.matching.models import AssignmentDraft, AssignmentLine
from accesdirect.matching.services import (
    assignment_draft_create,
    assignment_line_accept,
    assignment_line_change,
    assignment_line_reject,
)
from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.models import Positioning
from accesdirect.offers.services import positioning_create
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(make_person, make_offer, rome, communes):
    """Two cleaning offers, three people, a kitchen offer nobody targets, a cook without offer."""
    return {
        "best": make_person((rome.cleaner, True), months_without_work=30),
        "second": make_person(rome.cleaner, months_without_work=20),
        "third": make_person(rome.cleaner, months_without_work=10),
        "cook": make_person(rome.kitchen_hand),
        "offer": make_offer(),
        "other_offer": make_offer(rome.window_cleaner),
        "kitchen": make_offer(rome.kitchen_hand, commune=communes.bayonne),
    }


@pytest.fixture
def draft(scenario, pau, camille):
    with structure_scope(pau):
        return assignment_draft_create(structure=pau, by=camille)


def _line(draft, offer):
    with scopes_disabled():
        return AssignmentLine.objects.select_related("offer", "proposed_job_seeker").get(
            draft=draft, offer=offer
        )


def test_the_draft_stores_one_line_per_proposal_with_snapshots(draft, scenario, camille):
    with scopes_disabled():
        lines = {line.offer_id: line for line in draft.lines.all()}
        draft.refresh_from_db()
    assert set(lines) == {scenario["offer"].pk, scenario["other_offer"].pk}
    line = lines[scenario["offer"].pk]
    assert line.decision == LineDecision.PENDING
    assert line.explained.job.reason == "A déjà exercé ce métier"
    assert line.explained.priority.startswith("sans emploi depuis 30 mois")
    # The free person first, then the one proposed on the other offer.
    assert line.alternative_ids == [scenario["third"].pk, scenario["second"].pk]
    assert [c.proposed_on_offer_id for c in line.alternative_candidates] == [None, scenario["other_offer"].pk]
    assert line.alternative_candidates[0].explanation.compatible
    assert draft.week_start == timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert draft.created_by == camille
    assert (draft.offers_count, draft.people_count) == (3, 4)
    assert draft.offers_without_candidate == [
        {
            "offer_id": scenario["kitchen"].pk,
            "reason": "too_far",
            "text": "Trop loin : la personne qui vise ce métier ou un métier proche habite hors de portée",
        }
    ]
    [group] = draft.people_without_offer
    assert (group["appellation_label"], group["commune_name"]) == ("Commis / Commise de cuisine", "Pau")
    assert group["job_seeker_ids"] == [scenario["cook"].pk]


def test_accepting_a_line_positions_the_proposed_person(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau):
        assignment_line_accept(line=line, by=camille)
        line.refresh_from_db()
        positioning = Positioning.objects.get(offer=scenario["offer"])
        scenario["offer"].refresh_from_db()
    assert (line.decision, line.decided_by, line.positioning) == (LineDecision.ACCEPTED, camille, positioning)
    assert line.decided_at is not None
    assert positioning.job_seeker == scenario["best"]
    assert positioning.status == PositioningStatus.PROPOSED
    assert scenario["offer"].status == OfferStatus.POSITIONED


def test_after_acceptance_nobody_else_can_be_put_on_the_offer(draft, scenario, pau, camille):
    with structure_scope(pau):
        assignment_line_accept(line=_line(draft, scenario["offer"]), by=camille)
        with pytest.raises(ConflictError, match="Cette offre est déjà positionnée"):
            positioning_create(offer=scenario["offer"], job_seeker=scenario["second"], by=camille)
        assert Positioning.objects.filter(offer=scenario["offer"]).count() == 1


def test_an_offer_positioned_meanwhile_refuses_the_line(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau):
        positioning_create(offer=scenario["offer"], job_seeker=scenario["third"], by=camille)
        with pytest.raises(ConflictError, match="Cette offre est déjà positionnée"):
            assignment_line_accept(line=line, by=camille)
        with pytest.raises(ConflictError, match="Cette offre est déjà positionnée"):
            assignment_line_change(line=line, job_seeker=scenario["second"], reason="Plus proche", by=camille)
        line.refresh_from_db()
        assert line.decision == LineDecision.PENDING
        assert Positioning.objects.filter(offer=scenario["offer"]).count() == 1


def test_a_decided_line_is_not_decided_twice(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau):
        assignment_line_accept(line=line, by=camille)
        with pytest.raises(ConflictError, match="déjà décidée"):
            assignment_line_reject(line=line, reason="Erreur", by=camille)


def test_changing_the_person_needs_a_reason_and_records_it(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau):
        with pytest.raises(DomainError, match="Indiquez pourquoi une autre personne est choisie"):
            assignment_line_change(line=line, job_seeker=scenario["third"], reason="  ", by=camille)
        assignment_line_change(
            line=line, job_seeker=scenario["third"], reason="Connaît l'entreprise", by=camille
        )
        line.refresh_from_db()
        positioning = Positioning.objects.get(offer=scenario["offer"])
    assert (line.decision, line.chosen_job_seeker, line.reason) == (
        LineDecision.CHANGED,
        scenario["third"],
        "Connaît l'entreprise",
    )
    assert line.proposed_job_seeker == scenario["best"]
    assert line.decided_job_seeker_id == scenario["third"].pk
    assert positioning.job_seeker == scenario["third"]


def test_changing_to_the_proposed_person_is_an_acceptance(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau), pytest.raises(DomainError, match="acceptez la ligne"):
        assignment_line_change(line=line, job_seeker=scenario["best"], reason="Même personne", by=camille)


def test_a_person_of_another_structure_cannot_be_chosen(
    draft, scenario, pau, basque, camille, make_person, rome
):
    outsider = make_person(rome.cleaner, structure=basque)
    line = _line(draft, scenario["offer"])
    with structure_scope(pau), pytest.raises(DomainError, match="même structure"):
        assignment_line_change(line=line, job_seeker=outsider, reason="Essai", by=camille)


def test_rejecting_needs_a_reason_and_records_it_without_positioning(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau):
        with pytest.raises(DomainError, match="Indiquez pourquoi cette proposition est écartée"):
            assignment_line_reject(line=line, reason="", by=camille)
        assignment_line_reject(line=line, reason="Ne souhaite plus ce métier", by=camille)
        line.refresh_from_db()
        assert not Positioning.objects.filter(offer=scenario["offer"]).exists()
    assert (line.decision, line.reason, line.decided_by) == (
        LineDecision.REJECTED,
        "Ne souhaite plus ce métier",
        camille,
    )


def test_the_database_refuses_an_override_without_reason(draft, scenario, camille):
    line = _line(draft, scenario["offer"])
    with scopes_disabled(), pytest.raises(IntegrityError):
        AssignmentLine.objects.filter(pk=line.pk).update(
            decision=LineDecision.REJECTED, decided_at=timezone.now()
        )


def test_the_draft_closes_when_every_line_is_decided(draft, scenario, pau, camille):
    with structure_scope(pau):
        assignment_line_accept(line=_line(draft, scenario["offer"]), by=camille)
        draft.refresh_from_db()
        assert draft.status == DraftStatus.OPEN
        assignment_line_reject(
            line=_line(draft, scenario["other_offer"]), reason="Déjà en formation", by=camille
        )
        draft.refresh_from_db()
    assert draft.status == DraftStatus.CLOSED


def test_a_new_draft_supersedes_the_open_one_and_forgets_decided_offers(draft, scenario, pau, camille):
    with structure_scope(pau):
        assignment_line_accept(line=_line(draft, scenario["offer"]), by=camille)
        new = assignment_draft_create(structure=pau, by=camille)
        draft.refresh_from_db()
        assert draft.status == DraftStatus.SUPERSEDED
        assert new.status == DraftStatus.OPEN
        assert list(new.lines.values_list("offer_id", flat=True)) == [scenario["other_offer"].pk]
        old_line = _line(draft, scenario["other_offer"])
        with pytest.raises(DomainError, match="remplacée par un calcul plus récent"):
            assignment_line_accept(line=old_line, by=camille)


def test_a_rejected_pair_is_not_proposed_again(draft, scenario, pau, camille):
    line = _line(draft, scenario["offer"])
    with structure_scope(pau):
        assignment_line_reject(line=line, reason="Refuse les horaires", by=camille)
        new = assignment_draft_create(structure=pau, by=camille)
        proposed = dict(new.lines.values_list("offer_id", "proposed_job_seeker_id"))
    assert proposed[scenario["offer"].pk] != scenario["best"].pk


def test_only_one_draft_is_open_per_structure(draft, pau, camille):
    with scopes_disabled(), pytest.raises(IntegrityError):
        AssignmentDraft.objects.create(structure=pau, week_start=timezone.localdate(), created_by=camille)


def test_drafts_of_two_structures_live_side_by_side(draft, basque, bixente):
    f.OfferFactory(structure=basque, company__structure=basque)
    with structure_scope(basque):
        other = assignment_draft_create(structure=basque, by=bixente)
        assert other.lines.count() == 0
    with scopes_disabled():
        assert AssignmentDraft.objects.filter(status=DraftStatus.OPEN).count() == 2
