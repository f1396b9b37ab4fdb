import pytest

from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import ExitReason, JournalKind, SeekerStatus
from accesdirect.seekers.models import Intake, TargetJob
from accesdirect.seekers.services import (
    intake_complete,
    intake_start,
    job_seeker_exit,
    target_job_add,
    target_job_remove,
)
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _add_target_jobs(seeker, camille, count):
    return [
        target_job_add(
            job_seeker=seeker, appellation=f.AppellationFactory(), commune=f.CommuneFactory(), by=camille
        )
        for _ in range(count)
    ]


def test_an_intake_starts_for_a_referred_person(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille, notes="Écoute")

    assert intake.job_seeker == referred
    assert intake.completed_at is None


def test_starting_again_continues_the_open_intake(referred, camille, today, in_pau):
    first = intake_start(job_seeker=referred, held_on=today, by=camille)

    assert intake_start(job_seeker=referred, held_on=today, by=camille) == first
    assert Intake.objects.count() == 1


def test_an_accompanied_person_has_no_second_intake(accompanied, camille, today, in_pau):
    with pytest.raises(DomainError, match="déjà fait"):
        intake_start(job_seeker=accompanied, held_on=today, by=camille)


def test_completing_the_intake_makes_the_person_accompanied(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille)
    _add_target_jobs(referred, camille, 3)

    intake_complete(intake=intake, by=camille, frame_explained=True, agreed_to_engage=True)

    intake.refresh_from_db()
    referred.refresh_from_db()
    assert intake.completed_at is not None
    assert intake.frame_explained and intake.agreed_to_engage
    assert referred.status == SeekerStatus.ACTIVE
    assert referred.referrals.get().intake_on == today
    entry = referred.journal.get(kind=JournalKind.INTAKE)
    assert "Postes visés" in entry.rendered


def test_intake_with_fewer_than_three_target_jobs_is_refused(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille)
    _add_target_jobs(referred, camille, 2)

    with pytest.raises(DomainError, match="Au moins trois postes visés"):
        intake_complete(intake=intake, by=camille, frame_explained=True, agreed_to_engage=True)

    intake.refresh_from_db()
    referred.refresh_from_db()
    assert intake.completed_at is None
    assert referred.status == SeekerStatus.REFERRED


def test_intake_without_the_frame_explained_is_refused(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille)
    _add_target_jobs(referred, camille, 3)

    with pytest.raises(DomainError, match="cadre"):
        intake_complete(intake=intake, by=camille, frame_explained=False, agreed_to_engage=True)


def test_intake_without_the_agreement_to_engage_is_refused(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille)
    _add_target_jobs(referred, camille, 3)

    with pytest.raises(DomainError, match="accord"):
        intake_complete(intake=intake, by=camille, frame_explained=True)


def test_an_intake_is_completed_once(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille)
    _add_target_jobs(referred, camille, 3)
    intake_complete(intake=intake, by=camille, frame_explained=True, agreed_to_engage=True)

    with pytest.raises(DomainError, match="déjà terminé"):
        intake_complete(intake=intake, by=camille)
    assert referred.journal.filter(kind=JournalKind.INTAKE).count() == 1


def test_the_same_target_job_twice_is_refused(referred, camille, in_pau):
    appellation = f.AppellationFactory(label="Agent / Agente de propreté")
    target_job_add(job_seeker=referred, appellation=appellation, commune=f.CommuneFactory(), by=camille)

    with pytest.raises(DomainError, match="déjà un poste visé"):
        target_job_add(job_seeker=referred, appellation=appellation, commune=f.CommuneFactory(), by=camille)


def test_a_target_job_can_be_removed_during_intake(referred, camille, in_pau):
    target = _add_target_jobs(referred, camille, 1)[0]

    target_job_remove(target_job=target, by=camille)

    assert not TargetJob.objects.exists()


def test_an_accompanied_person_keeps_at_least_three_target_jobs(accompanied, camille, in_pau):
    target = accompanied.target_jobs.first()

    with pytest.raises(DomainError, match="Au moins trois postes visés"):
        target_job_remove(target_job=target, by=camille)

    _add_target_jobs(accompanied, camille, 1)
    target_job_remove(target_job=target, by=camille)
    assert accompanied.target_jobs.count() == 3


def test_the_intake_of_a_person_who_left_meanwhile_is_refused(referred, camille, today, in_pau):
    intake = intake_start(job_seeker=referred, held_on=today, by=camille)
    _add_target_jobs(referred, camille, 3)
    job_seeker_exit(job_seeker=referred, reason=ExitReason.MOVED, exited_on=today, by=camille)

    with pytest.raises(DomainError, match="personne prescrite"):
        intake_complete(intake=intake, by=camille, frame_explained=True, agreed_to_engage=True)

    referred.refresh_from_db()
    assert referred.status == SeekerStatus.LEFT
    intake.refresh_from_db()
    assert intake.completed_at is None
