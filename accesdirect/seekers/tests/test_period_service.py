import datetime

import pytest
from django.db import IntegrityError, transaction

from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import (
    FirstActionBy,
    JournalKind,
    PeriodEndReason,
    PeriodStatus,
    SignatureMethod,
)
from accesdirect.seekers.models import EngagementPeriod, add_months, period_latest_end
from accesdirect.seekers.services import (
    period_create,
    period_end,
    period_record_first_action,
    period_renew,
    period_sign,
)
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _create(seeker, camille, starts_on, ends_on=None):
    return period_create(
        job_seeker=seeker,
        starts_on=starts_on,
        ends_on=ends_on or period_latest_end(starts_on),
        seeker_objectives="Aller voir trois entreprises de propreté",
        structure_objectives="Présenter deux offres",
        by=camille,
    )


def _ended_periods(seeker, count, today):
    for number in range(1, count + 1):
        f.EngagementPeriodFactory(
            job_seeker=seeker,
            number=number,
            starts_on=today - datetime.timedelta(days=200 - 60 * number),
            ends_on=today - datetime.timedelta(days=150 - 60 * number),
            status=PeriodStatus.ENDED,
            signed_on=today - datetime.timedelta(days=200 - 60 * number),
        )


def _active_period(seeker, number, today):
    return f.EngagementPeriodFactory(
        job_seeker=seeker,
        number=number,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=20),
        status=PeriodStatus.ACTIVE,
        signed_on=today - datetime.timedelta(days=30),
    )


def test_the_first_per_is_number_one_and_waits_for_signature(accompanied, camille, today, in_pau):
    period = _create(accompanied, camille, today)

    assert period.number == 1
    assert period.status == PeriodStatus.DRAFT
    assert period.structure_id == accompanied.structure_id
    assert accompanied.journal.filter(kind=JournalKind.PER).count() == 1


def test_a_per_is_numbered_after_the_previous_one(accompanied, camille, today, in_pau):
    _ended_periods(accompanied, 2, today)

    assert _create(accompanied, camille, today).number == 3


def test_a_per_of_exactly_two_calendar_months_is_accepted(accompanied, camille, in_pau):
    period = _create(accompanied, camille, datetime.date(2025, 12, 31), datetime.date(2026, 2, 28))

    assert period.ends_on == period.latest_end


def test_a_per_longer_than_two_months_is_refused(accompanied, camille, in_pau):
    with pytest.raises(DomainError, match="deux mois au plus.*28/02/2026"):
        _create(accompanied, camille, datetime.date(2026, 1, 1), datetime.date(2026, 3, 2))

    assert not EngagementPeriod.objects.exists()


def test_a_per_ending_before_it_starts_is_refused(accompanied, camille, today, in_pau):
    with pytest.raises(DomainError, match="postérieure à son début"):
        _create(accompanied, camille, today, today)


def test_a_fourth_per_is_refused(accompanied, camille, today, in_pau):
    _ended_periods(accompanied, 3, today)

    with pytest.raises(DomainError, match="Trois PER au plus"):
        _create(accompanied, camille, today)


def test_a_second_current_per_is_refused(accompanied, camille, today, in_pau):
    _create(accompanied, camille, today)

    with pytest.raises(DomainError, match="déjà un PER en cours ou à signer"):
        _create(accompanied, camille, today + datetime.timedelta(days=1))
    assert EngagementPeriod.objects.count() == 1


