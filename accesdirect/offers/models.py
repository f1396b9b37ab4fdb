import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accesdirect.core.calendar import add_months, paris_today
from accesdirect.core.models import StructureOwned, scoped_manager
from accesdirect.core.ranges import (
    MAX_CONTRACT_MONTHS,
    MAX_HOURS_PER_WEEK,
    MIN_HOURS_PER_WEEK,
    day_in_bounds,
    moment_in_bounds,
)

from .enums import (
    ACTIVE_POSITIONING_STATUSES,
    Contract,
    EmploymentEndReason,
    OfferSource,
    OfferStatus,
    PositioningCloseReason,
    PositioningStatus,
)

DURABLE_CDD_MONTHS = 6
# Survival in employment (reporting.survival, the study's "80% still in a job four years
# later"): the follow-ups due this many months after a start ask whether the person is still
# in a job, any job, with the same employer or another.
SURVIVAL_MONTHS = (6, 12, 24, 48)


def is_durable(
    contract: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    *,
    six_months_or_more: bool = False,
) -> bool:
    """Emploi durable: a CDI, or a CDD of more than 6 months (the study's definition). With
    `six_months_or_more`, a CDD of exactly six months counts too (some funders' definition).
    Computed from the stored contract and dates, never stored itself."""
    if contract == Contract.CDI:
        return True
    if contract == Contract.CDD and ends_on is not None:
        # A CDD from 1 January to 30 June lasts six months: its end is the day before the
        # same date six months later.
        six_months_end = add_months(starts_on, DURABLE_CDD_MONTHS) - datetime.timedelta(days=1)
        return ends_on >= six_months_end if six_months_or_more else ends_on > six_months_end
    return False


def hours_in_range() -> Q:
    return Q(hours_per_week__gte=MIN_HOURS_PER_WEEK, hours_per_week__lte=MAX_HOURS_PER_WEEK)


class OfferQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=OfferStatus.OPEN)

    def search(self, text: str):
        query = Q()
        for word in text.split():
            query &= Q(title__icontains=word) | Q(company__name__icontains=word)
        return self.filter(query)


