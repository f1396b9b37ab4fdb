"""The demo gives matching something to explain: wishes, conditions people cannot meet,
offers demanding conditions, so that the rankings show their filters at work."""

from collections import Counter

import pytest

from accesdirect.core.scope import structure_scope
from accesdirect.matching.loader import MatchingContext
from accesdirect.matching.queries import candidates_ranking
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Offer, Positioning
from accesdirect.seekers.enums import WorkingTime
from accesdirect.seekers.models import JobSeeker
from accesdirect.structures.models import Structure

pytestmark = pytest.mark.django_db


def test_people_have_wishes_and_offers_demand_conditions(demo, unscoped):
    people = list(
        JobSeeker.objects.values_list("wanted_contracts", "wanted_working_time", "unavailable_conditions")
    )
    assert any(contracts for contracts, _time, _conditions in people)
    assert any(time != WorkingTime.ANY for _contracts, time, _conditions in people)
    assert any(conditions for _contracts, _time, conditions in people)
    assert any(Offer.objects.values_list("work_conditions", flat=True))


def test_nobody_was_presented_an_offer_demanding_what_they_cannot_do(demo, unscoped):
    pairs = Positioning.objects.values_list("job_seeker__unavailable_conditions", "offer__work_conditions")
    assert pairs
    assert not [pair for pair in pairs if set(pair[0]) & set(pair[1])]


def test_the_rankings_of_the_open_offers_show_the_hard_filters(demo, unscoped):
    structure = Structure.objects.get(slug="acces-direct-bearn")
    reasons = Counter()
    with structure_scope(structure):
        context = MatchingContext(structure)
        for offer in Offer.objects.filter(status=OfferStatus.OPEN):
            ranking = candidates_ranking(offer, limit=5, filtered_limit=100, context=context)
            for pair in ranking.filtered:
                reasons.update(reason.split(" ")[0] for reason in pair.explanation.filtered)
    # "Trop loin", "Condition(s) impossible(s)", "Permis B exigé".
    assert reasons["Trop"] and reasons["Condition"] + reasons["Conditions"] and reasons["Permis"]
