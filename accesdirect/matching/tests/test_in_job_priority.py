"""A person in a short job stays accompanied and matched; on a durable offer they come after the
people of equal fit who have no job (the structure's setting), on a short one nothing changes."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.core.vocabulary import Contract
from accesdirect.matching.models import MatchingSettings
from accesdirect.matching.queries import explain_pair, rank_candidates
from accesdirect.offers.services import employment_declare

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_interim(make_person, rome, camille):
    """Two equal people; the longer without work is in a two-week interim."""

    def _make():
        working = make_person(rome.cleaner, months_without_work=40)
        employment_declare(
            job_seeker=working,
            by=camille,
            contract=Contract.INTERIM,
            starts_on=timezone.localdate() - datetime.timedelta(days=2),
            ends_on=timezone.localdate() + datetime.timedelta(days=11),
            hours_per_week=35,
            employer_name="Adecco Pau",
            job_title="Agent d'entretien",
        )
        waiting = make_person(rome.cleaner, months_without_work=30)
        return working, waiting

    return _make


def test_on_a_durable_offer_the_person_in_a_job_comes_after(in_interim, make_offer, in_pau):
    working, waiting = in_interim()

    ranked = rank_candidates(make_offer(contract=Contract.CDI))

    assert [pair.job_seeker_id for pair in ranked] == [waiting.pk, working.pk]


def test_on_a_short_offer_the_priority_is_unchanged(in_interim, make_offer, in_pau):
    working, waiting = in_interim()

    ranked = rank_candidates(make_offer(contract=Contract.CDD, duration_months=2))

    assert [pair.job_seeker_id for pair in ranked] == [working.pk, waiting.pk]


def test_the_setting_at_zero_treats_everybody_alike(in_interim, make_offer, pau, in_pau):
    MatchingSettings.objects.create(structure=pau, in_job_priority_penalty=0)
    working, waiting = in_interim()

    ranked = rank_candidates(make_offer(contract=Contract.CDI))

    assert [pair.job_seeker_id for pair in ranked] == [working.pk, waiting.pk]


def test_the_priority_sentence_says_the_person_is_in_a_job(in_interim, make_offer, in_pau):
    working, _ = in_interim()

    explanation = explain_pair(offer=make_offer(contract=Contract.CDI), job_seeker=working).explanation

    assert "en emploi en ce moment" in explanation.priority
