"""Writes about job seekers. Every function is atomic and keyword-only.

The rules of the method enforced here (each refusal is a DomainError with a French message):
- every referred person is taken (no selection);
- intake ends with at least three realistic target jobs, the frame explained and the
  person's agreement to engage (principle C);
- a PER lasts at most two months, at most three PER, one current PER at a time; after the
  third PER without a job, a tripartite review with the prescriber and the person.
"""

from .appointments import appointment_create, appointment_set_status
from .journal import journal_add
from .merge import job_seeker_merge, merge_preview, merge_refusal, register_merge_mover
from .people import (
    SEEKER_DETAIL_FIELDS,
    PossibleDuplicate,
    intake_complete,
    intake_start,
    job_seeker_exit,
    job_seeker_update,
    open_intake,
    referral_create,
    target_job_add,
    target_job_remove,
)
from .periods import (
    close_current_period,
    default_period_dates,
    period_create,
    period_end,
    period_record_first_action,
    period_renew,
    period_sign,
    tripartite_review_record,
    tripartite_review_request,
)
from .sms import job_seeker_sms_set

__all__ = [
    "SEEKER_DETAIL_FIELDS",
    "PossibleDuplicate",
    "close_current_period",
    "default_period_dates",
    "job_seeker_exit",
    "tripartite_review_request",
    "appointment_create",
    "appointment_set_status",
    "intake_complete",
    "intake_start",
    "job_seeker_sms_set",
    "job_seeker_update",
    "journal_add",
    "open_intake",
    "period_create",
    "period_end",
    "period_record_first_action",
    "period_renew",
    "period_sign",
    "referral_create",
    "target_job_add",
    "target_job_remove",
    "tripartite_review_record",
    "job_seeker_merge",
    "merge_preview",
    "merge_refusal",
    "register_merge_mover",
]
