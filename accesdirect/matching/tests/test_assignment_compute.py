"""The weekly assignment: exact, one-to-one, fit first then priority, a minimum fit, two
alternatives per offer, and the two "sans" lists."""

import random

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from accesdirect.matching.engine import NoCandidateReason, assignment_solve
from accesdirect.matching.engine.assignment import feasible_pairs, solve_optimal
from accesdirect.matching.loader import MatchingContext
from accesdirect.matching.models import MatchingSettings
from accesdirect.matching.queries import assignment_compute
from accesdirect.offers.services import positioning_create
from accesdirect.seekers.enums import SeekerStatus

pytestmark = pytest.mark.django_db


def _proposed(result):
    return {proposal.offer_id: proposal.candidate.job_seeker_id for proposal in result.proposals}


def test_each_offer_gets_at_most_one_person_and_each_person_at_most_one_offer(
    make_person, make_offer, rome, pau, in_pau
):
    people = [make_person(rome.cleaner, months_without_work=m) for m in range(3)]
    offers = [make_offer() for _ in range(5)]
    result = assignment_compute(pau)
    proposed = _proposed(result)
    assert len(proposed) == 3
    assert set(proposed.values()) == {p.pk for p in people}
    assert set(proposed) <= {o.pk for o in offers}
    assert [item.reason for item in result.offers_without_candidate] == [NoCandidateReason.TAKEN] * 2
    assert (
        result.offers_without_candidate[0].text
        == "Les personnes compatibles sont proposées sur d'autres offres"
    )


def test_the_assignment_beats_a_greedy_pick(make_person, make_offer, rome, pau, in_pau):
    """The first offer would take the best person greedily, leaving the offer that needs a
    licence without anyone; the assignment places both."""
    with_licence = make_person((rome.cleaner, True), driving_licence=True)
    without = make_person(rome.cleaner)
    first = make_offer()
    needs_licence = make_offer(requires_driving_licence=True)
    context = MatchingContext(pau)
    greedy = assignment_solve(context.people, context.offers, weights=context.weights, method="greedy")
    assert _proposed(greedy) == {first.pk: with_licence.pk}
    assert _proposed(assignment_compute(pau)) == {first.pk: without.pk, needs_licence.pk: with_licence.pk}


def test_fit_comes_first_then_priority(make_person, make_offer, rome, pau, in_pau):
    long_term_close_job = make_person(rome.home_help, months_without_work=48)
    target_recent = make_person(rome.cleaner, months_without_work=2)
    target_long_term = make_person(rome.cleaner, months_without_work=30)
    offer = make_offer()
    make_offer(rome.kitchen_hand)
    assert _proposed(assignment_compute(pau))[offer.pk] == target_long_term.pk
    assert long_term_close_job and target_recent


def test_people_positioned_or_not_active_are_left_out(make_person, make_offer, rome, camille, pau, in_pau):
    positioned = make_person(rome.cleaner, months_without_work=60)
    make_person(rome.cleaner, status=SeekerStatus.REFERRED)
    free = make_person(rome.cleaner, months_without_work=1)
    positioning_create(offer=make_offer(), job_seeker=positioned, by=camille)
    offer = make_offer()
    result = assignment_compute(pau)
    assert _proposed(result) == {offer.pk: free.pk}
    assert (result.offers_count, result.people_count) == (1, 1)


def test_the_minimum_fit_is_respected(make_person, make_offer, rome, pau, in_pau):
    same_domaine = make_person(rome.laundry_worker, wanted_contracts=["cdd"])  # 3 + 6 + 2 = 11 < 12
    offer = make_offer()
    result = assignment_compute(pau)
    assert result.proposals == []
    [without] = result.offers_without_candidate
    assert (without.offer_id, without.reason) == (offer.pk, NoCandidateReason.BELOW_THRESHOLD)
    assert without.text == "Adéquation insuffisante : aucune personne n'atteint le seuil minimal"
    MatchingSettings.objects.create(structure=pau, min_fit=10)
    assert _proposed(assignment_compute(pau)) == {offer.pk: same_domaine.pk}


