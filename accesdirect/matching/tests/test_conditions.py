"""The conditions part: contract, working time and start date against the person's wishes."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.matching.queries import explain_pair
from accesdirect.offers.enums import Contract
from accesdirect.seekers.enums import Availability, WorkingTime

pytestmark = pytest.mark.django_db


def _conditions(person, offer):
    part = explain_pair(offer=offer, job_seeker=person).explanation.conditions
    return part.level, part.reason


def test_no_wish_means_every_condition_suits(make_person, make_offer, rome, in_pau):
    assert _conditions(make_person(rome.cleaner), make_offer()) == (3, "Conforme à ses souhaits")


def test_the_wished_contract_is_said(make_person, make_offer, rome, in_pau):
    person = make_person(rome.cleaner, wanted_contracts=[Contract.CDD, Contract.INTERIM])
    assert _conditions(person, make_offer(cdd=True)) == (3, "CDD souhaité")
    assert _conditions(person, make_offer(contract=Contract.CDI)) == (2, "CDI (souhaite : CDD, Intérim)")


def test_the_working_time_is_read_from_the_hours(make_person, make_offer, rome, in_pau):
    person = make_person(rome.cleaner, wanted_working_time=WorkingTime.PART_TIME)
    assert _conditions(person, make_offer(hours_per_week=24)) == (3, "Temps partiel souhaité")
    assert _conditions(person, make_offer(hours_per_week=35)) == (2, "Temps plein (souhaite : temps partiel)")
    assert _conditions(person, make_offer(hours_per_week=None)) == (3, "Conforme à ses souhaits")


def test_the_start_date_is_compared_with_the_availability(make_person, make_offer, rome, in_pau):
    later = make_person(rome.cleaner, availability=Availability.WITHIN_MONTH)
    soon = timezone.localdate() + datetime.timedelta(days=3)
    assert _conditions(later, make_offer(starts_on=soon)) == (
        2,
        f"Démarrage le {soon:%d/%m/%Y} (disponibilité : sous un mois)",
    )
    assert _conditions(later, make_offer()) == (2, "Démarrage immédiat (disponibilité : sous un mois)")
    in_five_weeks = timezone.localdate() + datetime.timedelta(days=35)
    assert _conditions(later, make_offer(starts_on=in_five_weeks))[0] == 3
    assert _conditions(make_person(rome.cleaner), make_offer(starts_on=soon))[0] == 3


def test_conditions_weigh_in_the_fit_and_nothing_is_a_percentage(make_person, make_offer, rome, in_pau):
    suits = make_person(rome.cleaner, wanted_contracts=[Contract.CDI])
    does_not = make_person(
        rome.cleaner, wanted_contracts=[Contract.CDD], wanted_working_time=WorkingTime.FULL_TIME
    )
    offer = make_offer()
    good, bad = explain_pair(offer=offer, job_seeker=suits), explain_pair(offer=offer, job_seeker=does_not)
    assert good.fit > bad.fit
    assert bad.explanation.conditions.reason == "CDI (souhaite : CDD), temps partiel (souhaite : temps plein)"
    assert (bad.explanation.conditions.scale, bad.explanation.conditions.word) == ("●○○", "Possible")
    text = str(bad.explanation.as_dict())
    assert "%" not in text
