"""The database holds the limits whatever code path writes (the admin, a script, a bug)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accesdirect.core.scope import structure_scope
from accesdirect.immersions.enums import ImmersionOutcome

from .factories import ImmersionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _refused_by_the_database(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImmersionFactory(**fields)


def test_an_end_before_the_start_is_refused_by_the_database():
    _refused_by_the_database(starts_on=D(2027, 3, 10), ends_on=D(2027, 3, 9))


def test_more_than_thirty_one_days_is_refused_by_the_database():
    _refused_by_the_database(starts_on=D(2027, 3, 1), ends_on=D(2027, 4, 1))


def test_thirty_one_days_pass_the_database_backstop():
    assert ImmersionFactory(starts_on=D(2027, 3, 1), ends_on=D(2027, 3, 31)).pk


def test_a_review_or_an_outcome_without_its_date_is_refused_by_the_database():
    _refused_by_the_database(review="Très bien")
    _refused_by_the_database(outcome=ImmersionOutcome.HIRED)
    _refused_by_the_database(hours_per_week=None, schedule="")


def test_the_admin_applies_the_month_in_months_and_the_limit_per_company(pau):
    """Immersion.clean(), as the admin's form calls it: February is shorter than 31 days."""
    first = ImmersionFactory(job_seeker__structure=pau, starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
    ImmersionFactory(
        job_seeker=first.job_seeker, company=first.company, starts_on=D(2027, 2, 1), ends_on=D(2027, 2, 12)
    )
    third = ImmersionFactory.build(
        job_seeker=first.job_seeker,
        company=first.company,
        starts_on=D(2027, 2, 15),
        ends_on=D(2027, 3, 17),
        tutor_phone="06 98 76 54 32",
    )

    with structure_scope(pau), pytest.raises(ValidationError) as refused:
        third.full_clean()

    assert "un mois au plus" in str(refused.value.message_dict["ends_on"])
    assert third.tutor_phone == "+33698765432"

    third.ends_on = D(2027, 3, 12)
    with structure_scope(pau), pytest.raises(ValidationError) as refused:
        third.full_clean()
    assert "deux immersions" in str(refused.value.message_dict["starts_on"])
