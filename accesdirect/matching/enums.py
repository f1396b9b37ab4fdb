from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftStatus(models.TextChoices):
    OPEN = "open", _("À revoir")
    CLOSED = "closed", _("Revu")
    SUPERSEDED = "superseded", _("Remplacé par un calcul plus récent")


class LineDecision(models.TextChoices):
    PENDING = "pending", _("À décider")
    ACCEPTED = "accepted", _("Acceptée")
    CHANGED = "changed", _("Autre personne choisie")
    REJECTED = "rejected", _("Écartée")


# Decisions that depart from the proposal: each is recorded with its reason.
OVERRIDE_DECISIONS = [LineDecision.CHANGED, LineDecision.REJECTED]