def test_the_database_refuses_two_current_pers_written_directly(accompanied, today, in_pau):
    f.EngagementPeriodFactory(job_seeker=accompanied, number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        f.EngagementPeriodFactory(job_seeker=accompanied, number=2)


def test_a_per_needs_a_completed_intake(referred, camille, today, in_pau):
    with pytest.raises(DomainError, match="après l'accueil"):
        _create(referred, camille, today)


def test_signing_a_per_makes_it_current(accompanied, camille, today, in_pau):
    period = _create(accompanied, camille, today)

    period_sign(period=period, signed_on=today, signature_method=SignatureMethod.ON_SCREEN, by=camille)

    period.refresh_from_db()
    assert period.status == PeriodStatus.ACTIVE
    assert period.signed_on == today
    assert period.signed_by == camille
    assert period.signature_method == SignatureMethod.ON_SCREEN


def test_a_per_is_signed_once(accompanied, camille, today, in_pau):
    period = _active_period(accompanied, 1, today)

    with pytest.raises(DomainError, match="déjà signé"):
        period_sign(period=period, signed_on=today, signature_method=SignatureMethod.PAPER, by=camille)


def test_the_first_engaging_action_records_who_and_when(accompanied, camille, today, in_pau):
    period = _active_period(accompanied, 1, today)

    period_record_first_action(
        period=period,
        action="A appelé deux boulangeries",
        done_by=FirstActionBy.SEEKER,
        done_on=today,
        by=camille,
    )

    period.refresh_from_db()
    assert period.first_action_by == FirstActionBy.SEEKER
    assert period.first_action_on == today
    assert "deux boulangeries" in accompanied.journal.get(kind=JournalKind.PER).rendered


def test_the_first_engaging_action_is_recorded_once(accompanied, camille, today, in_pau):
    period = _active_period(accompanied, 1, today)
    period_record_first_action(
        period=period, action="Visite", done_by=FirstActionBy.STRUCTURE, done_on=today, by=camille
    )

    with pytest.raises(DomainError, match="déjà enregistrée"):
        period_record_first_action(
            period=period, action="Appel", done_by=FirstActionBy.SEEKER, done_on=today, by=camille
        )


def test_the_first_engaging_action_needs_a_signed_per(accompanied, camille, today, in_pau):
    period = _create(accompanied, camille, today)

    with pytest.raises(DomainError, match="PER signé"):
        period_record_first_action(
            period=period, action="Visite", done_by=FirstActionBy.STRUCTURE, done_on=today, by=camille
        )


def test_the_first_engaging_action_cannot_be_in_the_future(accompanied, camille, today, in_pau):
    period = _active_period(accompanied, 1, today)

    with pytest.raises(DomainError, match="futur"):
        period_record_first_action(
            period=period,
            action="Visite",
            done_by=FirstActionBy.STRUCTURE,
            done_on=today + datetime.timedelta(days=1),
            by=camille,
        )


def test_ending_a_per_leaves_room_for_the_next(accompanied, camille, today, in_pau):
    period = _active_period(accompanied, 1, today)

    period_end(period=period, ended_on=today, by=camille)

    period.refresh_from_db()
    accompanied.refresh_from_db()
    assert period.status == PeriodStatus.ENDED
    assert period.ended_on == today
    assert accompanied.needs_tripartite_review is False
    assert _create(accompanied, camille, today).number == 2


def test_an_unsigned_per_cannot_be_ended(accompanied, camille, today, in_pau):
    period = _create(accompanied, camille, today)

    with pytest.raises(DomainError, match="signé et en cours"):
        period_end(period=period, ended_on=today, by=camille)


def test_a_per_cannot_end_before_it_starts(accompanied, camille, today, in_pau):
    period = _active_period(accompanied, 1, today)

    with pytest.raises(DomainError, match="avant son début"):
        period_end(period=period, ended_on=period.starts_on - datetime.timedelta(days=1), by=camille)


def test_the_end_of_the_third_per_without_a_job_calls_for_a_tripartite_review(
    accompanied, camille, today, in_pau
):
    _ended_periods(accompanied, 2, today)
    third = _active_period(accompanied, 3, today)

    period_end(period=third, ended_on=today, by=camille)

    accompanied.refresh_from_db()
    assert accompanied.needs_tripartite_review is True
    assert "bilan tripartite à organiser" in accompanied.journal.get(kind=JournalKind.REVIEW).rendered


def test_the_end_of_the_third_per_with_a_job_calls_for_no_review(accompanied, camille, today, in_pau):
    _ended_periods(accompanied, 2, today)
    third = _active_period(accompanied, 3, today)

    period_end(period=third, ended_on=today, reason=PeriodEndReason.EMPLOYMENT, by=camille)

    accompanied.refresh_from_db()
    assert accompanied.needs_tripartite_review is False


def test_renewing_ends_the_per_and_drafts_the_next(accompanied, camille, today, in_pau):
    current = _active_period(accompanied, 1, today)

    following = period_renew(
        period=current,
        ended_on=today,
        starts_on=today,
        ends_on=period_latest_end(today),
        seeker_objectives="Passer le permis",
        structure_objectives="Trois entreprises du transport",
        by=camille,
    )

    current.refresh_from_db()
    assert current.status == PeriodStatus.ENDED
    assert following.number == 2
    assert following.status == PeriodStatus.DRAFT


def test_the_third_per_cannot_be_renewed(accompanied, camille, today, in_pau):
    _ended_periods(accompanied, 2, today)
    third = _active_period(accompanied, 3, today)

    with pytest.raises(DomainError, match="Trois PER au plus"):
        period_renew(
            period=third,
            ended_on=today,
            starts_on=today,
            ends_on=period_latest_end(today),
            seeker_objectives="x",
            structure_objectives="y",
            by=camille,
        )

    third.refresh_from_db()
    assert third.status == PeriodStatus.ACTIVE


def test_a_renewal_longer_than_two_months_keeps_the_current_per(accompanied, camille, today, in_pau):
    current = _active_period(accompanied, 1, today)

    with pytest.raises(DomainError, match="deux mois au plus"):
        period_renew(
            period=current,
            ended_on=today,
            starts_on=today,
            ends_on=add_months(today, 3),
            seeker_objectives="x",
            structure_objectives="y",
            by=camille,
        )

    current.refresh_from_db()
    assert current.status == PeriodStatus.ACTIVE
