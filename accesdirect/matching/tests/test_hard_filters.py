"""Hard filters: a filtered pair is left out of the ranking, and shows its reason when asked."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.matching.queries import explain_pair, rank_candidates, rank_offers
from accesdirect.matching.services import assignment_draft_create, assignment_line_reject
from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.services import positioning_advance, positioning_create
from accesdirect.seekers.enums import ExitReason, SeekerStatus, WorkCondition

pytestmark = pytest.mark.django_db


def _ids(ranked):
    return [pair.job_seeker_id for pair in ranked]


def test_a_compatible_pair_has_no_filter_reason(make_person, make_offer, rome, in_pau):
    person, offer = make_person(rome.cleaner), make_offer()
    [pair] = rank_candidates(offer)
    assert pair.job_seeker_id == person.pk
    assert pair.compatible
    assert pair.explanation.filtered == ()


def test_a_positioned_offer_ranks_nobody_and_says_so(make_person, make_offer, rome, camille, in_pau):
    person, other = make_person(rome.cleaner), make_person(rome.cleaner)
    offer = make_offer()
    positioning_create(offer=offer, job_seeker=other, by=camille)
    assert rank_candidates(offer) == []
    reasons = {
        pair.job_seeker_id: pair.explanation.filtered
        for pair in rank_candidates(offer, include_filtered=True)
    }
    assert reasons[person.pk] == ("Offre déjà positionnée",)


def test_a_closed_offer_shows_its_state(make_person, make_offer, rome, in_pau):
    make_person(rome.cleaner)
    offer = make_offer(status=OfferStatus.FILLED)
    [pair] = rank_candidates(offer, include_filtered=True)
    assert pair.explanation.filtered == ("Offre fermée (pourvue)",)


LEFT = {"status": SeekerStatus.LEFT, "exit_reason": ExitReason.MOVED, "exited_on": datetime.date(2026, 1, 5)}


def test_a_person_out_of_accompaniment_is_not_ranked_for_offers(make_person, make_offer, rome, in_pau):
    person = make_person(rome.cleaner, **LEFT)
    make_offer()
    assert rank_offers(person) == []
    [pair] = rank_offers(person, include_filtered=True)
    assert pair.explanation.filtered == ("Personne hors accompagnement (sorti·e)",)


def test_only_active_people_are_candidates(make_person, make_offer, rome, in_pau):
    active = make_person(rome.cleaner)
    make_person(rome.cleaner, status=SeekerStatus.REFERRED)
    make_person(rome.cleaner, **LEFT)
    assert _ids(rank_candidates(make_offer(), include_filtered=True)) == [active.pk]


@pytest.mark.parametrize("ending", [PositioningStatus.WITHDRAWN, PositioningStatus.NOT_RETAINED])
def test_a_pair_that_ended_without_hire_is_not_proposed_again(
    ending, make_person, make_offer, rome, camille, in_pau
):
    person, offer = make_person(rome.cleaner), make_offer()
    positioning = positioning_create(offer=offer, job_seeker=person, by=camille)
    path = {
        PositioningStatus.WITHDRAWN: [PositioningStatus.WITHDRAWN],
        PositioningStatus.NOT_RETAINED: [
            PositioningStatus.ACCEPTED,
            PositioningStatus.INTERVIEW_SCHEDULED,
            PositioningStatus.INTERVIEW_HELD,
            PositioningStatus.NOT_RETAINED,
        ],
    }[ending]
    for step in path:
        positioning_advance(positioning=positioning, to_status=step, by=camille, interview_at=timezone.now())
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    assert rank_candidates(offer) == []
    [pair] = rank_candidates(offer, include_filtered=True)
    assert pair.explanation.filtered == ("Déjà refusée",)
    assert rank_offers(person) == []


def test_a_rejected_draft_line_is_a_refused_pair(make_person, make_offer, rome, pau, camille):
    person, offer = make_person(rome.cleaner), make_offer()
    with structure_scope(pau):
        draft = assignment_draft_create(structure=pau, by=camille)
        assignment_line_reject(
            line=draft.lines.get(), reason="Horaires incompatibles avec la garde", by=camille
        )
        assert explain_pair(offer=offer, job_seeker=person).explanation.filtered == ("Déjà refusée",)


def test_an_unrelated_job_is_excluded(make_person, make_offer, rome, in_pau):
    person, offer = make_person(rome.kitchen_hand), make_offer()
    assert rank_candidates(offer, include_filtered=True) == []
    pair = explain_pair(offer=offer, job_seeker=person)
    assert pair.explanation.filtered == ("Métier sans lien avec ses postes visés",)
    assert pair.explanation.job.level == 0


def test_too_far_for_the_reach_says_the_distance_and_the_reach(
    make_person, make_offer, rome, communes, in_pau
):
    person = make_person(rome.cleaner, driving_licence=True, commune=communes.orthez)
    offer = make_offer()
    assert rank_candidates(offer) == []
    [pair] = rank_candidates(offer, include_filtered=True)
    assert pair.explanation.filtered == ("Trop loin : 51 km pour une portée de 12 km",)
    assert pair.explanation.commute.level == 0
    assert pair.job_seeker_id == person.pk


def test_a_required_licence_filters_people_without_it(make_person, make_offer, rome, in_pau):
    without, with_licence = make_person(rome.cleaner), make_person(rome.cleaner, driving_licence=True)
    offer = make_offer(requires_driving_licence=True)
    assert _ids(rank_candidates(offer)) == [with_licence.pk]
    reasons = {
        pair.job_seeker_id: pair.explanation.filtered
        for pair in rank_candidates(offer, include_filtered=True)
    }
    assert reasons[without.pk] == ("Permis B exigé",)


def test_a_condition_the_person_cannot_meet_filters_the_pair(make_person, make_offer, rome, in_pau):
    person = make_person(rome.cleaner, unavailable_conditions=[WorkCondition.NIGHT, WorkCondition.COLD])
    offer = make_offer(work_conditions=[WorkCondition.NIGHT, WorkCondition.WEEKEND])
    assert rank_candidates(offer) == []
    [pair] = rank_candidates(offer, include_filtered=True)
    assert pair.explanation.filtered == ("Condition impossible pour la personne : travail de nuit",)
    assert explain_pair(
        offer=make_offer(work_conditions=[WorkCondition.WEEKEND]), job_seeker=person
    ).compatible


def test_several_reasons_are_all_given(make_person, make_offer, rome, communes, in_pau):
    make_person(rome.cleaner, commune=communes.oloron, unavailable_conditions=[WorkCondition.HEAVY_LOADS])
    offer = make_offer(requires_driving_licence=True, work_conditions=[WorkCondition.HEAVY_LOADS])
    [pair] = rank_candidates(offer, include_filtered=True)
    assert pair.explanation.filtered == (
        "Trop loin : 29 km pour une portée de 8 km",
        "Permis B exigé",
        "Condition impossible pour la personne : port de charges lourdes",
    )


def test_filtered_pairs_come_after_compatible_ones(make_person, make_offer, rome, in_pau):
    filtered = make_person((rome.cleaner, True))
    compatible = make_person(rome.street_cleaner, driving_licence=True)
    offer = make_offer(requires_driving_licence=True)
    ranked = rank_candidates(offer, include_filtered=True)
    assert _ids(ranked) == [compatible.pk, filtered.pk]
    assert [pair.compatible for pair in ranked] == [True, False]
