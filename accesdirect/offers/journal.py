"""The events that offers write in a person's journal (rendered in the reader's language)."""

from django.utils.translation import gettext_lazy

from accesdirect.core.vocabulary import Contract
from accesdirect.seekers.journal import Date, DateTime, Lower, journal_event

from .enums import EmploymentEndReason, PositioningCloseReason, PositioningStatus


def _step(value: str) -> str:
    return str(PositioningStatus(value).label).lower()


PROPOSED = journal_event("offers.proposed", gettext_lazy("Proposition de poste : %(title)s chez %(company)s"))
STEP = journal_event(
    "offers.step",
    gettext_lazy("Proposition de poste « %(title)s » chez %(company)s : %(step)s"),
    step=_step,
)
INTERVIEW = journal_event(
    "offers.interview",
    gettext_lazy("Proposition de poste « %(title)s » chez %(company)s : %(step)s, le %(when)s"),
    step=_step,
    when=DateTime,
)
INTERVIEW_MOVED = journal_event(
    "offers.interview_moved",
    gettext_lazy("Entretien « %(title)s » chez %(company)s déplacé au %(when)s."),
    when=DateTime,
)
REASSIGNED = journal_event(
    "offers.reassigned",
    gettext_lazy("Proposition de poste « %(title)s » désormais présentée par %(name)s"),
)
CLOSED_HIRED_ELSEWHERE = journal_event(
    "offers.closed_hired_elsewhere",
    gettext_lazy("Proposition de poste « %(title)s » chez %(company)s close : embauche sur un autre poste."),
)
EMPLOYED = journal_event(
    "offers.employed",
    gettext_lazy("Emploi : %(title)s chez %(employer)s, %(contract)s à partir du %(start)s"),
    contract=Contract,
    start=Date,
)
EMPLOYED_DURABLE = journal_event(
    "offers.employed_durable",
    gettext_lazy("Emploi : %(title)s chez %(employer)s, %(contract)s à partir du %(start)s (emploi durable)"),
    contract=Contract,
    start=Date,
)
EMPLOYMENT_ENDED = journal_event(
    "offers.employment_ended",
    gettext_lazy("Fin de l'emploi %(title)s chez %(employer)s le %(day)s : %(reason)s."),
    day=Date,
    reason=EmploymentEndReason,
)
FOLLOW_UP_WELL = journal_event(
    "offers.follow_up_well",
    gettext_lazy("Suivi dans l'emploi (%(title)s chez %(employer)s) : tout se passe bien"),
)
FOLLOW_UP_DIFFICULT = journal_event(
    "offers.follow_up_difficult",
    gettext_lazy("Suivi dans l'emploi (%(title)s chez %(employer)s) : des difficultés à suivre"),
)
# The person's own answer by SMS to a follow-up of survival in employment (6 months to 4 years).
FOLLOW_UP_SMS_SAME_EMPLOYER = journal_event(
    "offers.follow_up_sms_same_employer",
    gettext_lazy(
        "Suivi du maintien en emploi (%(title)s chez %(employer)s), réponse par SMS : "
        "toujours en emploi, chez le même employeur"
    ),
)
FOLLOW_UP_SMS_OTHER_EMPLOYER = journal_event(
    "offers.follow_up_sms_other_employer",
    gettext_lazy(
        "Suivi du maintien en emploi (%(title)s chez %(employer)s), réponse par SMS : "
        "en emploi chez un autre employeur"
    ),
)
FOLLOW_UP_SMS_NO_JOB = journal_event(
    "offers.follow_up_sms_no_job",
    gettext_lazy(
        "Suivi du maintien en emploi (%(title)s chez %(employer)s), réponse par SMS : plus en emploi"
    ),
)
# The proposal as the person received it by SMS (written by the demo's history, which has no
# messages of the outbox to show).
PROPOSAL_SENT = journal_event(
    "offers.proposal_sent",
    gettext_lazy("Proposition de poste « %(title)s » chez %(company)s envoyée par SMS."),
)

RESERVED = journal_event(
    "offers.reserved",
    gettext_lazy("Offre « %(title)s » chez %(company)s réservée par la personne (application)"),
)
CALL_BACK_ASKED = journal_event(
    "offers.call_back_asked",
    gettext_lazy("Offre réservée « %(title)s » chez %(company)s : la personne demande à être rappelée"),
)
RESERVATION_ENDED = journal_event(
    "offers.reservation_ended",
    gettext_lazy("Réservation de l'offre « %(title)s » chez %(company)s terminée : %(reason)s."),
    reason=Lower(PositioningCloseReason),
)
# What a company said about an interview, through its private link ("J'ai une offre"); the
# company's own words follow as the entry's text.
COMPANY_FEEDBACK = journal_event(
    "offers.company_feedback",
    gettext_lazy("Retour de %(company)s sur l'entretien « %(title)s », donné par son lien privé :"),
)
