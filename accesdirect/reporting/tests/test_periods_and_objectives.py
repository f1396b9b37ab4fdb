"""PERs, tripartite reviews and the per-CRE objective in the results. The people are written
as the referral and intake services write them (bulk.py); their PERs and reviews go through
the services."""

import datetime

import pytest

from accesdirect.core.scope import structure_scope
from accesdirect.core.vocabulary import Contract
from accesdirect.reporting.definitions import results
from accesdirect.reporting.services import reporting_settings_update
from accesdirect.seekers.enums import ReviewOutcome, SignatureMethod
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.services import (
    period_create,
    period_renew,
    period_sign,
    tripartite_review_record,
    tripartite_review_request,
)
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

from .bulk import Job, Path, bulk_paths

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_pers_renewals_cycles_and_reviews(pau, camille, organisation, year, today):
    with structure_scope(pau):
        ids = bulk_paths(
            structure=pau,
            organisation=organisation,
            cre=camille,
            commune=f.CommuneFactory(),
            paths=[Path(entry=today - 200 * DAY), Path(entry=today - 200 * DAY)],
        )
        sami, lea = JobSeeker.objects.filter(pk__in=ids).order_by("pk")
        first = period_create(
            job_seeker=sami,
            starts_on=today - 150 * DAY,
            ends_on=today - 100 * DAY,
            seeker_objectives="Trouver un emploi",
            structure_objectives="Proposer des offres",
            by=camille,
        )
        period_sign(
            period=first, signed_on=today - 150 * DAY, signature_method=SignatureMethod.PAPER, by=camille
        )
        second = period_renew(
            period=first,
            ended_on=today - 100 * DAY,
            starts_on=today - 100 * DAY,
            ends_on=today - 50 * DAY,
            seeker_objectives="Trouver un emploi",
            structure_objectives="Proposer des offres",
            by=camille,
        )
        period_sign(
            period=second, signed_on=today - 100 * DAY, signature_method=SignatureMethod.ON_SCREEN, by=camille
        )
        third = period_create(
            job_seeker=lea,
            starts_on=today - 40 * DAY,
            ends_on=today - 10 * DAY,
            seeker_objectives="Trouver un emploi",
            structure_objectives="Proposer des offres",
            by=camille,
        )
        period_sign(
            period=third, signed_on=today - 40 * DAY, signature_method=SignatureMethod.PAPER, by=camille
        )
        tripartite_review_request(job_seeker=lea, by=camille)
        tripartite_review_record(
            job_seeker=lea, held_on=today - 5 * DAY, outcome=ReviewOutcome.CONTINUE, by=camille
        )

    found = results(year())
    assert (found["periods_signed"], found["periods_renewed"], found["cycles"], found["reviews"]) == (
        3,
        1,
        2,
        1,
    )
    outcomes = {row.key: row.values[0] for row in found.breakdowns["reviews_by_outcome"]}
    assert outcomes == {ReviewOutcome.NEW_CYCLE: 0, ReviewOutcome.CONTINUE: 1, ReviewOutcome.EXIT: 0}


def test_the_objective_of_each_cre_and_their_progress(pau, camille, dominique, organisation, year, today):
    alex = f.staff_user(pau, Role.CRE, first_name="Alex", email="alex@acces-pau.fr")
    entry = today - 300 * DAY
    in_time = (Job(Contract.CDD, entry + 100 * DAY, entry + 130 * DAY),)
    late = (Job(Contract.CDI, entry + 380 * DAY),)  # 13 months after entry: after the objective's year.
    with structure_scope(pau):
        commune = f.CommuneFactory()
        # Camille: 3 of 5 back in a job within a year (60 %, the objective reached).
        paths = [Path(entry=entry, jobs=in_time)] * 3 + [Path(entry=entry)] * 2
        bulk_paths(structure=pau, organisation=organisation, cre=camille, commune=commune, paths=paths)
        # Alex: 1 of 4 (25 %), and one whose job came too late for the objective.
        paths = [Path(entry=entry - 100 * DAY, jobs=in_time)] + [Path(entry=entry - 100 * DAY, jobs=late)]
        paths += [Path(entry=entry)] * 2
        bulk_paths(structure=pau, organisation=organisation, cre=alex, commune=commune, paths=paths)

    rows = {row.key: row.values for row in results(year()).breakdowns["objectives"]}
    assert rows[camille.pk] == (5, 3, 60.0, 60, 100.0)
    assert rows[alex.pk] == (4, 1, 25.0, 60, 41.7)

    with structure_scope(pau):
        reporting_settings_update(structure=pau, by=dominique, objective_percent=50, objective_months=24)
    rows = {row.key: row.values for row in results(year()).breakdowns["objectives"]}
    assert rows[alex.pk] == (4, 2, 50.0, 50, 100.0)
