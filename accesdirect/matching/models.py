from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accesdirect.core.models import StructureOwned, scoped_manager
from accesdirect.core.ranges import MAX_COMMUTE_KM

from .engine.assignment import Candidate
from .engine.explain import Explanation
from .engine.weights import DEFAULT_PROGRAMME_POINTS, DEFAULT_WEIGHTS, Weights
from .enums import OVERRIDE_DECISIONS, DraftStatus, LineDecision

_D = DEFAULT_WEIGHTS
# Plausible settings (core.ranges): a reach as far as a person may commute, points and caps
# that keep priorities finite (a month of 10^20 points would drown every other reason).
MAX_POINTS = 100
DEFAULT_WITHOUT_PROPOSAL_WEEKS = 8


# Each setting's plausible range, checked by the form (validators) and by the database (one
# CHECK constraint): a value written by any other path (the admin, a script) stays in range.
BOUNDS: dict[str, tuple[float, float]] = {
    "job_weight": (0, 20),
    "commute_weight": (0, 20),
    "conditions_weight": (0, 20),
    "min_fit": (0, 5 * 20 + 3 * 20 + 3 * 20),
    "detour_factor": (1.0, 3.0),
    "reach_car_km": (1, MAX_COMMUTE_KM),
    "reach_licence_km": (1, MAX_COMMUTE_KM),
    "reach_none_km": (1, MAX_COMMUTE_KM),
    "month_points": (0, MAX_POINTS),
    "months_cap": (0, 600),
    "week_points": (0, MAX_POINTS),
    "weeks_cap": (0, 520),
    "in_job_priority_penalty": (0, 1000),
    "without_proposal_weeks": (1, 104),
}


def _in(name: str) -> list:
    low, high = BOUNDS[name]
    return [MinValueValidator(low), MaxValueValidator(high)]


def _plausible_settings() -> Q:
    condition = Q()
    for name, (low, high) in BOUNDS.items():
        condition &= Q(**{f"{name}__gte": low, f"{name}__lte": high})
    return condition


def default_programme_points() -> dict[str, int]:
    return dict(DEFAULT_PROGRAMME_POINTS)


