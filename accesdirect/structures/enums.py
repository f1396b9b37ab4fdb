from django.db import models


class Role(models.TextChoices):
    CRE = "cre", "Chargé·e de relation entreprises"
    DIRECTION = "direction", "Direction"
    NETWORK_HEAD = "network_head", "Tête de réseau"


class PrescriberKind(models.TextChoices):
    DEPARTEMENT = "departement", "Conseil départemental"
    PLIE = "plie", "PLIE"
    CITY = "city", "Ville / CCAS"
    OTHER = "other", "Autre"
