"""The boundary cases of the definitions, recorded through the services as staff would: a CDD of
exactly six months, a job the day after the exit and one after the grace period, an immersion,
a person with two jobs, a re-entry."""

import datetime
from decimal import Decimal

import pytest

from accesdirect.core.calendar import add_months
from accesdirect.core.scope import structure_scope
from accesdirect.core.vocabulary import Contract
from accesdirect.immersions.enums import ImmersionPurpose
from accesdirect.immersions.services import ImmersionTerms, immersion_create
from accesdirect.offers.services import employment_declare
from accesdirect.reporting.cohort import build_cohort
from accesdirect.reporting.definitions import results
from accesdirect.seekers.enums import ExitReason, Programme
from accesdirect.seekers.services import job_seeker_exit, referral_create
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def job(pau, camille):
    def _job(person, *, starts_on, ends_on=None, contract=Contract.CDD):
        with structure_scope(pau):
            return employment_declare(
                job_seeker=person,
                by=camille,
                contract=contract,
                starts_on=starts_on,
                ends_on=ends_on,
                hours_per_week=Decimal(35),
                employer_name="Boulangerie Lacoste",
                job_title="Vendeuse",
            )

    return _job


@pytest.fixture
def leave(pau, camille):
    def _leave(person, on, reason=ExitReason.OTHER_JOB):
        with structure_scope(pau):
            person.refresh_from_db()
            return job_seeker_exit(job_seeker=person, reason=reason, exited_on=on, by=camille)

    return _leave


def test_a_cdd_of_exactly_six_months_is_durable_only_with_six_months_or_more(person, job, year, today):
    sami = person("Sami", today - 200 * DAY)
    start = today - 100 * DAY
    job(sami, starts_on=start, ends_on=add_months(start, 6) - DAY)

    strict = results(year())
    assert (strict["back_in_job"], strict["durable"]) == (1, 0)
    loose = results(year(six_months_or_more=True))
    assert (loose["back_in_job"], loose["durable"], loose["durable_share"]) == (1, 1, 100.0)


def test_a_cdd_of_six_months_and_a_day_is_durable(person, job, year, today):
    sami = person("Sami", today - 200 * DAY)
    start = today - 100 * DAY
    job(sami, starts_on=start, ends_on=add_months(start, 6))
    assert results(year())["durable"] == 1


def test_a_job_starting_the_day_after_the_exit_counts_within_the_grace_period(
    person, job, leave, year, today
):
    sami = person("Sami", today - 200 * DAY)
    exit_day = today - 30 * DAY
    job(sami, starts_on=exit_day + DAY, ends_on=exit_day + 60 * DAY)  # Signed before leaving.
    leave(sami, exit_day)

    found = results(year())
    assert (found["accompanied"], found["exits"], found["back_in_job"]) == (1, 1, 1)
    assert results(year(grace_days=0))["back_in_job"] == 0


def test_a_job_starting_after_the_grace_period_does_not_count(person, job, leave, year, today):
    sami = person("Sami", today - 300 * DAY)
    exit_day = today - 120 * DAY
    job(sami, starts_on=exit_day + 91 * DAY, contract=Contract.CDI)
    leave(sami, exit_day)

    assert results(year())["back_in_job"] == 0  # Grace of 90 days by default.
    assert results(year(grace_days=91))["back_in_job"] == 1


def test_an_immersion_is_never_a_job(pau, camille, person, year, today):
    sami = person("Sami", today - 100 * DAY)
    with structure_scope(pau):
        immersion_create(
            job_seeker=sami,
            by=camille,
            terms=ImmersionTerms(
                company=f.CompanyFactory(structure=pau),
                tutor_name="Mme Lacoste",
                tutor_phone="06 98 76 54 32",
                starts_on=today - 20 * DAY,
                ends_on=today - 9 * DAY,
                purpose=ImmersionPurpose.DISCOVER,
                appellation=f.AppellationFactory(),
                objectives="Découvrir le métier",
                tasks="Vente",
                assessment="Grille",
                hours_per_week=Decimal(35),
            ),
        )
    found = results(year())
    assert (found["immersions"], found["back_in_job"], found["back_in_job_rate"]) == (1, 0, 0.0)


def test_a_person_with_two_jobs_is_counted_once(person, job, year, today):
    sami = person("Sami", today - 200 * DAY)
    person("Léa", today - 200 * DAY)
    job(sami, starts_on=today - 150 * DAY, ends_on=today - 120 * DAY)
    job(sami, starts_on=today - 100 * DAY, contract=Contract.CDI)

    found = results(year())
    assert (found["accompanied"], found["back_in_job"], found["durable"]) == (2, 1, 1)
    assert (found["back_in_job_rate"], found["durable_share"]) == (50.0, 100.0)
    assert found["days_to_job_median"] == 50.0  # From entry to the first job, not the CDI.


def test_a_re_entry_opens_a_second_spell(pau, camille, organisation, person, job, leave, year, today):
    sami = person("Sami", today - 300 * DAY)
    leave(sami, today - 200 * DAY, ExitReason.STOPPED)
    with structure_scope(pau):
        referral_create(
            structure=pau,
            organisation=organisation,
            programme=Programme.PLIE,
            referred_on=today - 100 * DAY,
            by=camille,
            job_seeker=sami,
        )
    sami.refresh_from_db()
    job(sami, starts_on=today - 50 * DAY, contract=Contract.CDI)

    spells = build_cohort(structure_ids=[pau.pk], grace_days=90).spells
    assert [
        (spell.entry, spell.exit, spell.programme) for spell in sorted(spells, key=lambda s: s.entry)
    ] == [
        (today - 300 * DAY, today - 200 * DAY, Programme.RSA),
        (today - 100 * DAY, None, Programme.PLIE),
    ]
    found = results(year())
    assert (found["accompanied"], found["entries"], found["exits"], found["back_in_job"]) == (1, 2, 1, 1)
    # The job belongs to the second spell: the first one's exit says "stopped".
    assert results(year(programme=Programme.RSA))["back_in_job"] == 0
    assert results(year(programme=Programme.PLIE))["back_in_job"] == 1


def test_a_person_without_intake_nor_proposal_counts_for_no_cre(person, year, today):
    person("Sami", today - 10 * DAY)
    found = results(year())
    assert found["accompanied"] == 1
    assert found.breakdowns["objectives"] == []