class MatchingSettings(StructureOwned):
    """The weights of matching for one structure. The defaults, documented in
    matching/engine/weights.py, apply until the structure saves its own."""

    job_weight = models.PositiveSmallIntegerField(
        _("poids du métier"), default=_D.job, validators=_in("job_weight")
    )
    commute_weight = models.PositiveSmallIntegerField(
        _("poids du trajet"), default=_D.commute, validators=_in("commute_weight")
    )
    conditions_weight = models.PositiveSmallIntegerField(
        _("poids des conditions"), default=_D.conditions, validators=_in("conditions_weight")
    )
    min_fit = models.PositiveSmallIntegerField(
        _("adéquation minimale pour la réunion du lundi"),
        default=_D.min_fit,
        help_text=_(
            "En points : métier (1 à 5) × son poids + trajet (1 à 3) × son poids "
            "+ conditions (0 à 3) × leur poids."
        ),
        validators=_in("min_fit"),
    )
    detour_factor = models.FloatField(
        _("facteur de détour"),
        default=_D.detour_factor,
        validators=_in("detour_factor"),
        help_text=_("Distance par la route ≈ distance à vol d'oiseau × ce facteur."),
    )
    reach_car_km = models.PositiveSmallIntegerField(
        _("portée avec voiture (km)"), default=_D.reach_car_km, validators=_in("reach_car_km")
    )
    reach_licence_km = models.PositiveSmallIntegerField(
        _("portée avec permis, sans voiture (km)"),
        default=_D.reach_licence_km,
        validators=_in("reach_licence_km"),
    )
    reach_none_km = models.PositiveSmallIntegerField(
        _("portée sans permis (km)"), default=_D.reach_none_km, validators=_in("reach_none_km")
    )
    month_points = models.FloatField(
        _("priorité : points par mois sans emploi"),
        default=_D.month_points,
        validators=_in("month_points"),
    )
    months_cap = models.PositiveSmallIntegerField(
        _("priorité : mois sans emploi comptés au plus"),
        default=_D.months_cap,
        validators=_in("months_cap"),
    )
    week_points = models.FloatField(
        _("priorité : points par semaine sans proposition"),
        default=_D.week_points,
        validators=_in("week_points"),
    )
    weeks_cap = models.PositiveSmallIntegerField(
        _("priorité : semaines sans proposition comptées au plus"),
        default=_D.weeks_cap,
        validators=_in("weeks_cap"),
    )
    programme_points = models.JSONField(
        _("priorité : points par dispositif"), default=default_programme_points, blank=True
    )
    in_job_priority_penalty = models.FloatField(
        _("priorité : points retirés à une personne en emploi pour une offre durable"),
        default=_D.in_job_penalty,
        validators=_in("in_job_priority_penalty"),
        help_text=_("Une personne en contrat court reste rapprochée, après les personnes sans emploi."),
    )
    # Not a weight of matching: the default of the Monday board's "sans proposition" list.
    without_proposal_weeks = models.PositiveSmallIntegerField(
        _("réunion du lundi : personnes sans proposition depuis (semaines)"),
        default=DEFAULT_WITHOUT_PROPOSAL_WEEKS,
        validators=_in("without_proposal_weeks"),
    )

    objects = scoped_manager()
    # for_structure() reads it for a given structure, whatever the current scope.
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("réglages du rapprochement")
        verbose_name_plural = _("réglages du rapprochement")
        constraints = [
            models.UniqueConstraint(fields=["structure"], name="one_matching_settings_per_structure"),
            models.CheckConstraint(condition=_plausible_settings(), name="matching_settings_plausible"),
        ]

    def __str__(self):
        return f"Réglages du rapprochement – {self.structure_id}"

    @classmethod
    def for_structure(cls, structure) -> "MatchingSettings":
        """The structure's settings, or the defaults (unsaved) when it has none."""
        structure_id = structure if isinstance(structure, int) else structure.pk
        found = cls.all_objects.filter(structure_id=structure_id).first()
        return found or cls(structure_id=structure_id)

    def weights(self) -> Weights:
        return Weights(
            job=self.job_weight,
            commute=self.commute_weight,
            conditions=self.conditions_weight,
            min_fit=self.min_fit,
            detour_factor=self.detour_factor,
            reach_car_km=self.reach_car_km,
            reach_licence_km=self.reach_licence_km,
            reach_none_km=self.reach_none_km,
            month_points=self.month_points,
            months_cap=self.months_cap,
            week_points=self.week_points,
            weeks_cap=self.weeks_cap,
            programme_points={**DEFAULT_PROGRAMME_POINTS, **(self.programme_points or {})},
            in_job_penalty=self.in_job_priority_penalty,
        )


