import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accesdirect.core.calendar import add_months  # noqa: F401
from accesdirect.core.models import StructureOwned, scoped_manager
from accesdirect.core.ranges import MAX_COMMUTE_KM, day_in_bounds, moment_in_bounds

from .enums import (
    AppointmentStatus,
    Availability,
    EducationLevel,
    ExitReason,
    FirstActionBy,
    JournalKind,
    PeriodEndReason,
    PeriodStatus,
    Programme,
    ReviewOutcome,
    SeekerStatus,
    SignatureMethod,
    WorkingTime,
)

MAX_PERIODS = 3
MIN_TARGET_JOBS = 3
# A PER is planned or recorded within a year of today, never in another decade by a typo.
PERIOD_DATES_WINDOW = datetime.timedelta(days=366)


def period_start_refusal(starts_on: datetime.date, *, today: datetime.date) -> str | None:
    """Why a PER cannot start on that day (French), or None."""
    if abs(starts_on - today) > PERIOD_DATES_WINDOW:
        return _("Un PER commence dans l'année qui précède ou qui suit aujourd'hui.")
    return None


class JobSeekerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SeekerStatus.ACTIVE)

    def search(self, text: str):
        """Words match the first or last name; a number typed as dialled ("06 12 34…")
        matches the stored E.164 phone (+3361234…) by its national digits."""
        digits = re.sub(r"[\s.\-]", "", text)
        if len(digits) >= 4 and digits.lstrip("+").isdigit():
            if digits.startswith("00"):
                national = digits[2:]
            elif digits.startswith("0"):
                national = digits[1:]
            else:
                national = digits.lstrip("+")
            return self.filter(phone__contains=national)
        query = Q()
        for word in text.split():
            query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return self.filter(query)


class JobSeeker(StructureOwned):
    """A person far from employment accompanied by the structure.

    By design there is no CV upload and no social security number (NIR): the method does
    not select on paper, and the product keeps no data it does not need."""

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(pgettext_lazy("family name", "nom"), max_length=100)
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    phone = models.CharField(_("téléphone mobile"), max_length=16, blank=True, help_text=_("Format E.164"))
    email = models.EmailField(_("e-mail"), blank=True)
    # Read by matching.alerts: the new offers that suit the person well are sent to them by SMS.
    offer_alerts = models.BooleanField(
        _("Recevoir par SMS les nouvelles offres qui lui correspondent"),
        default=False,
        help_text=_("Seulement les offres de ses postes visés, à sa portée. Un SMS STOP les arrête."),
    )
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    site = models.ForeignKey(
        "structures.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("antenne"),
    )
    driving_licence = models.BooleanField(_("permis B"), default=False)
    has_vehicle = models.BooleanField(_("véhicule"), default=False)
    max_commute_km = models.PositiveSmallIntegerField(
        _("trajet maximum (km)"),
        null=True,
        blank=True,
        help_text=_("Vide : selon la mobilité (voiture 35 km, permis sans voiture 12 km, sans permis 8 km)."),
    )
    # The person's wishes, read by matching ("conditions") and its hard filters.
    wanted_contracts = models.JSONField(
        _("contrats souhaités"), default=list, blank=True, help_text=_("Vide : tout contrat.")
    )
    wanted_working_time = models.CharField(
        _("temps de travail souhaité"), max_length=10, choices=WorkingTime.choices, default=WorkingTime.ANY
    )
    unavailable_conditions = models.JSONField(
        _("conditions impossibles pour la personne"), default=list, blank=True
    )
    availability = models.CharField(
        _("disponibilité"), max_length=20, choices=Availability.choices, default=Availability.IMMEDIATE
    )
    education_level = models.CharField(
        _("niveau de formation"), max_length=10, choices=EducationLevel.choices, default=EducationLevel.NONE
    )
    programme = models.CharField(_("dispositif"), max_length=10, choices=Programme.choices)
    unemployed_since = models.DateField(_("sans emploi depuis"), null=True, blank=True)
    rsa_since = models.DateField(_("au RSA depuis"), null=True, blank=True)
    wishes = models.TextField(_("souhaits, avec ses mots"), blank=True)
    know_how = models.TextField(_("savoir-faire, avec ses mots"), blank=True)
    # The accompaniment (referred → accompanied → exited, and re-entry); the situation (in a
    # job or not) is derived from the employments, never stored here.
    status = models.CharField(
        _("accompagnement"),
        max_length=10,
        choices=SeekerStatus.choices,
        default=SeekerStatus.REFERRED,
        db_index=True,
    )
    exit_reason = models.CharField(
        _("motif de sortie"), max_length=20, choices=ExitReason.choices, blank=True
    )
    exited_on = models.DateField(_("sorti·e le"), null=True, blank=True)
    # The cycle of up to three PERs the person is in: a tripartite review may open a new one,
    # and so does a re-entry after an exit.
    cycle = models.PositiveSmallIntegerField(_("cycle de PER"), default=1)
    needs_tripartite_review = models.BooleanField(_("bilan tripartite à faire"), default=False)

    objects = scoped_manager(JobSeekerQuerySet)

    class Meta:
        verbose_name = _("chercheur d'emploi")
        verbose_name_plural = _("chercheurs d'emploi")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["structure", "status", "last_name"])]
        constraints = [
            # An exit always says why and when; a person in the file has neither.
            models.CheckConstraint(
                condition=(
                    Q(status=SeekerStatus.LEFT, exited_on__isnull=False) & ~Q(exit_reason="")
                    | ~Q(status=SeekerStatus.LEFT) & Q(exited_on__isnull=True, exit_reason="")
                ),
                name="exit_has_reason_and_date",
            ),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="seeker_cycle_from_1"),
            # Plausible values only (core.ranges): no page has to read year 1 or year 9999.
            *(
                models.CheckConstraint(condition=day_in_bounds(field), name=f"seeker_{field}_plausible")
                for field in ("birth_date", "unemployed_since", "rsa_since", "exited_on")
            ),
            models.CheckConstraint(
                condition=Q(max_commute_km__lte=MAX_COMMUTE_KM), name="seeker_max_commute_km_plausible"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Referral(StructureOwned):
    """A prescription: a prescriber refers a person. Every referred person is taken."""

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("personne")
    )
    organisation = models.ForeignKey(
        "structures.PrescriberOrganisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("prescripteur"),
    )
    prescriber_name = models.CharField(_("référent·e"), max_length=200, blank=True)
    programme = models.CharField(_("dispositif"), max_length=10, choices=Programme.choices)
    referred_on = models.DateField(_("prescrit le"))
    accepted_on = models.DateField(_("acceptée le"), null=True, blank=True)
    intake_on = models.DateField(_("date d'accueil"), null=True, blank=True)
    notes = models.TextField(_("observations"), blank=True)

    class Meta:
        verbose_name = _("prescription")
        ordering = ["-referred_on"]
        constraints = [
            models.CheckConstraint(condition=day_in_bounds(field), name=f"referral_{field}_plausible")
            for field in ("referred_on", "accepted_on", "intake_on")
        ]


