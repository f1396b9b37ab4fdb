"""Whether the structure may write to a person by SMS (the person's "STOP", told to staff)."""

from django.db import transaction
from django.utils.translation import gettext as _

from accesdirect.core.audit import audit_record
from accesdirect.core.errors import DomainError
from accesdirect.messaging.enums import OptOutSource
from accesdirect.messaging.services import opt_out_add, opt_out_remove

from .. import journal as events
from ..enums import JournalKind
from ..models import JobSeeker
from .journal import journal_add


@transaction.atomic
def job_seeker_sms_set(*, job_seeker: JobSeeker, allowed: bool, by) -> None:
    """Stop or allow again the SMS to a person's mobile (login codes and reservation
    confirmations, which the person asks for, still go). Written in their journal."""
    if not job_seeker.phone:
        raise DomainError(_("Cette personne n'a pas de téléphone mobile : aucun SMS ne lui est envoyé."))
    if allowed:
        opt_out_remove(structure_id=job_seeker.structure_id, phone=job_seeker.phone)
        event = events.SMS_ALLOWED
    else:
        opt_out_add(structure_id=job_seeker.structure_id, phone=job_seeker.phone, source=OptOutSource.STAFF)
        event = events.SMS_STOPPED
    journal_add(job_seeker=job_seeker, kind=JournalKind.SMS, event=event, author=by)
    audit_record(by=by, action="sms.consent_changed", target=job_seeker, params={"allowed": allowed})
