from django.db import models


class SizeBand(models.TextChoices):
    """INSEE employee bands, grouped as the CREs speak of them."""

    NONE = "0", "0 salarié"
    MICRO = "1-9", "1 à 9 salariés"
    SMALL = "10-49", "10 à 49 salariés"
    MEDIUM = "50-249", "50 à 249 salariés"
    LARGE = "250+", "250 salariés et plus"


class Relationship(models.TextChoices):
    PROSPECT = "prospect", "À prospecter"
    CONTACTED = "contacted", "Contactée"
    PARTNER = "partner", "Partenaire"
    DORMANT = "dormant", "En sommeil"


class ContactKind(models.TextChoices):
    VISIT = "visit", "Visite"
    CALL = "call", "Appel"
    EMAIL = "email", "E-mail"
    EVENT = "event", "Événement"


class ContactOutcome(models.TextChoices):
    OFFER = "offer", "Offre recueillie"
    INTERESTED = "interested", "Intéressée, à relancer"
    NO_NEED = "no_need", "Pas de besoin"
    UNREACHABLE = "unreachable", "Injoignable"
    FEEDBACK = "feedback", "Retour sur un candidat"