def test_each_proposal_comes_with_its_explanation_and_two_alternatives(
    make_person, make_offer, rome, pau, in_pau
):
    best = make_person((rome.cleaner, True))
    second = make_person(rome.cleaner, months_without_work=40)
    third = make_person(rome.cleaner, months_without_work=10)
    make_person(rome.home_help)
    offer = make_offer()
    [proposal] = assignment_compute(pau).proposals
    assert proposal.offer_id == offer.pk
    assert proposal.candidate.job_seeker_id == best.pk
    assert proposal.candidate.explanation.job.reason == "A déjà exercé ce métier"
    assert [alternative.job_seeker_id for alternative in proposal.alternatives] == [second.pk, third.pk]
    assert all(alternative.proposed_on_offer_id is None for alternative in proposal.alternatives)


def test_an_alternative_proposed_elsewhere_says_where(make_person, make_offer, rome, pau, in_pau):
    cleaner = make_person((rome.cleaner, True))
    street_cleaner = make_person(rome.street_cleaner)
    offer = make_offer()
    street_offer = make_offer(rome.street_cleaner)
    proposals = {proposal.offer_id: proposal for proposal in assignment_compute(pau).proposals}
    assert proposals[offer.pk].candidate.job_seeker_id == cleaner.pk
    [alternative] = proposals[offer.pk].alternatives
    assert (alternative.job_seeker_id, alternative.proposed_on_offer_id) == (
        street_cleaner.pk,
        street_offer.pk,
    )


def test_offers_without_a_compatible_candidate_give_the_reason(
    make_person, make_offer, rome, communes, pau, in_pau
):
    make_person(rome.cleaner)
    make_person(rome.cleaner)
    absent = make_offer(rome.kitchen_hand)
    far = make_offer(commune=communes.bayonne)
    licence = make_offer(rome.street_cleaner, requires_driving_licence=True)
    result = assignment_compute(pau)
    reasons = {item.offer_id: (item.reason, item.text) for item in result.offers_without_candidate}
    assert reasons[absent.pk] == (
        NoCandidateReason.JOB_ABSENT,
        "Métier absent du vivier : personne ne vise ce métier ni un métier proche",
    )
    assert reasons[far.pk] == (
        NoCandidateReason.TOO_FAR,
        "Trop loin : les 2 personnes qui visent ce métier ou un métier proche habitent hors de portée",
    )
    assert reasons[licence.pk] == (NoCandidateReason.FILTERED, "Aucune personne compatible : permis B exigé")


def test_people_without_a_compatible_offer_are_grouped_by_job_and_area(
    make_person, make_offer, rome, communes, pau, in_pau
):
    cooks_pau = [make_person(rome.kitchen_hand) for _ in range(2)]
    cook_lescar = make_person(rome.kitchen_hand, rome.laundry_worker, commune=communes.lescar)
    make_person(rome.cleaner)
    make_offer()
    groups = [
        (group.appellation_label, group.commune_name, set(group.job_seeker_ids))
        for group in assignment_compute(pau).people_without_offer
    ]
    assert groups == [
        ("Commis / Commise de cuisine", "Pau", {p.pk for p in cooks_pau}),
        ("Blanchisseur / Blanchisseuse", "Lescar", {cook_lescar.pk}),
        ("Commis / Commise de cuisine", "Lescar", {cook_lescar.pk}),
    ]


def test_the_solution_is_optimal_against_a_dense_solver(make_person, make_offer, rome, communes, pau, in_pau):
    rng = random.Random(11)
    appellations = list(vars(rome).values())
    places = [communes.pau, communes.billere, communes.lescar, communes.nay]
    for _ in range(25):
        make_person(
            *rng.sample(appellations, 2),
            commune=rng.choice(places),
            driving_licence=rng.random() < 0.5,
            months_without_work=rng.randint(0, 60),
        )
    for _ in range(15):
        make_offer(
            rng.choice(appellations), commune=rng.choice(places), requires_driving_licence=rng.random() < 0.3
        )
    context = MatchingContext(pau)
    people, offers = context.people, context.offers
    pairs = feasible_pairs(
        people,
        offers,
        weights=context.weights,
        refusals=context.refusals,
        available=np.ones(people.size, dtype=bool),
    )
    spread = float(pairs.priority.max()) + 1
    weight = pairs.fit * spread + pairs.priority
    matrix = np.zeros((offers.size, people.size))
    matrix[pairs.offer, pairs.person] = weight
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    matching = solve_optimal(pairs)
    assert sum(matrix[j, i] for j, i in matching.items()) == pytest.approx(matrix[rows, cols].sum())
    assert len(set(matching.values())) == len(matching)
    assert all(matrix[j, i] > 0 for j, i in matching.items())
    assert matching
