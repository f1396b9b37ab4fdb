"""Writes about offers, positionings (one offer = one person) and employment.

One module per concern; import from here (`from accesdirect.offers.services import ...`)."""

from .company_offers import (
    company_interview_feedback,
    company_offer_confirm,
    company_offer_reject,
    company_offer_submit,
)
from .employment import (
    FOLLOW_UP_AFTER_DAYS,
    FOLLOW_UP_AFTER_MONTHS,
    employment_declare,
    employment_end,
    employment_record,
    job_follow_up_answer_by_sms,
    job_follow_up_record,
)
from .offers import OFFER_EDITABLE_FIELDS, offer_cancel, offer_create, offer_expire, offer_update
from .positionings import (
    EmploymentTerms,
    OfferAlreadyPositioned,
    positioning_advance,
    positioning_create,
    positioning_interview_reschedule,
    positioning_reassign,
)
from .reservations import (
    OfferAlreadyReserved,
    SlotAlreadyBooked,
    expire_reservations,
    reservation_book_slot,
    reservation_call_back,
    reservation_cancel,
    reservation_confirm,
    reservation_create,
    reservation_release,
    slot_publish,
    slot_remove,
)

__all__ = [
    "FOLLOW_UP_AFTER_DAYS",
    "FOLLOW_UP_AFTER_MONTHS",
    "OFFER_EDITABLE_FIELDS",
    "EmploymentTerms",
    "company_interview_feedback",
    "company_offer_confirm",
    "company_offer_reject",
    "company_offer_submit",
    "OfferAlreadyPositioned",
    "OfferAlreadyReserved",
    "SlotAlreadyBooked",
    "expire_reservations",
    "reservation_book_slot",
    "reservation_call_back",
    "reservation_cancel",
    "reservation_confirm",
    "reservation_create",
    "reservation_release",
    "slot_publish",
    "slot_remove",
    "employment_declare",
    "employment_end",
    "employment_record",
    "job_follow_up_answer_by_sms",
    "job_follow_up_record",
    "offer_cancel",
    "offer_create",
    "offer_expire",
    "offer_update",
    "positioning_advance",
    "positioning_create",
    "positioning_interview_reschedule",
    "positioning_reassign",
]
