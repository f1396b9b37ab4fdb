"""The messages about offers, positionings and jobs, queued in the outbox.

Called inside the services' transactions (a proposition de poste, an offer received) or by the
schedulers of reminders.py. Each message has a stable idempotency key per logical event, and
a context of plain French strings prepared here."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from accesdirect.companies.models import Company
from accesdirect.core.phones import normalize_mobile
from accesdirect.messaging.enums import Channel, MessageKind, Subject
from accesdirect.messaging.formats import sms_date, sms_time, staff_name
from accesdirect.messaging.models import Message
from accesdirect.messaging.services import email_staff, message_queue

from .models import JobFollowUp, Offer, Positioning


def positioning_proposal_key(positioning: Positioning) -> str:
    return f"positioning-proposal:{positioning.pk}"


def _interview_stamp(positioning: Positioning) -> str:
    return f"{positioning.interview_at.astimezone(datetime.UTC):%Y%m%dT%H%MZ}"


def interview_reminder_key(positioning: Positioning) -> str:
    # The interview's time is part of the event: a rescheduled interview is reminded again.
    return f"interview-reminder:{positioning.pk}:{_interview_stamp(positioning)}"


def company_feedback_key(positioning: Positioning) -> str:
    return f"company-feedback-request:{positioning.pk}:{_interview_stamp(positioning)}"


def company_offer_received_key(offer: Offer) -> str:
    return f"company-offer-received:{offer.pk}"


JOB_CHECK_IN_KEY = "job-check-in:"


def job_check_in_key(follow_up: JobFollowUp) -> str:
    return f"{JOB_CHECK_IN_KEY}{follow_up.pk}"


def follow_up_id_of(message: Message) -> int | None:
    """The follow-up a check-in SMS asked about, read from its key (a resend, "…/resend-2",
    asks about the same one)."""
    key = message.idempotency_key.split("/resend-", 1)[0]
    if not key.startswith(JOB_CHECK_IN_KEY):
        return None
    number = key.removeprefix(JOB_CHECK_IN_KEY)
    return int(number) if number.isdigit() else None


def company_recipient(company: Company) -> tuple[Channel, str] | None:
    """How to write to a company: an SMS to its mobile, else an e-mail, else not at all (a
    landline cannot receive an SMS)."""
    if company.phone:
        try:
            return Channel.SMS, normalize_mobile(company.phone)
        except ValidationError:
            pass
    if company.email:
        return Channel.EMAIL, company.email
    return None


def _queue_to_seeker(positioning_or_employment, *, kind, key, context, now) -> Message | None:
    seeker = positioning_or_employment.job_seeker
    if not seeker.phone:
        return None
    return message_queue(
        structure_id=positioning_or_employment.structure_id,
        kind=kind,
        recipient=seeker.phone,
        context=context,
        idempotency_key=key,
        subject=Subject.JOB_SEEKER,
        subject_id=seeker.pk,
        now=now,
    )


def _queue_to_company(company: Company, *, kind, key, context, email_subject, now) -> Message | None:
    recipient = company_recipient(company)
    if recipient is None:
        return None
    channel, address = recipient
    return message_queue(
        structure_id=company.structure_id,
        kind=kind,
        channel=channel,
        recipient=address,
        context=context,
        idempotency_key=key,
        subject=Subject.COMPANY,
        subject_id=company.pk,
        email_subject=email_subject,
        now=now,
    )


def queue_positioning_proposal(positioning: Positioning, *, now: datetime.datetime | None = None):
    """The SMS to the person: "Camille M. a une offre pour vous : … à Lescar. Rappelez-nous." """
    offer = positioning.offer
    return _queue_to_seeker(
        positioning,
        kind=MessageKind.POSITIONING_PROPOSAL,
        key=positioning_proposal_key(positioning),
        context={
            "structure": offer.company.structure.name,
            "staff": staff_name(positioning.presented_by),
            "title": offer.title,
            "commune": offer.commune.name,
        },
        now=now or timezone.now(),
    )


def queue_interview_reminder(positioning: Positioning, *, now: datetime.datetime):
    offer = positioning.offer
    company = offer.company
    return _queue_to_seeker(
        positioning,
        kind=MessageKind.INTERVIEW_REMINDER,
        key=interview_reminder_key(positioning),
        context={
            "structure": company.structure.name,
            "date": sms_date(positioning.interview_at),
            "time": sms_time(positioning.interview_at),
            "company": company.name,
            "place": ", ".join(part for part in (company.address, company.commune.name) if part),
        },
        now=now,
    )


def queue_company_offer_received(
    offer: Offer, *, phone: str = "", link: str = "", now: datetime.datetime | None = None
):
    """To the company: its offer arrived. `phone`: the mobile of the person who sent it (the
    public form), written to rather than the company's line; `link`: its private page."""
    company = offer.company
    context = {
        "structure": company.structure.name,
        "title": offer.title,
        # An offer in the structure's pool has no CRE yet: whoever confirms it calls back.
        "staff": staff_name(offer.captured_by) if offer.captured_by_id else "Notre équipe",
        "link": link,
    }
    key = company_offer_received_key(offer)
    email_subject = f"Votre offre « {offer.title} » est bien reçue"
    now = now or timezone.now()
    mobile = _mobile_or_none(phone)
    if mobile is None:
        return _queue_to_company(
            company,
            kind=MessageKind.COMPANY_OFFER_RECEIVED,
            key=key,
            context=context,
            email_subject=email_subject,
            now=now,
        )
    return message_queue(
        structure_id=company.structure_id,
        kind=MessageKind.COMPANY_OFFER_RECEIVED,
        recipient=mobile,
        context=context,
        idempotency_key=key,
        subject=Subject.COMPANY,
        subject_id=company.pk,
        now=now,
    )