class Intake(StructureOwned):
    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("personne")
    )
    held_on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )
    notes = models.TextField(_("écoute, points clés"), blank=True)
    frame_explained = models.BooleanField(_("cadre expliqué"), default=False)
    agreed_to_engage = models.BooleanField(_("accord pour s'engager"), default=False)
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("accueil")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=day_in_bounds("held_on"), name="intake_held_on_plausible")
        ]


class TargetJob(StructureOwned):
    """A realistic target job (poste visé): a ROME appellation in an area."""

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="target_jobs", verbose_name=_("personne")
    )
    appellation = models.ForeignKey("referentials.Appellation", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("secteur")
    )
    has_experience = models.BooleanField(_("déjà exercé"), default=False)

    class Meta:
        verbose_name = _("poste visé")
        verbose_name_plural = _("postes visés")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["job_seeker", "appellation"], name="unique_target_job_per_seeker")
        ]


def period_latest_end(starts_on: datetime.date) -> datetime.date:
    """The last day of a PER of two months, as a signed PER reads: the day before the same date
    two months later (1 December → 31 January), or the last day of that month when it has no
    such date (31 December → 28/29 February). The database triggers of migration
    seekers.0007 compute exactly this."""
    same_day = add_months(starts_on, EngagementPeriod.MAX_MONTHS)
    if same_day.day != starts_on.day:  # Clamped: no such date in that month.
        return same_day
    return same_day - datetime.timedelta(days=1)


