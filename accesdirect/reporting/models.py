"""The reporting app's own rows: each structure's reporting settings, and the RSA scale that
the public savings are computed from (national data, edited in the admin)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accesdirect.core.models import StructureOwned, scoped_manager

from .enums import CostBasis, Household

DEFAULT_GRACE_DAYS = 90
DEFAULT_OBJECTIVE_PERCENT = 60
DEFAULT_OBJECTIVE_MONTHS = 12
MAX_GRACE_DAYS = 365
MAX_COST_PER_PERSON = Decimal(100_000)
MAX_CONVENTION_AMOUNT = Decimal(100_000_000)
FIRST_RSA_YEAR, LAST_RSA_YEAR = 2009, 2100  # The RSA replaced the RMI in June 2009.
MAX_RSA_MONTHLY = Decimal(10_000)


class ReportingSettings(StructureOwned):
    """How one structure's results are counted. The defaults apply until the direction saves
    its own (for_structure returns them unsaved)."""

    grace_days = models.PositiveSmallIntegerField(
        _("délai de grâce après la sortie (jours)"),
        default=DEFAULT_GRACE_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_GRACE_DAYS)],
        help_text=_(
            "Un emploi qui commence dans ce délai après la sortie compte comme un retour à l'emploi."
        ),
    )
    objective_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("objectif par CRE (% de retour à l'emploi)"),
        default=DEFAULT_OBJECTIVE_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    objective_months = models.PositiveSmallIntegerField(
        _("délai de l'objectif (mois après l'entrée)"),
        default=DEFAULT_OBJECTIVE_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    cost_basis = models.CharField(
        _("coût de l'accompagnement"), max_length=20, choices=CostBasis.choices, default=CostBasis.PER_PERSON
    )
    cost_per_person = models.DecimalField(
        _("coût par personne accompagnée (€)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_COST_PER_PERSON)],
    )
    convention_amount = models.DecimalField(
        _("montant annuel de la convention (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_CONVENTION_AMOUNT)],
    )

    objects = scoped_manager()
    # for_structure() reads it for a given structure, whatever the current scope.
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("réglages des résultats")
        verbose_name_plural = _("réglages des résultats")
        constraints = [
            models.UniqueConstraint(fields=["structure"], name="one_reporting_settings_per_structure"),
            models.CheckConstraint(
                condition=Q(grace_days__gte=0, grace_days__lte=MAX_GRACE_DAYS)
                & Q(objective_percent__gte=1, objective_percent__lte=100)
                & Q(objective_months__gte=1, objective_months__lte=36)
                & Q(cost_per_person__gte=0, cost_per_person__lte=MAX_COST_PER_PERSON)
                & Q(convention_amount__gte=0, convention_amount__lte=MAX_CONVENTION_AMOUNT)
                & Q(cost_basis__in=CostBasis.values),
                name="reporting_settings_plausible",
            ),
        ]

    def __str__(self):
        return f"Réglages des résultats – {self.structure_id}"

    @classmethod
    def for_structure(cls, structure) -> "ReportingSettings":
        """The structure's settings, or the defaults (unsaved) when it has none."""
        structure_id = structure if isinstance(structure, int) else structure.pk
        found = cls.all_objects.filter(structure_id=structure_id).first()
        return found or cls(structure_id=structure_id)


class RsaAmount(models.Model):
    """The monthly RSA (montant forfaitaire) of one household type from April of `year` (the
    yearly revaluation date). National data, seeded by migration 0002 with its sources, and
    editable in the admin when a new decree is published."""

    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(FIRST_RSA_YEAR), MaxValueValidator(LAST_RSA_YEAR)]
    )
    household = models.CharField(_("foyer"), max_length=10, choices=Household.choices)
    monthly_amount = models.DecimalField(
        _("montant mensuel (€)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_RSA_MONTHLY)],
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("montant du RSA")
        verbose_name_plural = _("montants du RSA")
        ordering = ["-year", "household"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household"], name="one_rsa_amount_per_year_and_household"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_RSA_YEAR, year__lte=LAST_RSA_YEAR)
                & Q(monthly_amount__gt=0, monthly_amount__lte=MAX_RSA_MONTHLY)
                & Q(household__in=Household.values),
                name="rsa_amount_plausible",
            ),
        ]

    def __str__(self):
        return f"RSA {self.year} – {self.get_household_display()} : {self.monthly_amount} €"
