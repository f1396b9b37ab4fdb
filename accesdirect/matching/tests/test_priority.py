"""Priority orders people of equal fit: time without work, weeks since the last proposal,
programme. Shown as a sentence; no sensitive data ever enters it."""

import datetime
import inspect

import numpy as np
import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.matching.engine import pool as engine_pool
from accesdirect.matching.loader import PERSON_FIELDS, MatchingContext
from accesdirect.matching.queries import explain_pair, rank_candidates
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.models import Positioning
from accesdirect.offers.services import positioning_advance, positioning_create
from accesdirect.seekers.enums import EducationLevel, Programme

pytestmark = pytest.mark.django_db


def test_at_equal_fit_the_longest_without_work_comes_first(make_person, make_offer, rome, in_pau):
    recent = make_person(rome.cleaner, months_without_work=3)
    long_term = make_person(rome.cleaner, months_without_work=40)
    middle = make_person(rome.cleaner, months_without_work=14)
    ranked = rank_candidates(make_offer())
    assert len({pair.fit for pair in ranked}) == 1
    assert [pair.job_seeker_id for pair in ranked] == [long_term.pk, middle.pk, recent.pk]


def test_fit_comes_before_priority(make_person, make_offer, rome, in_pau):
    close_job_long_term = make_person(rome.home_help, months_without_work=48, programme=Programme.RSA)
    target_recent = make_person(rome.cleaner, months_without_work=1, programme=Programme.OTHER)
    ranked = rank_candidates(make_offer())
    assert [pair.job_seeker_id for pair in ranked] == [target_recent.pk, close_job_long_term.pk]


def test_the_programme_counts_at_equal_fit_and_time(make_person, make_offer, rome, in_pau):
    other = make_person(rome.cleaner, programme=Programme.OTHER)
    rsa = make_person(rome.cleaner, programme=Programme.RSA)
    plie = make_person(rome.cleaner, programme=Programme.PLIE)
    assert [p.job_seeker_id for p in rank_candidates(make_offer())] == [rsa.pk, plie.pk, other.pk]


def test_a_person_without_a_recent_proposal_comes_first(make_person, make_offer, rome, camille, pau, in_pau):
    proposed_recently = make_person(rome.cleaner)
    never_proposed = make_person(rome.cleaner)
    positioning = positioning_create(offer=make_offer(), job_seeker=proposed_recently, by=camille)
    positioning_advance(positioning=positioning, to_status=PositioningStatus.WITHDRAWN, by=camille)
    ranked = rank_candidates(make_offer())
    assert [pair.job_seeker_id for pair in ranked] == [never_proposed.pk, proposed_recently.pk]


def test_the_priority_is_said_as_a_sentence(make_person, make_offer, rome, camille, in_pau):
    person = make_person(rome.cleaner, months_without_work=38, programme=Programme.RSA)
    positioning = positioning_create(offer=make_offer(), job_seeker=person, by=camille)
    positioning_advance(positioning=positioning, to_status=PositioningStatus.WITHDRAWN, by=camille)
    with scopes_disabled():
        Positioning.objects.filter(pk=positioning.pk).update(
            created_at=timezone.now() - datetime.timedelta(weeks=9, days=2)
        )
    sentence = explain_pair(offer=make_offer(), job_seeker=person).explanation.priority
    assert sentence == "sans emploi depuis 38 mois, aucune proposition depuis 9 semaines, au RSA"


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        (
            {"months_without_work": 1, "programme": Programme.PLIE},
            "sans emploi depuis 1 mois, aucune proposition de poste jusqu'ici, en PLIE",
        ),
        (
            {"months_without_work": 0, "programme": Programme.OTHER},
            "sans emploi depuis moins d'un mois, aucune proposition de poste jusqu'ici",
        ),
        (
            {"months_without_work": None, "unemployed_since": None, "programme": Programme.SENIOR},
            "aucune proposition de poste jusqu'ici, dispositif senior",
        ),
    ],
)
def test_the_sentence_reads_well_in_every_case(fields, sentence, make_person, make_offer, rome, in_pau):
    person = make_person(rome.cleaner, **fields)
    assert explain_pair(offer=make_offer(), job_seeker=person).explanation.priority == sentence


def test_priority_inputs_are_exactly_the_three_listed_fields():
    parameters = inspect.signature(engine_pool.priority_points).parameters
    assert list(parameters) == ["months_without_work", "weeks_since_proposal", "programme", "weights"]
    assert not {"birth_date", "education_level", "first_name", "last_name", "wishes", "know_how"} & set(
        PERSON_FIELDS
    )


def test_age_and_education_change_neither_priority_nor_fit(make_person, make_offer, rome, pau, in_pau):
    young = make_person(
        rome.cleaner, birth_date=datetime.date(2003, 5, 1), education_level=EducationLevel.NONE
    )
    senior = make_person(
        rome.cleaner, birth_date=datetime.date(1962, 5, 1), education_level=EducationLevel.LEVEL_6
    )
    offer = make_offer()
    pairs = [explain_pair(offer=offer, job_seeker=person) for person in (young, senior)]
    assert pairs[0].fit == pairs[1].fit and pairs[0].priority == pairs[1].priority
    context = MatchingContext(pau)
    assert np.all(context.people.priority == context.people.priority[0])
