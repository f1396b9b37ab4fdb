from django.db import models
from django.utils.translation import gettext_lazy as _

from accesdirect.core.vocabulary import Contract  # noqa: F401


class OfferSource(models.TextChoices):
    PROSPECTION = "prospection", _("Prospection")
    COMPANY_FORM = "company_form", _("Formulaire entreprise")
    OTHER = "other", _("Autre")


class OfferStatus(models.TextChoices):
    # Sent by a company through "J'ai une offre": a CRE checks it with the company first.
    TO_CONFIRM = "to_confirm", _("À confirmer")
    OPEN = "open", _("Ouverte")
    POSITIONED = "positioned", _("Positionnée")
    FILLED = "filled", _("Pourvue")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")


class PositioningStatus(models.TextChoices):
    # Reserved in one click by the person (job seekers' app), held until their meeting with
    # the CRE who captured the offer; the CRE then confirms it (proposed) or releases it.
    RESERVED = "reserved", _("Réservée")
    PROPOSED = "proposed", _("Proposée")
    ACCEPTED = "accepted", _("Acceptée par la personne")
    INTERVIEW_SCHEDULED = "interview_scheduled", _("Entretien prévu")
    INTERVIEW_HELD = "interview_held", _("Entretien passé")
    HIRED = "hired", _("Embauché·e")
    NOT_RETAINED = "not_retained", _("Non retenu·e")
    WITHDRAWN = "withdrawn", _("Abandon")


# While a positioning is in one of these steps, the offer's market is closed (principle B).
ACTIVE_POSITIONING_STATUSES = [
    PositioningStatus.RESERVED,
    PositioningStatus.PROPOSED,
    PositioningStatus.ACCEPTED,
    PositioningStatus.INTERVIEW_SCHEDULED,
    PositioningStatus.INTERVIEW_HELD,
]
FINAL_POSITIONING_STATUSES = [
    PositioningStatus.HIRED,
    PositioningStatus.NOT_RETAINED,
    PositioningStatus.WITHDRAWN,
]
# The next steps allowed from each step.
POSITIONING_TRANSITIONS = {
    PositioningStatus.RESERVED: [PositioningStatus.PROPOSED, PositioningStatus.WITHDRAWN],
    PositioningStatus.PROPOSED: [PositioningStatus.ACCEPTED, PositioningStatus.WITHDRAWN],
    PositioningStatus.ACCEPTED: [PositioningStatus.INTERVIEW_SCHEDULED, PositioningStatus.WITHDRAWN],
    PositioningStatus.INTERVIEW_SCHEDULED: [PositioningStatus.INTERVIEW_HELD, PositioningStatus.WITHDRAWN],
    PositioningStatus.INTERVIEW_HELD: [
        PositioningStatus.HIRED,
        PositioningStatus.NOT_RETAINED,
        PositioningStatus.WITHDRAWN,
    ],
}


class EmploymentEndReason(models.TextChoices):
    END_OF_CONTRACT = "end_of_contract", _("Fin de contrat")
    TRIAL_PERIOD = "trial_period", _("Fin de période d'essai")
    RESIGNATION = "resignation", _("Démission")
    DISMISSAL = "dismissal", _("Licenciement")
    OTHER = "other", _("Autre")


class PositioningCloseReason(models.TextChoices):
    """Why a positioning was closed by the product rather than by its own outcome."""

    HIRED_ELSEWHERE = "hired_elsewhere", _("Embauche sur un autre poste")
    RESERVATION_CANCELLED = "reservation_cancelled", _("Réservation annulée par la personne")
    RESERVATION_EXPIRED = "reservation_expired", _("Réservation expirée sans rendez-vous")
    RESERVATION_RELEASED = "reservation_released", _("Réservation libérée après le rendez-vous")