class EmploymentQuerySet(models.QuerySet):
    def current(self, day: datetime.date):
        """The jobs people are in on `day`: started, no end recorded before it, planned end
        (if any) not passed. The same definition as Employment.is_current."""
        return self.filter(
            Q(starts_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        )


class Offer(StructureOwned):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="offers", verbose_name=_("entreprise")
    )
    # Empty only for an offer sent by a company that no CRE follows yet ("à confirmer", in the
    # structure's pool): the CRE who confirms it becomes its captor.
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recueillie par"),
    )
    # Today in Paris, not the server's date.today() (a server in UTC is a day behind after midnight).
    captured_on = models.DateField(_("recueillie le"), default=paris_today)
    appellation = models.ForeignKey(
        "referentials.Appellation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("métier (ROME)"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    contract = models.CharField(_("contrat"), max_length=12, choices=Contract.choices)
    duration_months = models.PositiveSmallIntegerField(_("durée (mois)"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("heures par semaine"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    commune = models.ForeignKey("referentials.Commune", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("début"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    conditions = models.TextField(_("conditions (permis, horaires…)"), blank=True)
    requires_driving_licence = models.BooleanField(_("permis B exigé"), default=False)
    # Values of seekers.enums.WorkCondition: matching leaves out people who cannot meet one.
    work_conditions = models.JSONField(_("conditions de travail"), default=list, blank=True)
    source = models.CharField(
        _("origine"), max_length=20, choices=OfferSource.choices, default=OfferSource.PROSPECTION
    )
    status = models.CharField(
        _("état"), max_length=12, choices=OfferStatus.choices, default=OfferStatus.OPEN, db_index=True
    )

    objects = scoped_manager(OfferQuerySet)

    class Meta:
        verbose_name = _("offre")
        ordering = ["-captured_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(contract=Contract.CDD) | Q(duration_months__isnull=False),
                name="cdd_offer_has_duration",
            ),
            # An offer sent by a company has no captor until a CRE confirms it; one of the pool
            # that nobody confirmed in time expires so (offers.expiry), still without one.
            models.CheckConstraint(
                condition=Q(captured_by__isnull=False)
                | Q(status__in=[OfferStatus.TO_CONFIRM, OfferStatus.EXPIRED]),
                name="offer_captured_by_unless_to_confirm",
            ),
            # Plausible values only (core.ranges): no page has to read year 9999 or 32,768 months.
            *(
                models.CheckConstraint(condition=day_in_bounds(field), name=f"offer_{field}_plausible")
                for field in ("captured_on", "starts_on")
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1, duration_months__lte=MAX_CONTRACT_MONTHS),
                name="offer_duration_months_plausible",
            ),
            models.CheckConstraint(condition=hours_in_range(), name="offer_hours_per_week_plausible"),
        ]
        indexes = [
            models.Index(fields=["structure", "status", "-captured_on"]),
            # The list of offers, newest first: a page read from the index, not a sort of them all.
            models.Index(fields=["structure", "-captured_on", "-id"]),
        ]

    def __str__(self):
        return f"{self.title} – {self.company}"

    def get_absolute_url(self):
        return reverse("offers:detail", args=[self.pk])


class Positioning(StructureOwned):
    """Proposition de poste: one offer, one person (principle B)."""

    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="positionings", verbose_name=_("offre")
    )
    job_seeker = models.ForeignKey(
        "seekers.JobSeeker", on_delete=models.PROTECT, related_name="positionings", verbose_name=_("personne")
    )
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("présentée par")
    )
    status = models.CharField(
        _("étape"), max_length=20, choices=PositioningStatus.choices, default=PositioningStatus.PROPOSED
    )
    interview_at = models.DateTimeField(_("entretien le"), null=True, blank=True)
    # A reservation from the job seekers' app: held until then, unless a meeting is booked.
    held_until = models.DateTimeField(_("réservée jusqu'au"), null=True, blank=True)
    ended_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    closed_reason = models.CharField(
        _("motif de clôture"), max_length=30, choices=PositioningCloseReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("positionnement")
        ordering = ["-created_at"]
        constraints = [
            # The database itself keeps the market of an offer closed while one person is on it.
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(status__in=ACTIVE_POSITIONING_STATUSES),
                name="one_active_positioning_per_offer",
            ),
            models.CheckConstraint(
                condition=moment_in_bounds("interview_at"), name="positioning_interview_at_plausible"
            ),
            models.CheckConstraint(
                condition=moment_in_bounds("held_until"), name="positioning_held_until_plausible"
            ),
        ]
        indexes = [
            # Holds to expire: the scheduler reads the reservations past their term.
            models.Index(
                fields=["held_until"],
                condition=Q(status=PositioningStatus.RESERVED),
                name="positioning_reserved_holds",
            ),
        ]

    def __str__(self):
        return f"{self.job_seeker} → {self.offer}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_POSITIONING_STATUSES


class PositioningStep(StructureOwned):
    positioning = models.ForeignKey(
        Positioning, on_delete=models.CASCADE, related_name="steps", verbose_name=_("positionnement")
    )
    status = models.CharField(_("étape"), max_length=20, choices=PositioningStatus.choices)
    at = models.DateTimeField(_("le"))
    # Empty when the person did it in the job seekers' app (a reservation, its cancellation) or
    # when the product did (a hold that expired).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("étape de positionnement")
        ordering = ["at", "pk"]


class Employment(StructureOwned):
    """Mise à l'emploi, from a positioning or declared (found by the person themselves)."""

    job_seeker = models.ForeignKey(
        "seekers.JobSeeker", on_delete=models.PROTECT, related_name="employments", verbose_name=_("personne")
    )
    positioning = models.OneToOneField(
        Positioning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employment",
        verbose_name=_("positionnement"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employments",
        verbose_name=_("entreprise"),
    )
    employer_name = models.CharField(_("employeur"), max_length=200)
    job_title = models.CharField(_("poste"), max_length=200)
    contract = models.CharField(_("contrat"), max_length=12, choices=Contract.choices)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin prévue"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("heures par semaine"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # What really happened: the job ended on that day, for that reason (the person is then
    # "without a job" again). A CDD that reaches its planned end is recorded the same way.
    ended_on = models.DateField(_("fin effective"), null=True, blank=True)
    end_reason = models.CharField(
        _("motif de fin"), max_length=20, choices=EmploymentEndReason.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("saisi par")
    )

    objects = scoped_manager(EmploymentQuerySet)

    class Meta:
        verbose_name = _("emploi")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="employment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(contract=Contract.CDD) | Q(ends_on__isnull=False), name="cdd_employment_has_end"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False, ended_on__gte=models.F("starts_on")) & ~Q(end_reason=""),
                name="employment_end_has_reason_after_start",
            ),
            *(
                models.CheckConstraint(condition=day_in_bounds(field), name=f"employment_{field}_plausible")
                for field in ("starts_on", "ends_on", "ended_on")
            ),
            models.CheckConstraint(condition=hours_in_range(), name="employment_hours_per_week_plausible"),
        ]

    def __str__(self):
        return f"{self.job_title} – {self.employer_name}"

    @property
    def is_durable(self) -> bool:
        return is_durable(self.contract, self.starts_on, self.ends_on)

    def is_current(self, day: datetime.date) -> bool:
        """In this job on `day`: started, not ended, and its planned end (if any) not passed."""
        if self.starts_on > day or (self.ended_on is not None and self.ended_on < day):
            return False
        return self.ends_on is None or self.ends_on >= day

    def survival_due_dates(self) -> dict[datetime.date, int]:
        """Due day → months after the start, of this job's follow-ups of survival in employment."""
        return {add_months(self.starts_on, months): months for months in SURVIVAL_MONTHS}


class JobFollowUp(StructureOwned):
    """Suivi dans le poste: planned check-ins after a start.

    Two sorts, told apart by their due day, not by a stored field: the short check-ins in the
    post (a week, a month: "is it going well?") and the follow-ups of survival in employment
    (Employment.survival_due_dates: "still in a job, any job?"), due on exactly the start +
    6, 12, 24 or 48 months. The report (reporting.survival) reads the answers by that same
    rule, so one definition serves the plan, the end of a job, the SMS and the figures; a
    stored kind would need a backfill and could disagree with the report."""

    employment = models.ForeignKey(
        Employment, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("emploi")
    )
    due_on = models.DateField(_("prévu le"))
    done_on = models.DateField(_("fait le"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    going_well = models.BooleanField(_("tout se passe bien"), null=True)
    # Survival in employment (reporting.survival): asked at 6, 12, 24 and 48 months after the
    # start, whatever the job of the day. Unknown (NULL) until somebody answers.
    still_employed = models.BooleanField(_("toujours en emploi"), null=True)
    same_employer = models.BooleanField(_("chez le même employeur"), null=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("suivi dans l'emploi")
        ordering = ["due_on"]
        constraints = [
            *(
                models.CheckConstraint(condition=day_in_bounds(field), name=f"follow_up_{field}_plausible")
                for field in ("due_on", "done_on")
            ),
            # "Same employer or not" is asked only of a person still in a job.
            models.CheckConstraint(
                condition=models.Q(same_employer__isnull=True) | models.Q(still_employed=True),
                name="follow_up_same_employer_only_in_a_job",
            ),
        ]

    @property
    def is_survival(self) -> bool:
        """A follow-up of survival in employment, asked whether the job lasts or not (reads
        `employment`: select it with the follow-up)."""
        return self.due_on in self.employment.survival_due_dates()


class MeetingSlot(StructureOwned):
    """A time a CRE publishes for meetings with people who reserved one of their offers (job
    seekers' app). Booked once: the conditional update that books it and the unique
    positioning below are the same guarantee as one offer, one person."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("CRE")
    )
    starts_at = models.DateTimeField(_("début"))
    minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=30)
    site = models.ForeignKey(
        "structures.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
    )
    positioning = models.OneToOneField(
        Positioning,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_slot",
        verbose_name=_("réservation"),
    )
    booked_at = models.DateTimeField(_("réservé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("créneau de rendez-vous")
        verbose_name_plural = _("créneaux de rendez-vous")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "starts_at"], name="one_slot_per_staff_and_time"),
            models.CheckConstraint(condition=moment_in_bounds("starts_at"), name="slot_starts_at_plausible"),
            models.CheckConstraint(
                condition=Q(minutes__gte=5, minutes__lte=240), name="slot_minutes_plausible"
            ),
            models.CheckConstraint(
                condition=Q(positioning__isnull=True) | Q(booked_at__isnull=False),
                name="slot_booked_at_when_booked",
            ),
        ]
        indexes = [models.Index(fields=["staff", "starts_at"])]

    def __str__(self):
        return f"{self.staff} – {self.starts_at:%Y-%m-%d %H:%M}"