def company_offer_to_confirm_key(offer: Offer, user_id: int) -> str:
    return f"company-offer-to-confirm:{offer.pk}:{user_id}"


def queue_company_feedback_received(
    positioning: Positioning, *, text: str, recipients: list, key: str, now: datetime.datetime
) -> int:
    """E-mail to the CRE who presented the person (or the direction if they left): the company's
    words on the interview, which otherwise wait in the person's journal until someone reads it."""
    offer = positioning.offer
    context = {
        "company": offer.company.name,
        "person": positioning.job_seeker.full_name,
        "title": offer.title,
        "feedback": text,
    }
    return email_staff(
        structure_id=offer.structure_id,
        kind=MessageKind.COMPANY_FEEDBACK_RECEIVED,
        recipients=recipients,
        context=context,
        key=lambda user_id: f"{key}:{user_id}",
        email_subject=f"Retour de {offer.company.name} : entretien de {positioning.job_seeker.full_name}",
        now=now,
    )


def _mobile_or_none(phone: str) -> str | None:
    try:
        return normalize_mobile(phone) if phone else None
    except ValidationError:
        return None


def queue_company_offer_to_confirm(offer: Offer, *, recipients: list, now: datetime.datetime) -> int:
    """To each staff member in `recipients`: an offer sent by a company waits for their call and
    confirmation. By SMS to their mobile, else by e-mail (every account has an address)."""
    context = {
        "structure": offer.company.structure.name,
        "title": offer.title,
        "company": offer.company.name,
        "commune": offer.commune.name,
    }
    for user in recipients:
        mobile = _mobile_or_none(user.phone)
        message_queue(
            structure_id=offer.structure_id,
            kind=MessageKind.COMPANY_OFFER_TO_CONFIRM,
            channel=Channel.SMS if mobile else Channel.EMAIL,
            recipient=mobile or user.email,
            context=context,
            idempotency_key=company_offer_to_confirm_key(offer, user.pk),
            subject=Subject.STAFF,
            subject_id=user.pk,
            email_subject=f"Offre à confirmer : {offer.title} ({offer.company.name})",
            now=now,
        )
    return len(recipients)


def queue_company_feedback_request(positioning: Positioning, *, now: datetime.datetime):
    company = positioning.offer.company
    person = positioning.job_seeker.full_name
    return _queue_to_company(
        company,
        kind=MessageKind.COMPANY_FEEDBACK_REQUEST,
        key=company_feedback_key(positioning),
        context={"structure": company.structure.name, "person": person},
        email_subject=f"Entretien avec {person} : votre avis",
        now=now,
    )


def queue_job_check_in(follow_up: JobFollowUp, *, now: datetime.datetime):
    """In the post: "Tout se passe bien dans votre emploi ? Répondez OUI ou NON" (the answer is
    kept on the message). At 6, 12, 24 and 48 months: "êtes-vous toujours en emploi ?
    Répondez OUI (même employeur), AUTRE ou NON", whose answer the inbound SMS webhook records
    on the follow-up itself (services.employment.job_follow_up_answer_by_sms)."""
    employment = follow_up.employment
    seeker = employment.job_seeker
    return _queue_to_seeker(
        employment,
        kind=MessageKind.JOB_SURVIVAL_CHECK_IN if follow_up.is_survival else MessageKind.JOB_CHECK_IN,
        key=job_check_in_key(follow_up),
        context={"structure": seeker.structure.name, "first_name": seeker.first_name},
        now=now,
    )
