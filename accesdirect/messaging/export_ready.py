"""The e-mail telling a member of the team that their long export is ready (core.export_jobs)."""

from accesdirect.core.export_jobs import KEEP_DAYS, export_kind

from .enums import Channel, MessageKind, Subject
from .formats import sms_date
from .services import message_queue


def export_ready_key(job) -> str:
    return f"export_ready:{job.pk}"


def queue_export_ready(job) -> None:
    """Called inside the transaction that marks the export ready: the e-mail goes if and only if
    the file is there."""
    user = job.requested_by
    if not user.email:
        return
    kind = export_kind(job.kind)
    title = str(kind.label) if kind else job.kind
    message_queue(
        structure_id=job.structure_id,
        kind=MessageKind.EXPORT_READY,
        channel=Channel.EMAIL,
        recipient=user.email,
        context={
            "title": title,
            "number": str(job.row_count),
            "date": sms_date(job.created_at),
            "days": str(KEEP_DAYS),
        },
        idempotency_key=export_ready_key(job),
        subject=Subject.STAFF,
        subject_id=user.pk,
        email_subject=f"Votre export « {title} » est prêt",
    )
