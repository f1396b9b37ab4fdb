"""The tripartite review acts: a new cycle of three PERs, "continue" while a PER is left in
the cycle, or an exit with its reason. It is recorded only when one is due."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import ExitReason, JournalKind, PeriodStatus, ReviewOutcome, SeekerStatus
from accesdirect.seekers.models import EngagementPeriod, period_latest_end
from accesdirect.seekers.services import (
    period_create,
    period_end,
    period_sign,
    tripartite_review_record,
    tripartite_review_request,
)
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _three_periods_ended(seeker, camille, today):
    """Three PERs of cycle 1, the last ended today at its term: a review is due."""
    start = today - datetime.timedelta(days=150)
    for number in (1, 2, 3):
        period = f.EngagementPeriodFactory(
            job_seeker=seeker,
            number=number,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=49),
            status=PeriodStatus.ACTIVE if number == 3 else PeriodStatus.ENDED,
            signed_on=start,
        )
        start += datetime.timedelta(days=50)
    period_end(period=period, ended_on=period.ends_on, by=camille)
    seeker.refresh_from_db()
    return seeker


def _review(seeker, camille, today, outcome, **kwargs):
    return tripartite_review_record(job_seeker=seeker, held_on=today, outcome=outcome, by=camille, **kwargs)


def test_a_review_is_refused_when_none_is_due(accompanied, camille, today, in_pau):
    with pytest.raises(DomainError, match="Aucun bilan tripartite n'est à faire"):
        _review(accompanied, camille, today, ReviewOutcome.CONTINUE)


def test_the_end_of_the_third_per_makes_a_review_due(accompanied, camille, today, in_pau):
    seeker = _three_periods_ended(accompanied, camille, today)

    assert seeker.needs_tripartite_review is True
    with pytest.raises(DomainError, match="bilan tripartite est à faire"):
        period_create(
            job_seeker=seeker,
            starts_on=today + datetime.timedelta(days=1),
            ends_on=period_latest_end(today + datetime.timedelta(days=1)),
            seeker_objectives="x",
            structure_objectives="y",
            by=camille,
        )


def test_a_new_cycle_allows_per_number_one_again(accompanied, camille, organisation, today, in_pau):
    seeker = _three_periods_ended(accompanied, camille, today)

    review = _review(seeker, camille, today, ReviewOutcome.NEW_CYCLE, organisation=organisation)
    seeker.refresh_from_db()
    period = period_create(
        job_seeker=seeker,
        starts_on=today + datetime.timedelta(days=1),
        ends_on=period_latest_end(today + datetime.timedelta(days=1)),
        seeker_objectives="Se former au CACES",
        structure_objectives="Deux entreprises de logistique",
        by=camille,
    )

    assert review.organisation == organisation
    assert seeker.needs_tripartite_review is False
    assert seeker.cycle == 2
    assert (period.cycle, period.number) == (2, 1)
    assert (
        "Nouveau cycle de trois PER"
        in seeker.journal.get(kind=JournalKind.REVIEW, event="seekers.review_held").rendered
    )


def test_continue_is_refused_when_the_cycle_has_no_per_left(accompanied, camille, today, in_pau):
    seeker = _three_periods_ended(accompanied, camille, today)

    with pytest.raises(DomainError, match="trois PER du cycle sont faits"):
        _review(seeker, camille, today, ReviewOutcome.CONTINUE)

    seeker.refresh_from_db()
    assert seeker.needs_tripartite_review is True
    assert not seeker.reviews.exists()


def test_continue_goes_on_with_the_pers_left_in_the_cycle(accompanied, camille, today, in_pau):
    tripartite_review_request(job_seeker=accompanied, by=camille)

    _review(accompanied, camille, today, ReviewOutcome.CONTINUE)
    accompanied.refresh_from_db()

    assert accompanied.needs_tripartite_review is False
    assert accompanied.cycle == 1
    assert accompanied.status == SeekerStatus.ACTIVE


def test_an_exit_review_ends_the_accompaniment_with_its_reason(accompanied, camille, today, in_pau):
    seeker = _three_periods_ended(accompanied, camille, today)

    _review(seeker, camille, today, ReviewOutcome.EXIT, exit_reason=ExitReason.REORIENTED)
    seeker.refresh_from_db()

    assert seeker.status == SeekerStatus.LEFT
    assert seeker.exit_reason == ExitReason.REORIENTED
    assert seeker.exited_on == today
    assert "Réorientation" in seeker.journal.get(kind=JournalKind.EXIT).rendered


def test_a_review_with_a_prescriber_of_another_structure_is_refused(
    accompanied, camille, basque, today, in_pau
):
    tripartite_review_request(job_seeker=accompanied, by=camille)
    with pytest.raises(DomainError, match="prescripteur"):
        _review(
            accompanied,
            camille,
            today,
            ReviewOutcome.CONTINUE,
            organisation=f.PrescriberOrganisationFactory(structure=basque),
        )


# --- The database keeps the PER dates whatever code writes ----------------------------------


def test_overlapping_pers_are_refused_by_the_database(accompanied, today, in_pau):
    f.EngagementPeriodFactory(job_seeker=accompanied, number=1, starts_on=today, status=PeriodStatus.ENDED)

    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementPeriod.objects.create(
            structure_id=accompanied.structure_id,
            job_seeker=accompanied,
            number=2,
            starts_on=today + datetime.timedelta(days=10),
            ends_on=today + datetime.timedelta(days=40),
            seeker_objectives="x",
            structure_objectives="y",
        )


def test_a_per_may_start_on_the_day_the_previous_one_ended_early(accompanied, camille, today, in_pau):
    first = f.EngagementPeriodFactory(
        job_seeker=accompanied,
        number=1,
        starts_on=today - datetime.timedelta(days=30),
        status=PeriodStatus.DRAFT,
    )
    period_sign(period=first, signed_on=first.starts_on, signature_method="paper", by=camille)
    period_end(period=first, ended_on=today, by=camille)

    second = period_create(
        job_seeker=accompanied,
        starts_on=today,
        ends_on=period_latest_end(today),
        seeker_objectives="x",
        structure_objectives="y",
        by=camille,
    )

    assert second.number == 2


def test_a_per_longer_than_two_months_is_refused_by_the_database(accompanied, in_pau):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.EngagementPeriodFactory(
            job_seeker=accompanied,
            starts_on=datetime.date(2026, 12, 1),
            ends_on=datetime.date(2027, 2, 1),
        )


@pytest.mark.parametrize(
    ("starts_on", "latest_end"),
    [
        (datetime.date(2026, 12, 1), datetime.date(2027, 1, 31)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 12, 30), datetime.date(2028, 2, 29)),
        (datetime.date(2027, 1, 15), datetime.date(2027, 3, 14)),
    ],
)
def test_the_database_and_the_model_agree_on_the_last_day_of_a_per(
    accompanied, in_pau, starts_on, latest_end
):
    assert period_latest_end(starts_on) == latest_end
    f.EngagementPeriodFactory(job_seeker=accompanied, starts_on=starts_on, ends_on=latest_end)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.EngagementPeriodFactory(
            job_seeker=accompanied,
            number=2,
            starts_on=starts_on + datetime.timedelta(days=400),
            ends_on=period_latest_end(starts_on + datetime.timedelta(days=400)) + datetime.timedelta(days=1),
        )
