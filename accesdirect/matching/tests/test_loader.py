"""The pool is loaded with a fixed number of aggregated queries, whatever its size, and then
scored without touching the database."""

import pytest

from accesdirect.core.scope import structure_scope
from accesdirect.matching.loader import MatchingContext
from accesdirect.matching.queries import (
    assignment_compute,
    close_jobs_recruiting,
    rank_candidates,
    rank_offers,
)
from accesdirect.offers.services import positioning_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded(make_person, make_offer, rome, communes, camille, pau):
    appellations = [rome.cleaner, rome.home_help, rome.street_cleaner, rome.laundry_worker, rome.kitchen_hand]
    places = [communes.pau, communes.billere, communes.lescar]
    people = [
        make_person(appellations[n % 5], appellations[(n + 1) % 5], commune=places[n % 3]) for n in range(60)
    ]
    offers = [make_offer(appellations[n % 5], commune=places[n % 3]) for n in range(30)]
    with structure_scope(pau):
        for person, offer in zip(people[:5], offers[:5], strict=True):
            positioning_create(offer=offer, job_seeker=person, by=camille)
    return people, offers


def test_ranking_loads_the_pool_in_a_few_queries(crowded, pau, django_assert_max_num_queries):
    people, offers = crowded
    with structure_scope(pau):
        with django_assert_max_num_queries(10):
            ranked = rank_candidates(offers[10], limit=None)
        assert len(ranked) > 10
        with django_assert_max_num_queries(10):
            assert rank_offers(people[10], limit=None)


def test_a_shared_context_scores_many_times_without_queries(crowded, pau, django_assert_num_queries):
    people, offers = crowded
    with structure_scope(pau):
        context = MatchingContext(pau)
        rank_candidates(offers[10], context=context)
        rank_offers(people[10], context=context)
        with django_assert_num_queries(0):
            for offer in offers[5:]:
                rank_candidates(offer, context=context)
            for person in people[5:]:
                rank_offers(person, context=context)
                close_jobs_recruiting(person, context=context)


def test_the_weekly_assignment_reads_a_fixed_number_of_queries(crowded, pau, django_assert_max_num_queries):
    with structure_scope(pau), django_assert_max_num_queries(12):
        result = assignment_compute(pau)
    assert len(result.proposals) == 25
