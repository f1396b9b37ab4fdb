"""Structure isolation: the pool of another structure never appears."""

import pytest
from django_scopes import ScopeError

from accesdirect.core.scope import structure_scope
from accesdirect.matching.queries import (
    assignment_compute,
    close_jobs_recruiting,
    rank_candidates,
    rank_offers,
)
from accesdirect.offers.models import Offer
from accesdirect.seekers.models import JobSeeker

pytestmark = pytest.mark.django_db


def test_another_structures_people_and_offers_never_enter_the_pool(
    make_person, make_offer, rome, pau, basque
):
    ours = make_person(rome.cleaner)
    theirs = make_person(rome.cleaner, structure=basque)
    our_offer, their_offer = make_offer(), make_offer(structure=basque)
    make_offer(rome.cleaner, structure=basque)
    their_home_help = make_person(rome.home_help, structure=basque)
    with structure_scope(pau):
        assert [p.job_seeker_id for p in rank_candidates(our_offer, include_filtered=True)] == [ours.pk]
        assert [p.offer_id for p in rank_offers(ours, include_filtered=True)] == [our_offer.pk]
        result = assignment_compute(pau)
        assert [(p.offer_id, p.candidate.job_seeker_id) for p in result.proposals] == [
            (our_offer.pk, ours.pk)
        ]
        assert (result.offers_count, result.people_count) == (1, 1)
    with structure_scope(basque):
        assert [p.job_seeker_id for p in rank_candidates(their_offer)] == [theirs.pk, their_home_help.pk]
        [close_job] = close_jobs_recruiting(their_home_help)
        assert close_job.open_offers == 2


def test_ranking_outside_any_scope_is_refused(make_person, make_offer, rome):
    offer = make_offer()
    make_person(rome.cleaner)
    with pytest.raises(ScopeError):
        rank_candidates(offer)


def test_an_offer_out_of_the_scope_is_not_found(make_person, make_offer, rome, basque):
    offer = make_offer()
    person = make_person(rome.cleaner)
    with structure_scope(basque):
        with pytest.raises(Offer.DoesNotExist):
            rank_candidates(offer, include_filtered=True)
        with pytest.raises(JobSeeker.DoesNotExist):
            rank_offers(person)
