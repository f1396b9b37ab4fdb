"""Words that several domain apps share: what an offer demands, what a person wishes or cannot
do, and the contracts both speak of. They live here, below every domain app, so that seekers,
offers, matching and the demo all import them from the same low place (offers.enums and
seekers.enums re-export them for the older imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Contract(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    INTERIM = "interim", _("Intérim")
    SUBSIDISED = "subsidised", _("Contrat aidé")
    WORK_STUDY = "work_study", _("Alternance")


class WorkingTime(models.TextChoices):
    ANY = "any", _("Indifférent")
    FULL_TIME = "full_time", _("Temps plein")
    PART_TIME = "part_time", _("Temps partiel")


class WorkCondition(models.TextChoices):
    """Conditions of a job that an offer may demand and that a person may say they cannot
    meet (a hard filter of matching). Only the condition is recorded, never its cause."""

    WEEKEND = "weekend", _("Travail le week-end")
    NIGHT = "night", _("Travail de nuit")
    EARLY_MORNING = "early_morning", _("Horaires très matinaux")
    SPLIT_SHIFTS = "split_shifts", _("Horaires coupés")
    HEAVY_LOADS = "heavy_loads", _("Port de charges lourdes")
    STANDING = "standing", _("Station debout prolongée")
    OUTDOOR = "outdoor", _("Travail en extérieur")
    HEIGHTS = "heights", _("Travail en hauteur")
    COLD = "cold", _("Travail au froid")
