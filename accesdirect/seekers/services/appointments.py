"""Appointments with a person."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.core import ranges
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import DomainError
from accesdirect.structures.models import Membership

from .. import journal as events
from ..enums import AppointmentStatus, JournalKind
from ..models import Appointment, JobSeeker
from ..notifications import cancel_appointment_messages, queue_appointment_confirmation
from .journal import journal_add


@transaction.atomic
def appointment_create(
    *,
    job_seeker: JobSeeker,
    staff,
    starts_at: datetime.datetime,
    site=None,
    purpose: str = "",
    by,
) -> Appointment:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be an aware datetime.")
    # Never in another decade by a typo: an SMS would be queued for it, the page could not read it.
    ranges.APPOINTMENT.check(starts_at, field="starts_at")
    if not Membership.objects.filter(
        structure_id=job_seeker.structure_id, user=staff, is_active=True
    ).exists():
        raise DomainError(_("Le rendez-vous se prend avec un membre de l'équipe de la structure."))
    if site is not None and site.structure_id != job_seeker.structure_id:
        raise DomainError(_("Cette antenne n'appartient pas à la structure."))
    appointment = Appointment.objects.create(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        staff=staff,
        site=site,
        starts_at=starts_at,
        purpose=purpose,
        status=AppointmentStatus.PLANNED,
    )
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.APPOINTMENT,
        event=events.APPOINTMENT_MADE,
        params={"when": starts_at, "staff": str(staff)},
        text=purpose,
        author=by,
    )
    # The SMS to the person, queued in this transaction (the worker sends it; the reminder of
    # the day before is queued by reminders.py).
    queue_appointment_confirmation(appointment)
    audit_record(
        by=by, action="appointment.created", target=job_seeker, params={"appointment": appointment.pk}
    )
    return appointment


@transaction.atomic
def appointment_set_status(*, appointment: Appointment, status: AppointmentStatus, by) -> Appointment:
    """Record what became of a planned appointment: held, missed or cancelled."""
    # Lock the appointment: its outcome is written once, a second click must not rewrite it.
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("job_seeker")
        .get(pk=appointment.pk)
    )
    if status == AppointmentStatus.PLANNED:
        raise DomainError(_("Choisissez ce qu'est devenu le rendez-vous : honoré, manqué ou annulé."))
    if appointment.status != AppointmentStatus.PLANNED:
        raise DomainError(
            _("Ce rendez-vous est déjà marqué « %(status)s ».") % {"status": appointment.get_status_display()}
        )
    appointment.status = status
    appointment.save(update_fields=["status"])
    if status == AppointmentStatus.CANCELLED:
        cancel_appointment_messages(appointment)
    journal_add(
        job_seeker=appointment.job_seeker,
        kind=JournalKind.APPOINTMENT,
        event=events.APPOINTMENT_OUTCOME,
        params={"when": appointment.starts_at, "status": status},
        author=by,
    )
    return appointment
