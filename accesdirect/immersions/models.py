"""Immersions (PMSMP, période de mise en situation en milieu professionnel).

An immersion is not an employment: the person stays accompanied, is never counted as back to
work, and their situation does not change, whatever its outcome. The row holds what the
official convention (Cerfa 13912) holds."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accesdirect.core.calendar import add_months
from accesdirect.core.models import StructureOwned, scoped_manager
from accesdirect.core.phones import normalize_mobile
from accesdirect.core.ranges import day_in_bounds

from .enums import ImmersionOutcome, ImmersionPurpose, ImmersionStatus

MAX_MONTHS = 1
# The longest month: the database backstop of the one-month rule (the exact rule, in months,
# is computed in Python by latest_end()).
MAX_DAYS_AFTER_START = 30
MAX_PER_COMPANY = 2
COMPANY_WINDOW_MONTHS = 12
MAX_HOURS_PER_WEEK = 48


def latest_end(starts_on: datetime.date) -> datetime.date:
    """The last day of an immersion of one month at most: the day before the same date a month
    later (1 March → 31 March, 15 March → 14 April), or the end of a shorter next month
    (30 January → 28 February)."""
    same_day_next_month = add_months(starts_on, MAX_MONTHS)
    if same_day_next_month.day != starts_on.day:
        return same_day_next_month  # clamped to the end of a shorter month
    return same_day_next_month - datetime.timedelta(days=1)


def exceeds_company_limit(starts: Iterable[datetime.date]) -> bool:
    """True when more than two of these start dates (immersions of one person with one
    company) fall within twelve months."""
    days = sorted(starts)
    return any(
        days[index + MAX_PER_COMPANY] < add_months(days[index], COMPANY_WINDOW_MONTHS)
        for index in range(len(days) - MAX_PER_COMPANY)
    )


class ImmersionQuerySet(models.QuerySet):
    def not_cancelled(self):
        return self.filter(cancelled_at__isnull=True)

    def company_limit_starts(
        self, *, job_seeker_id: int, company_id: int, around: datetime.date, exclude_pk: int | None = None
    ) -> list[datetime.date]:
        """The start dates that count with an immersion starting `around` towards the limit of
        two with the same company within twelve months (cancelled ones do not count)."""
        rows = self.not_cancelled().filter(
            job_seeker_id=job_seeker_id,
            company_id=company_id,
            starts_on__gt=add_months(around, -COMPANY_WINDOW_MONTHS),
            starts_on__lt=add_months(around, COMPANY_WINDOW_MONTHS),
        )
        if exclude_pk is not None:
            rows = rows.exclude(pk=exclude_pk)
        return list(rows.values_list("starts_on", flat=True))


class Immersion(StructureOwned):
    job_seeker = models.ForeignKey(
        "seekers.JobSeeker", on_delete=models.PROTECT, related_name="immersions", verbose_name=_("personne")
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="immersions",
        verbose_name=_("entreprise d'accueil"),
    )
    tutor_name = models.CharField(_("tuteur ou tutrice"), max_length=200)
    tutor_role = models.CharField(_("fonction du tuteur"), max_length=200, blank=True)
    # E.164: the end-of-immersion review is asked of the tutor by SMS.
    tutor_phone = models.CharField(_("mobile du tuteur"), max_length=16)
    tutor_email = models.EmailField(_("e-mail du tuteur"), blank=True)
    prescriber = models.ForeignKey(
        "structures.PrescriberOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prescripteur"),
    )
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    hours_per_week = models.DecimalField(
        _("heures par semaine"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    schedule = models.TextField(_("horaires"), blank=True)
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    address = models.CharField(_("adresse du lieu"), max_length=300, blank=True)
    purpose = models.CharField(_("objet"), max_length=20, choices=ImmersionPurpose.choices)
    appellation = models.ForeignKey(
        "referentials.Appellation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("métier observé (ROME)"),
    )
    objectives = models.TextField(_("objectifs"))
    tasks = models.TextField(_("activités et tâches confiées"))
    assessment = models.TextField(_("modalités d'évaluation"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("prévue par")
    )
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("annulée par"),
    )
    review = models.TextField(_("bilan du tuteur"), blank=True)
    reviewed_on = models.DateField(_("bilan fait le"), null=True, blank=True)
    outcome = models.CharField(_("suite donnée"), max_length=20, choices=ImmersionOutcome.choices, blank=True)
    outcome_on = models.DateField(_("suite donnée le"), null=True, blank=True)

    objects = scoped_manager(ImmersionQuerySet)

    class Meta:
        verbose_name = _("immersion")
        verbose_name_plural = _("immersions")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["job_seeker", "company", "starts_on"]),
            # The scheduler of tutor reviews: immersions ending soon.
            models.Index(fields=["ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="immersion_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__lte=F("starts_on") + datetime.timedelta(days=MAX_DAYS_AFTER_START)),
                name="immersion_lasts_a_month_at_most",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=False) | ~Q(schedule=""), name="immersion_has_hours"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gt=0, hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="immersion_hours_per_week_in_range",
            ),
            models.CheckConstraint(
                condition=Q(review="", reviewed_on__isnull=True)
                | (~Q(review="") & Q(reviewed_on__isnull=False)),
                name="immersion_review_has_date",
            ),
            models.CheckConstraint(
                condition=Q(outcome="", outcome_on__isnull=True)
                | (~Q(outcome="") & Q(outcome_on__isnull=False)),
                name="immersion_outcome_has_date",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True, cancelled_by__isnull=True)
                | Q(cancelled_at__isnull=False, cancelled_by__isnull=False),
                name="immersion_cancellation_has_author",
            ),
            # Plausible values only (core.ranges); the end follows the start within a month.
            *(
                models.CheckConstraint(condition=day_in_bounds(field), name=f"immersion_{field}_plausible")
                for field in ("starts_on", "reviewed_on", "outcome_on")
            ),
        ]

    def __str__(self):
        return gettext("Immersion de %(person)s chez %(company)s") % {
            "person": self.job_seeker,
            "company": self.company,
        }

    def get_absolute_url(self):
        return reverse("immersions:detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def status_on(self, today: datetime.date) -> ImmersionStatus:
        if self.is_cancelled:
            return ImmersionStatus.CANCELLED
        if today < self.starts_on:
            return ImmersionStatus.PLANNED
        if today <= self.ends_on:
            return ImmersionStatus.ONGOING
        return ImmersionStatus.ENDED

    @property
    def latest_end(self) -> datetime.date:
        return latest_end(self.starts_on)

    def company_limit_reached(self) -> bool:
        """Would this immersion be a third one of the person with the company within twelve
        months? (Immersions.services serialises the check by locking the person's row.)"""
        starts = Immersion.objects.company_limit_starts(
            job_seeker_id=self.job_seeker_id,
            company_id=self.company_id,
            around=self.starts_on,
            exclude_pk=self.pk,
        )
        return exceeds_company_limit([*starts, self.starts_on])

    def clean(self):
        """The rules of one convention, for the admin and the forms (the services apply them too)."""
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = gettext("La fin de l'immersion ne peut pas précéder son début.")
            elif self.ends_on > self.latest_end:
                errors["ends_on"] = duration_error(self.starts_on)
        if self.hours_per_week is None and not self.schedule.strip():
            errors["hours_per_week"] = gettext("Indiquez les heures par semaine ou les horaires.")
        if self.tutor_phone:
            try:
                self.tutor_phone = normalize_mobile(self.tutor_phone)
            except ValidationError as exc:
                errors["tutor_phone"] = exc.messages[0]
        if (
            not errors
            and self.starts_on
            and self.job_seeker_id
            and self.company_id
            and not self.is_cancelled
            and self.company_limit_reached()
        ):
            errors["starts_on"] = company_limit_error()
        if errors:
            raise ValidationError(errors)


def duration_error(starts_on: datetime.date) -> str:
    return gettext(
        "Une immersion dure un mois au plus : commencée le %(start)s, elle finit au plus tard le %(end)s."
    ) % {"start": starts_on.strftime("%d/%m/%Y"), "end": latest_end(starts_on).strftime("%d/%m/%Y")}


def company_limit_error() -> str:
    return gettext(
        "Cette personne a déjà fait deux immersions dans cette entreprise sur douze mois : "
        "une troisième n'est pas possible sur cette période."
    )
