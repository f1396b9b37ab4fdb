from django.db import models
from django.utils.translation import gettext_lazy as _


class CostBasis(models.TextChoices):
    PER_PERSON = "per_person", _("Par personne accompagnée")
    PER_CONVENTION = "per_convention", _("Par convention (montant annuel)")


class Household(models.TextChoices):
    """The household types of the RSA scale (montant forfaitaire, article L262-2 du CASF)."""

    SINGLE = "single", _("Personne seule sans enfant")
    SINGLE_1_CHILD = "single_1", _("Personne seule avec un enfant")
    SINGLE_2_CHILDREN = "single_2", _("Personne seule avec deux enfants")
    COUPLE = "couple", _("Couple sans enfant")
    COUPLE_1_CHILD = "couple_1", _("Couple avec un enfant")
    COUPLE_2_CHILDREN = "couple_2", _("Couple avec deux enfants")


class Unit(models.TextChoices):
    PEOPLE = "people", _("personnes")
    COUNT = "count", _("nombre")
    PERCENT = "percent", _("%")
    DAYS = "days", _("jours")
    PER_MONTH = "per_month", _("par mois")
