import datetime

import pytest
from django.utils import timezone

from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import AppointmentStatus, JournalKind
from accesdirect.seekers.services import appointment_create, appointment_set_status
from accesdirect.testing import factories as f

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_an_appointment_is_planned_and_journaled(accompanied, camille, pau, in_pau):
    site = f.SiteFactory(structure=pau)
    starts_at = timezone.now() + datetime.timedelta(days=3)

    appointment = appointment_create(
        job_seeker=accompanied,
        staff=camille,
        starts_at=starts_at,
        site=site,
        purpose="Signer le PER",
        by=camille,
    )

    assert appointment.status == AppointmentStatus.PLANNED
    assert appointment.structure_id == accompanied.structure_id
    entry = accompanied.journal.get(kind=JournalKind.APPOINTMENT)
    assert "Signer le PER" in entry.rendered


def test_an_appointment_with_someone_outside_the_team_is_refused(accompanied, bixente, camille, in_pau):
    with pytest.raises(DomainError, match="membre de l'équipe"):
        appointment_create(job_seeker=accompanied, staff=bixente, starts_at=timezone.now(), by=camille)


def test_an_appointment_at_a_site_of_another_structure_is_refused(accompanied, basque, camille, in_pau):
    with pytest.raises(DomainError, match="antenne"):
        appointment_create(
            job_seeker=accompanied,
            staff=camille,
            starts_at=timezone.now(),
            site=f.SiteFactory(structure=basque),
            by=camille,
        )


def test_what_became_of_an_appointment_is_recorded_once(accompanied, camille, in_pau):
    appointment = AppointmentFactory(job_seeker=accompanied, staff=camille)

    appointment_set_status(appointment=appointment, status=AppointmentStatus.MISSED, by=camille)

    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.MISSED
    assert "manqué" in accompanied.journal.get(kind=JournalKind.APPOINTMENT).rendered
    with pytest.raises(DomainError, match="déjà marqué"):
        appointment_set_status(appointment=appointment, status=AppointmentStatus.HELD, by=camille)


def test_an_appointment_cannot_be_set_back_to_planned(accompanied, camille, in_pau):
    appointment = AppointmentFactory(job_seeker=accompanied, staff=camille)

    with pytest.raises(DomainError, match="honoré, manqué ou annulé"):
        appointment_set_status(appointment=appointment, status=AppointmentStatus.PLANNED, by=camille)
