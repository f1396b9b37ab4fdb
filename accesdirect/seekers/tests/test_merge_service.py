"""job_seeker_merge: two files of the same person become one, every record kept, the rules of
the path still holding (PERs in date order, never overlapping, one current PER)."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.companies.models import CompanyContact
from accesdirect.core.audit import audit_details
from accesdirect.core.errors import DomainError
from accesdirect.core.models import AuditEvent
from accesdirect.immersions.models import Immersion
from accesdirect.immersions.tests.factories import ImmersionFactory
from accesdirect.matching.models import AssignmentDraft, AssignmentLine
from accesdirect.messaging.models import Message
from accesdirect.offers.models import Employment, Positioning
from accesdirect.seekers.enums import ExitReason, PeriodStatus, Programme, ReviewOutcome, SeekerStatus
from accesdirect.seekers.models import (
    Appointment,
    EngagementPeriod,
    Intake,
    JobSeeker,
    JournalEntry,
    Referral,
    TargetJob,
    TripartiteReview,
    period_latest_end,
)
from accesdirect.seekers.services import job_seeker_merge, merge_refusal
from accesdirect.seekers.services import merge as merge_module
from accesdirect.testing import factories as f

from . import factories as sf

pytestmark = pytest.mark.django_db

# Every kind of record that belongs to a person, by where it points at them.
KINDS = {
    "journal": (JournalEntry, "job_seeker"),
    "referrals": (Referral, "job_seeker"),
    "intakes": (Intake, "job_seeker"),
    "target jobs": (TargetJob, "job_seeker"),
    "PERs": (EngagementPeriod, "job_seeker"),
    "reviews": (TripartiteReview, "job_seeker"),
    "appointments": (Appointment, "job_seeker"),
    "positionings": (Positioning, "job_seeker"),
    "employments": (Employment, "job_seeker"),
    "immersions": (Immersion, "job_seeker"),
    "company contacts": (CompanyContact, "job_seekers"),
    "Monday lines": (AssignmentLine, "proposed_job_seeker"),
}


def _counts(*people) -> dict[str, int]:
    counts = {
        kind: model.objects.filter(**{f"{field}__in": people}).distinct().count()
        for kind, (model, field) in KINDS.items()
    }
    counts["messages"] = Message.objects.filter(
        subject="job_seeker", subject_id__in=[p.pk for p in people]
    ).count()
    return counts


def _period(seeker, *, cycle=1, number=1, starts_on, status=PeriodStatus.ENDED):
    ends_on = period_latest_end(starts_on)
    return f.EngagementPeriodFactory(
        job_seeker=seeker,
        cycle=cycle,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        signed_on=starts_on if status != PeriodStatus.DRAFT else None,
        ended_on=ends_on if status == PeriodStatus.ENDED else None,
        end_reason="term" if status == PeriodStatus.ENDED else "",
    )


def _message(seeker, key):
    return Message.objects.create(
        structure_id=seeker.structure_id,
        channel="sms",
        kind="appointment_reminder",
        recipient=seeker.phone,
        subject="job_seeker",
        subject_id=seeker.pk,
        body="Rappel : rendez-vous demain",
        idempotency_key=key,
        status="sent",
        next_attempt_at=timezone.now(),
    )


@pytest.fixture
def twins(pau, camille, organisation, today, in_pau):
    """Hélène has two files: the first from last year (one PER), the second opened by mistake
    this year, with two PERs, the second of them current, and everything a path holds."""
    kept = f.JobSeekerFactory(structure=pau, first_name="Hélène", last_name="Dupont", phone="+33611111111")
    merged = f.JobSeekerFactory(
        structure=pau,
        first_name="helene",
        last_name="DUPONT",
        phone="+33622222222",
        birth_date=datetime.date(1985, 4, 2),
        email="helene@example.org",
    )
    for seeker in (kept, merged):
        sf.ReferralFactory(job_seeker=seeker, organisation=organisation)
        sf.IntakeFactory(job_seeker=seeker, by=camille, completed=True)
        sf.JournalEntryFactory(job_seeker=seeker)
        sf.AppointmentFactory(job_seeker=seeker, staff=camille)
        sf.PositioningFactory(job_seeker=seeker)
        ImmersionFactory(job_seeker=seeker, created_by=camille)
        _message(seeker, f"merge-test-{seeker.pk}")
    shared_job = f.AppellationFactory()
    f.TargetJobFactory(job_seeker=kept, appellation=shared_job)
    f.TargetJobFactory(job_seeker=merged, appellation=shared_job)  # The same job twice: kept once.
    f.TargetJobFactory(job_seeker=merged)
    sf.EmploymentFactory(job_seeker=kept, recorded_by=camille, starts_on=today - datetime.timedelta(days=300))
    TripartiteReview.objects.create(
        structure=pau, job_seeker=kept, held_on=today, outcome=ReviewOutcome.CONTINUE, by=camille
    )
    _period(kept, starts_on=today - datetime.timedelta(days=300))
    _period(merged, starts_on=today - datetime.timedelta(days=100))
    _period(merged, number=2, starts_on=today - datetime.timedelta(days=20), status=PeriodStatus.ACTIVE)
    both = f.CompanyContactFactory(company__structure=pau, by=camille)
    both.job_seekers.add(kept, merged)
    f.CompanyContactFactory(company__structure=pau, by=camille).job_seekers.add(merged)
    offer = Positioning.objects.filter(job_seeker=merged).get().offer
    draft = AssignmentDraft.objects.create(structure=pau, week_start=today, created_by=camille)
    AssignmentLine.objects.create(
        structure=pau,
        draft=draft,
        offer=offer,
        proposed_job_seeker=merged,
        fit=20,
        priority=10,
        explanation={"parts": [], "priority": "x", "filtered": []},
        alternatives=[{"job_seeker_id": merged.pk, "fit": 18, "priority": 9}],
    )
    return kept, merged


def test_a_merge_keeps_every_record_of_both_files(twins, dominique, in_pau):
    kept, merged = twins
    before = _counts(kept, merged)

    job_seeker_merge(kept=kept, merged=merged, by=dominique)

    after = _counts(kept)
    # One journal line more (the merge itself), one target job less (the same job was in both).
    assert after == {**before, "journal": before["journal"] + 1, "target jobs": before["target jobs"] - 1}
    assert not JobSeeker.objects.filter(pk=merged.pk).exists()
    assert CompanyContact.objects.filter(job_seekers=kept).count() == 2
    line = AssignmentLine.objects.get()
    assert line.alternatives[0]["job_seeker_id"] == kept.pk


def test_the_merged_pers_become_a_cycle_placed_by_their_dates(twins, dominique, in_pau):
    kept, merged = twins

    job_seeker_merge(kept=kept, merged=merged, by=dominique)

    periods = list(kept.periods.order_by("starts_on").values_list("cycle", "number", "status"))
    assert periods == [(1, 1, "ended"), (2, 1, "ended"), (2, 2, "active")]
    kept.refresh_from_db()
    # The current PER is the merged file's: the person is in its cycle, still accompanied.
    assert kept.cycle == 2
    assert kept.status == SeekerStatus.ACTIVE


def test_the_kept_file_learns_what_only_the_merged_one_knew(twins, dominique, in_pau):
    kept, merged = twins

    job_seeker_merge(kept=kept, merged=merged, by=dominique)

    kept.refresh_from_db()
    assert kept.birth_date == datetime.date(1985, 4, 2)
    assert kept.email == "helene@example.org"
    assert kept.phone == "+33611111111"  # Its own mobile stays.


def test_a_merge_is_written_in_the_journal_and_the_audit_trail(twins, dominique, in_pau):
    kept, merged = twins
    merged_pk = merged.pk

    job_seeker_merge(kept=kept, merged=merged, by=dominique)

    entry = kept.journal.get(event="seekers.merged")
    assert f"n° {merged_pk}" in entry.rendered
    assert entry.author == dominique
    line = AuditEvent.objects.get(action="job_seeker.merged")
    assert line.actor == dominique
    assert line.target_id == kept.pk
    assert line.params["kept"] == kept.pk
    assert line.params["merged"] == merged_pk
    assert line.params["moved"]["seekers.engagementperiod"] == 2
    assert line.params["moved"]["offers.positioning"] == 1
    assert line.params["moved"]["messaging.message"] == 1
    assert line.params["dropped"] == {"seekers.targetjob": 1}
    (detail,) = audit_details(line, {})
    assert f"Dossier n° {merged_pk} (helene DUPONT) fusionné dans celui-ci" in detail
    assert "2 PER" in detail


def test_a_merge_that_would_overlap_pers_is_refused_and_changes_nothing(
    pau, camille, dominique, today, in_pau
):
    kept = f.JobSeekerFactory(structure=pau)
    merged = f.JobSeekerFactory(structure=pau)
    sf.JournalEntryFactory(job_seeker=merged)
    _period(kept, starts_on=today - datetime.timedelta(days=100))
    _period(merged, starts_on=today - datetime.timedelta(days=80))
    before = _counts(kept), _counts(merged)

    with pytest.raises(DomainError, match="se chevauchent"):
        job_seeker_merge(kept=kept, merged=merged, by=dominique)

    assert merge_refusal(kept=kept, merged=merged) is not None
    assert (_counts(kept), _counts(merged)) == before
    assert list(EngagementPeriod.objects.order_by("pk").values_list("job_seeker_id", "cycle", "number")) == [
        (kept.pk, 1, 1),
        (merged.pk, 1, 1),
    ]
    assert not AuditEvent.objects.filter(action="job_seeker.merged").exists()


def test_two_current_pers_are_refused(pau, dominique, today, in_pau):
    kept = f.JobSeekerFactory(structure=pau)
    merged = f.JobSeekerFactory(structure=pau)
    _period(kept, starts_on=today - datetime.timedelta(days=200), status=PeriodStatus.ACTIVE)
    _period(merged, starts_on=today, status=PeriodStatus.DRAFT)

    with pytest.raises(DomainError, match="chacun un PER en cours"):
        job_seeker_merge(kept=kept, merged=merged, by=dominique)


def test_a_person_who_had_left_merged_with_a_new_file_re_enters(pau, camille, dominique, today, in_pau):
    old = f.JobSeekerFactory(
        structure=pau, status=SeekerStatus.LEFT, exit_reason=ExitReason.MOVED, exited_on=today
    )
    _period(old, starts_on=today - datetime.timedelta(days=400))
    new = f.JobSeekerFactory(structure=pau, status=SeekerStatus.REFERRED, programme=Programme.PLIE)

    job_seeker_merge(kept=old, merged=new, by=dominique)

    old.refresh_from_db()
    assert old.status == SeekerStatus.REFERRED
    assert (old.exit_reason, old.exited_on) == ("", None)
    assert old.programme == Programme.PLIE
    # The re-entry opens a new cycle after the PERs of the first accompaniment.
    assert old.cycle == 2
    assert old.periods.get().cycle == 1


def test_the_merged_pers_go_before_the_kept_ones_when_they_are_older(pau, dominique, today, in_pau):
    kept = f.JobSeekerFactory(structure=pau)
    merged = f.JobSeekerFactory(structure=pau, status=SeekerStatus.LEFT, exit_reason="other", exited_on=today)
    _period(kept, starts_on=today - datetime.timedelta(days=30), status=PeriodStatus.ACTIVE)
    _period(merged, starts_on=today - datetime.timedelta(days=400))
    _period(merged, number=2, starts_on=today - datetime.timedelta(days=300))

    job_seeker_merge(kept=kept, merged=merged, by=dominique)

    periods = list(kept.periods.order_by("starts_on").values_list("cycle", "number"))
    assert periods == [(1, 1), (1, 2), (2, 1)]
    kept.refresh_from_db()
    assert (kept.status, kept.cycle) == (SeekerStatus.ACTIVE, 2)


def test_a_file_is_not_merged_with_itself_nor_with_another_structures(pau, basque, dominique, in_pau):
    seeker = f.JobSeekerFactory(structure=pau)
    elsewhere = f.JobSeekerFactory(structure=basque)

    with pytest.raises(DomainError, match="lui-même"):
        job_seeker_merge(kept=seeker, merged=seeker, by=dominique)
    with pytest.raises(DomainError, match="même structure"):
        job_seeker_merge(kept=seeker, merged=elsewhere, by=dominique)


def test_rows_of_an_app_without_mover_refuse_the_merge_rather_than_be_lost(
    twins, dominique, monkeypatch, in_pau
):
    kept, merged = twins
    movers = [mover for mover in merge_module._MOVERS if mover.__module__ != "accesdirect.offers.merge"]
    monkeypatch.setattr(merge_module, "_MOVERS", movers)
    before = _counts(kept), _counts(merged)

    with pytest.raises(DomainError, match="offers.positioning"):
        job_seeker_merge(kept=kept, merged=merged, by=dominique)

    assert (_counts(kept), _counts(merged)) == before


def test_three_immersions_with_one_company_within_a_year_are_refused(pau, camille, dominique, today, in_pau):
    kept = f.JobSeekerFactory(structure=pau)
    merged = f.JobSeekerFactory(structure=pau)
    company = f.CompanyFactory(structure=pau)
    ImmersionFactory(job_seeker=kept, company=company, created_by=camille, starts_on=today)
    ImmersionFactory(
        job_seeker=kept, company=company, created_by=camille, starts_on=today - datetime.timedelta(days=60)
    )
    ImmersionFactory(
        job_seeker=merged, company=company, created_by=camille, starts_on=today - datetime.timedelta(days=120)
    )

    with pytest.raises(DomainError, match="deux immersions"):
        job_seeker_merge(kept=kept, merged=merged, by=dominique)

    assert Immersion.objects.filter(job_seeker=merged).count() == 1
