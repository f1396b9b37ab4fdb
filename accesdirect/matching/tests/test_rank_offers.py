"""Offers for a person, ranked the same way as candidates for an offer, and the "métiers
proches qui recrutent ici"."""

import pytest

from accesdirect.matching.loader import MatchingContext
from accesdirect.matching.queries import close_jobs_recruiting, rank_candidates, rank_offers
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.services import positioning_create

pytestmark = pytest.mark.django_db


def test_offers_are_ranked_by_fit_for_the_person(make_person, make_offer, rome, communes, in_pau):
    person = make_person((rome.cleaner, True), rome.home_help, driving_licence=True, has_vehicle=True)
    near_cleaning = make_offer()
    far_cleaning = make_offer(commune=communes.oloron)
    home_help = make_offer(rome.home_help)
    street = make_offer(rome.street_cleaner)
    make_offer(rome.kitchen_hand)
    make_offer(status=OfferStatus.CANCELLED)
    ranked = rank_offers(person)
    # A wished job nearby (12 + 6 + 3) beats a job already done but far (15 + 2 + 3).
    assert [pair.offer_id for pair in ranked] == [near_cleaning.pk, home_help.pk, far_cleaning.pk, street.pk]
    assert all(pair.job_seeker_id == person.pk for pair in ranked)


def test_both_directions_agree_on_every_pair(make_person, make_offer, rome, communes, pau, in_pau):
    people = [
        make_person(rome.cleaner),
        make_person(rome.home_help, commune=communes.lescar, driving_licence=True),
        make_person((rome.street_cleaner, True), rome.laundry_worker),
    ]
    offers = [
        make_offer(),
        make_offer(rome.laundry_worker, commune=communes.billere),
        make_offer(rome.street_cleaner),
    ]
    context = MatchingContext(pau)
    by_offer = {
        (pair.offer_id, pair.job_seeker_id): (pair.fit, pair.priority, pair.explanation)
        for offer in offers
        for pair in rank_candidates(offer, context=context, limit=None, include_filtered=True)
    }
    by_person = {
        (pair.offer_id, pair.job_seeker_id): (pair.fit, pair.priority, pair.explanation)
        for person in people
        for pair in rank_offers(person, context=context, limit=None, include_filtered=True)
    }
    assert by_offer == by_person
    assert len(by_offer) >= 5


def test_the_limit_keeps_the_best(make_person, make_offer, rome, in_pau):
    people = [make_person(rome.cleaner, months_without_work=m) for m in (5, 50, 20, 35)]
    ranked = rank_candidates(make_offer(), limit=2)
    assert [pair.job_seeker_id for pair in ranked] == [people[1].pk, people[3].pk]
    assert rank_candidates(make_offer(), limit=0) == []


def test_a_person_on_another_offer_is_still_ranked_and_flagged(
    make_person, make_offer, rome, camille, in_pau
):
    person = make_person(rome.cleaner)
    positioning_create(offer=make_offer(), job_seeker=person, by=camille)
    [pair] = rank_candidates(make_offer())
    assert pair.positioned_elsewhere


def test_close_jobs_recruiting_here(make_person, make_offer, rome, communes, in_pau):
    person = make_person(rome.home_help)
    make_offer()
    make_offer(commune=communes.bayonne)
    make_offer(rome.home_help)
    [close_job] = close_jobs_recruiting(person)
    assert (close_job.code, close_job.label) == ("K2204", "Nettoyage de locaux")
    assert close_job.close_to == "Aide ménager / ménagère"
    assert (close_job.order, close_job.open_offers, close_job.offers_within_reach) == (2, 2, 1)


def test_no_close_job_without_a_local_offer(make_person, make_offer, rome, in_pau):
    person = make_person(rome.home_help)
    make_offer(rome.home_help)
    assert close_jobs_recruiting(person) == []
    assert close_jobs_recruiting(make_person(rome.kitchen_hand)) == []
