from django.db import models


class Contract(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    INTERIM = "interim", "Intérim"
    SUBSIDISED = "subsidised", "Contrat aidé"
    WORK_STUDY = "work_study", "Alternance"
    PMSMP = "pmsmp", "Immersion (PMSMP)"


class OfferSource(models.TextChoices):
    PROSPECTION = "prospection", "Prospection"
    COMPANY_FORM = "company_form", "Formulaire entreprise"
    OTHER = "other", "Autre"


class OfferStatus(models.TextChoices):
    OPEN = "open", "Ouverte"
    POSITIONED = "positioned", "Positionnée"
    FILLED = "filled", "Pourvue"
    CANCELLED = "cancelled", "Annulée"
    EXPIRED = "expired", "Expirée"


class PositioningStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposée"
    ACCEPTED = "accepted", "Acceptée par la personne"
    INTERVIEW_SCHEDULED = "interview_scheduled", "Entretien prévu"
    INTERVIEW_HELD = "interview_held", "Entretien passé"
    HIRED = "hired", "Embauché·e"
    NOT_RETAINED = "not_retained", "Non retenu·e"
    WITHDRAWN = "withdrawn", "Abandon"


# While a positioning is in one of these steps, the offer's market is closed (principle B).
ACTIVE_POSITIONING_STATUSES = [
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
    PositioningStatus.PROPOSED: [PositioningStatus.ACCEPTED, PositioningStatus.WITHDRAWN],
    PositioningStatus.ACCEPTED: [PositioningStatus.INTERVIEW_SCHEDULED, PositioningStatus.WITHDRAWN],
    PositioningStatus.INTERVIEW_SCHEDULED: [PositioningStatus.INTERVIEW_HELD, PositioningStatus.WITHDRAWN],
    PositioningStatus.INTERVIEW_HELD: [
        PositioningStatus.HIRED,
        PositioningStatus.NOT_RETAINED,
        PositioningStatus.WITHDRAWN,
    ],
}