class EngagementPeriod(StructureOwned):
    """PER, période d'engagement réciproque: at most 2 months, at most 3 periods per cycle,
    never overlapping. The length and the overlap are checked by database triggers
    (migration seekers.0007) as well as by the services: no code path, the admin included,
    can write a PER that breaks them."""

    MAX_MONTHS = 2

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="periods", verbose_name=_("personne")
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    number = models.PositiveSmallIntegerField(_("numéro"))
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    status = models.CharField(
        _("état"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT
    )
    seeker_objectives = models.TextField(_("objectifs de la personne"))
    structure_objectives = models.TextField(_("objectifs de la structure"))
    first_action = models.TextField(_("première action engageante"), blank=True)
    first_action_by = models.CharField(
        _("faite par"), max_length=10, choices=FirstActionBy.choices, blank=True
    )
    first_action_on = models.DateField(_("faite le"), null=True, blank=True)
    signed_on = models.DateField(_("signée le"), null=True, blank=True)
    signature_method = models.CharField(
        _("signature"), max_length=10, choices=SignatureMethod.choices, blank=True
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signée pour la structure par"),
    )
    ended_on = models.DateField(_("terminée le"), null=True, blank=True)
    end_reason = models.CharField(
        _("motif de fin"), max_length=12, choices=PeriodEndReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("PER")
        verbose_name_plural = _("PER")
        ordering = ["cycle", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=MAX_PERIODS), name="per_number_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="per_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["job_seeker", "cycle", "number"], name="unique_per_number_in_cycle"
            ),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="per_cycle_from_1"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("starts_on")),
                name="per_ended_after_start",
            ),
            # A PER that ends early ends on that day; it never ends after its term.
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__lte=models.F("ends_on")),
                name="per_ended_by_term",
            ),
            models.UniqueConstraint(
                fields=["job_seeker"],
                condition=Q(status__in=[PeriodStatus.DRAFT, PeriodStatus.ACTIVE]),
                name="one_current_per_per_seeker",
            ),
            models.CheckConstraint(
                condition=~Q(status=PeriodStatus.ACTIVE) | Q(signed_on__isnull=False),
                name="active_per_is_signed",
            ),
            *(
                models.CheckConstraint(condition=day_in_bounds(field), name=f"per_{field}_plausible")
                for field in ("starts_on", "ends_on", "first_action_on", "signed_on", "ended_on")
            ),
        ]

    def __str__(self):
        return f"PER {self.number}" if self.cycle == 1 else f"PER {self.number} (cycle {self.cycle})"

    @property
    def latest_end(self) -> datetime.date:
        return period_latest_end(self.starts_on)

    @property
    def effective_end(self) -> datetime.date:
        return self.ended_on or self.ends_on

    def clean(self):
        # The same rules as the database triggers, as field errors for the admin's forms.
        from django.core.exceptions import ValidationError

        if not (self.starts_on and self.ends_on):
            return
        if self.ends_on > self.latest_end:
            raise ValidationError(
                {
                    "ends_on": _("Un PER dure deux mois au plus : il doit finir le %(day)s au plus tard.")
                    % {"day": self.latest_end.strftime("%d/%m/%Y")}
                }
            )
        if self.job_seeker_id and misplaced_periods(self).exists():
            raise ValidationError(
                {"starts_on": _("Un PER commence après la fin du précédent, sans chevaucher un autre PER.")}
            )


def misplaced_periods(period: EngagementPeriod):
    """The person's other PERs that this one's dates would overlap or put out of order (a PER
    starts on or after the end of the previous one: the day it ends early, else its term)."""
    earlier = Q(cycle__lt=period.cycle) | Q(cycle=period.cycle, number__lt=period.number)
    later = Q(cycle__gt=period.cycle) | Q(cycle=period.cycle, number__gt=period.number)
    return (
        EngagementPeriod.objects.filter(job_seeker_id=period.job_seeker_id)
        .exclude(pk=period.pk)
        .annotate(end=Coalesce("ended_on", "ends_on"))
        .filter(
            Q(starts_on__lt=period.effective_end, end__gt=period.starts_on)
            | earlier & Q(starts_on__gt=period.starts_on)
            | later & Q(starts_on__lt=period.starts_on)
        )
    )


class TripartiteReview(StructureOwned):
    """Bilan tripartite: after a third PER without employment, with the prescriber and the person."""

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("personne")
    )
    organisation = models.ForeignKey(
        "structures.PrescriberOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prescripteur"),
    )
    held_on = models.DateField(_("date"))
    outcome = models.CharField(_("décision"), max_length=20, choices=ReviewOutcome.choices)
    notes = models.TextField(_("compte rendu"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )

    class Meta:
        verbose_name = _("bilan tripartite")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=day_in_bounds("held_on"), name="review_held_on_plausible")
        ]


class Appointment(StructureOwned):
    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("personne")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("avec")
    )
    site = models.ForeignKey(
        "structures.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
    )
    starts_at = models.DateTimeField(_("date et heure"))
    purpose = models.CharField(_("objet"), max_length=200, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED
    )

    class Meta:
        verbose_name = _("rendez-vous")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["structure", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=moment_in_bounds("starts_at"), name="appointment_starts_at_plausible"
            )
        ]


class JournalEntry(StructureOwned):
    """Every action about a person, shown on their page. Written by services only."""

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="journal", verbose_name=_("personne")
    )
    kind = models.CharField(_("type"), max_length=20, choices=JournalKind.choices)
    occurred_at = models.DateTimeField(_("le"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur·e"),
    )
    # What happened, as an event code and its parameters (seekers/journal.py renders them in
    # the reader's language); `text` holds only what a person typed (a note, a call summary).
    event = models.CharField(_("événement"), max_length=40, blank=True)
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    text = models.TextField(_("texte"), blank=True)
    # Set when a company was contacted for this person ("quelles entreprises pour moi ?").
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entreprise"),
    )

    class Meta:
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("entrées du journal")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["job_seeker", "-occurred_at"])]
        constraints = [
            models.CheckConstraint(
                condition=moment_in_bounds("occurred_at"), name="journal_occurred_at_plausible"
            )
        ]

    @property
    def rendered(self) -> str:
        """The entry in the reader's language: the event's sentence, then any typed text."""
        from .journal import render_event

        sentence = render_event(self.event, self.params) if self.event else ""
        return "\n".join(part for part in (sentence, self.text) if part)
