from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    """INSEE employee bands, grouped as the CREs speak of them."""

    NONE = "0", _("0 salarié")
    MICRO = "1-9", _("1 à 9 salariés")
    SMALL = "10-49", _("10 à 49 salariés")
    MEDIUM = "50-249", _("50 à 249 salariés")
    LARGE = "250+", _("250 salariés et plus")


class Relationship(models.TextChoices):
    PROSPECT = "prospect", _("À prospecter")
    CONTACTED = "contacted", _("Contactée")
    PARTNER = "partner", _("Partenaire")
    DORMANT = "dormant", _("En sommeil")


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Visite")
    CALL = "call", _("Appel")
    EMAIL = "email", _("E-mail")
    EVENT = "event", _("Événement")


class ContactOutcome(models.TextChoices):
    OFFER = "offer", _("Offre recueillie")
    INTERESTED = "interested", _("Intéressée, à relancer")
    NO_NEED = "no_need", _("Pas de besoin")
    UNREACHABLE = "unreachable", _("Injoignable")
    FEEDBACK = "feedback", _("Retour sur un candidat")