class AssignmentDraft(StructureOwned):
    """The weekly assignment computed for the Monday meeting: a draft that staff review line
    by line, never a decision by itself."""

    week_start = models.DateField(_("semaine du"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("calculé par")
    )
    status = models.CharField(_("état"), max_length=12, choices=DraftStatus.choices, default=DraftStatus.OPEN)
    # Snapshots of the computation: [{"offer_id", "reason", "text"}] and
    # [{"appellation_id", "appellation_label", "commune_id", "commune_name", "job_seeker_ids"}].
    offers_without_candidate = models.JSONField(
        _("offres sans candidat compatible"), default=list, blank=True
    )
    people_without_offer = models.JSONField(_("personnes sans offre compatible"), default=list, blank=True)
    offers_count = models.PositiveIntegerField(_("offres ouvertes"), default=0)
    people_count = models.PositiveIntegerField(_("personnes disponibles"), default=0)
    seconds = models.FloatField(_("durée du calcul (s)"), default=0)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("proposition de la réunion du lundi")
        verbose_name_plural = _("propositions de la réunion du lundi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One draft under review at a time: a new computation supersedes the previous one.
            models.UniqueConstraint(
                fields=["structure"],
                condition=Q(status=DraftStatus.OPEN),
                name="one_open_draft_per_structure",
            )
        ]

    def __str__(self):
        return f"Réunion du lundi – semaine du {self.week_start:%d/%m/%Y}"


class AssignmentLine(StructureOwned):
    """One offer of a draft, its proposed person, and the staff's decision."""

    draft = models.ForeignKey(
        AssignmentDraft, on_delete=models.CASCADE, related_name="lines", verbose_name=_("proposition")
    )
    offer = models.ForeignKey(
        "offers.Offer", on_delete=models.PROTECT, related_name="+", verbose_name=_("offre")
    )
    proposed_job_seeker = models.ForeignKey(
        "seekers.JobSeeker", on_delete=models.PROTECT, related_name="+", verbose_name=_("personne proposée")
    )
    fit = models.PositiveSmallIntegerField(_("adéquation (points)"))
    priority = models.FloatField(_("priorité (points)"))
    # Explanation.as_dict() of the proposed person, as computed.
    explanation = models.JSONField(_("explication"))
    # [{"job_seeker_id", "fit", "priority", "explanation", "proposed_on_offer_id"}], best first.
    alternatives = models.JSONField(_("autres personnes possibles"), default=list, blank=True)
    decision = models.CharField(
        _("décision"), max_length=10, choices=LineDecision.choices, default=LineDecision.PENDING
    )
    chosen_job_seeker = models.ForeignKey(
        "seekers.JobSeeker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personne choisie à la place"),
    )
    reason = models.TextField(_("raison"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    positioning = models.ForeignKey(
        "offers.Positioning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("positionnement"),
    )

    objects = scoped_manager()

    class Meta:
        verbose_name = _("ligne de la réunion du lundi")
        verbose_name_plural = _("lignes de la réunion du lundi")
        ordering = ["draft", "-fit", "-priority", "pk"]
        indexes = [
            # The refused pairs read by every load of the matching pool (loader.refusals): the
            # few rejected lines, not every line of every weekly draft ever computed.
            models.Index(
                fields=["structure", "offer", "proposed_job_seeker"],
                condition=Q(decision=LineDecision.REJECTED),
                name="matching_line_rejected_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["draft", "offer"], name="one_line_per_offer_and_draft"),
            # Every override is recorded with its reason.
            models.CheckConstraint(
                condition=~Q(decision__in=OVERRIDE_DECISIONS) | ~Q(reason=""), name="override_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(decision=LineDecision.CHANGED) | Q(chosen_job_seeker__isnull=False),
                name="changed_line_names_the_person",
            ),
            models.CheckConstraint(
                condition=Q(decision=LineDecision.PENDING) | Q(decided_at__isnull=False),
                name="decided_line_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.offer_id} → {self.proposed_job_seeker_id} ({self.get_decision_display()})"

    @property
    def alternative_ids(self) -> list[int]:
        return [alternative["job_seeker_id"] for alternative in self.alternatives]

    @property
    def decided_job_seeker_id(self) -> int:
        """The person finally put on the offer (or proposed, while pending)."""
        return self.chosen_job_seeker_id or self.proposed_job_seeker_id

    @property
    def explained(self) -> Explanation:
        return Explanation.from_dict(self.explanation)

    @property
    def alternative_candidates(self) -> list[Candidate]:
        return [
            Candidate(
                job_seeker_id=alternative["job_seeker_id"],
                fit=alternative["fit"],
                priority=alternative["priority"],
                explanation=Explanation.from_dict(alternative["explanation"]),
                proposed_on_offer_id=alternative.get("proposed_on_offer_id"),
            )
            for alternative in self.alternatives
        ]


class OfferAlertRun(StructureOwned):
    """A new offer whose SMS alerts were queued (matching.alerts): the scheduler, run every
    minute, handles each offer once."""

    offer = models.OneToOneField(
        "offers.Offer", on_delete=models.CASCADE, related_name="alert_run", verbose_name=_("offre")
    )
    alerted = models.PositiveSmallIntegerField(_("personnes alertées"), default=0)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("alerte d'une nouvelle offre")
        verbose_name_plural = _("alertes des nouvelles offres")

    def __str__(self):
        return f"Alerte de l'offre {self.offer_id} ({self.alerted})"
