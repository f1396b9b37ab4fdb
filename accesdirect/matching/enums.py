from django.db import models


class DraftStatus(models.TextChoices):
    OPEN = "open", "À revoir"
    CLOSED = "closed", "Revu"
    SUPERSEDED = "superseded", "Remplacé par un calcul plus récent"


class LineDecision(models.TextChoices):
    PENDING = "pending", "À décider"
    ACCEPTED = "accepted", "Acceptée"
    CHANGED = "changed", "Autre personne choisie"
    REJECTED = "rejected", "Écartée"


# Decisions that depart from the proposal: each is recorded with its reason.
OVERRIDE_DECISIONS = [LineDecision.CHANGED, LineDecision.REJECTED]
