from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmersionPurpose(models.TextChoices):
    """The three purposes of a PMSMP, as the convention (Cerfa 13912) names them."""

    DISCOVER = "discover", _("Découvrir un métier ou un secteur d'activité")
    CONFIRM = "confirm", _("Confirmer un projet professionnel")
    RECRUIT = "recruit", _("Initier une démarche de recrutement")


class ImmersionStatus(models.TextChoices):
    """Derived from the dates and the cancellation, never stored (Immersion.status_on)."""

    PLANNED = "planned", _("Prévue")
    ONGOING = "ongoing", _("En cours")
    ENDED = "ended", _("Terminée")
    CANCELLED = "cancelled", _("Annulée")


class ImmersionOutcome(models.TextChoices):
    HIRED = "hired", _("Embauche")
    CONTRACT_OFFERED = "contract_offered", _("Contrat proposé")
    NONE = "none", _("Pas de suite")
