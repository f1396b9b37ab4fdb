from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CRE = "cre", _("Chargé·e de relation entreprises")
    DIRECTION = "direction", _("Direction")
    NETWORK_HEAD = "network_head", _("Tête de réseau")


class PrescriberKind(models.TextChoices):
    DEPARTEMENT = "departement", _("Conseil départemental")
    PLIE = "plie", _("PLIE")
    CITY = "city", _("Ville / CCAS")
    OTHER = "other", _("Autre")
