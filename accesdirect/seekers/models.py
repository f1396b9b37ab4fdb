import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from accesdirect.core.models import StructureOwned, scoped_manager

from .enums import (
    AppointmentStatus,
    Availability,
    EducationLevel,
    FirstActionBy,
    JournalKind,
    PeriodStatus,
    Programme,
    ReviewOutcome,
    SeekerStatus,
    SignatureMethod,
    WorkingTime,
)

MAX_PERIODS = 3
MIN_TARGET_JOBS = 3


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

    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    phone = models.CharField("téléphone mobile", max_length=16, blank=True, help_text="Format E.164")
    email = models.EmailField("e-mail", blank=True)
    commune = models.ForeignKey("referentials.Commune", on_delete=models.PROTECT, related_name="+")
    site = models.ForeignKey(
        "structures.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    driving_licence = models.BooleanField("permis B", default=False)
    has_vehicle = models.BooleanField("véhicule", default=False)
    max_commute_km = models.PositiveSmallIntegerField(
        "trajet maximum (km)",
        null=True,
        blank=True,
        help_text="Vide : selon la mobilité (voiture 35 km, permis sans voiture 12 km, sans permis 8 km).",
    )
    # The person's wishes, read by matching ("conditions") and its hard filters.
    wanted_contracts = models.JSONField(
        "contrats souhaités", default=list, blank=True, help_text="Vide : tout contrat."
    )
    wanted_working_time = models.CharField(
        "temps de travail souhaité", max_length=10, choices=WorkingTime.choices, default=WorkingTime.ANY
    )
    unavailable_conditions = models.JSONField(
        "conditions impossibles pour la personne", default=list, blank=True
    )
    availability = models.CharField(
        "disponibilité", max_length=20, choices=Availability.choices, default=Availability.IMMEDIATE
    )
    education_level = models.CharField(
        "niveau de formation", max_length=10, choices=EducationLevel.choices, default=EducationLevel.NONE
    )
    programme = models.CharField("dispositif", max_length=10, choices=Programme.choices)
    unemployed_since = models.DateField("sans emploi depuis", null=True, blank=True)
    rsa_since = models.DateField("au RSA depuis", null=True, blank=True)
    wishes = models.TextField("souhaits, avec ses mots", blank=True)
    know_how = models.TextField("savoir-faire, avec ses mots", blank=True)
    status = models.CharField(
        "situation", max_length=10, choices=SeekerStatus.choices, default=SeekerStatus.REFERRED, db_index=True
    )
    needs_tripartite_review = models.BooleanField("bilan tripartite à faire", default=False)

    objects = scoped_manager(JobSeekerQuerySet)

    class Meta:
        verbose_name = "chercheur d'emploi"
        verbose_name_plural = "chercheurs d'emploi"
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["structure", "status", "last_name"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Referral(StructureOwned):
    """A prescription: a prescriber refers a person. Every referred person is taken."""

    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        "structures.PrescriberOrganisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name="prescripteur",
    )
    prescriber_name = models.CharField("référent·e", max_length=200, blank=True)
    programme = models.CharField("dispositif", max_length=10, choices=Programme.choices)
    referred_on = models.DateField("prescrit le")
    accepted_on = models.DateField("acceptée le", null=True, blank=True)
    intake_on = models.DateField("date d'accueil", null=True, blank=True)
    notes = models.TextField("observations", blank=True)

    class Meta:
        verbose_name = "prescription"
        ordering = ["-referred_on"]


class Intake(StructureOwned):
    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="intakes")
    held_on = models.DateField("date")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField("écoute, points clés", blank=True)
    frame_explained = models.BooleanField("cadre expliqué", default=False)
    agreed_to_engage = models.BooleanField("accord pour s'engager", default=False)
    completed_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "accueil"
        ordering = ["-held_on"]


class TargetJob(StructureOwned):
    """A realistic target job (poste visé): a ROME appellation in an area."""

    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="target_jobs")
    appellation = models.ForeignKey("referentials.Appellation", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, related_name="+", verbose_name="secteur"
    )
    has_experience = models.BooleanField("déjà exercé", default=False)

    class Meta:
        verbose_name = "poste visé"
        verbose_name_plural = "postes visés"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["job_seeker", "appellation"], name="unique_target_job_per_seeker")
        ]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of a shorter month (31 Dec + 2 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month_first = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month_first - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


class EngagementPeriod(StructureOwned):
    """PER, période d'engagement réciproque: at most 2 months, at most 3 periods."""

    MAX_MONTHS = 2

    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField("numéro")
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    status = models.CharField("état", max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)
    seeker_objectives = models.TextField("objectifs de la personne")
    structure_objectives = models.TextField("objectifs de la structure")
    first_action = models.TextField("première action engageante", blank=True)
    first_action_by = models.CharField("faite par", max_length=10, choices=FirstActionBy.choices, blank=True)
    first_action_on = models.DateField("faite le", null=True, blank=True)
    signed_on = models.DateField("signée le", null=True, blank=True)
    signature_method = models.CharField(
        "signature", max_length=10, choices=SignatureMethod.choices, blank=True
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="signée pour la structure par",
    )
    ended_on = models.DateField("terminée le", null=True, blank=True)

    class Meta:
        verbose_name = "PER"
        verbose_name_plural = "PER"
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=MAX_PERIODS), name="per_number_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="per_ends_after_start"
            ),
            models.UniqueConstraint(fields=["job_seeker", "number"], name="unique_per_number"),
            models.UniqueConstraint(
                fields=["job_seeker"],
                condition=Q(status__in=[PeriodStatus.DRAFT, PeriodStatus.ACTIVE]),
                name="one_current_per_per_seeker",
            ),
            models.CheckConstraint(
                condition=~Q(status=PeriodStatus.ACTIVE) | Q(signed_on__isnull=False),
                name="active_per_is_signed",
            ),
        ]

    def __str__(self):
        return f"PER {self.number}"

    @property
    def latest_end(self) -> datetime.date:
        return add_months(self.starts_on, self.MAX_MONTHS)


class TripartiteReview(StructureOwned):
    """Bilan tripartite: after a third PER without employment, with the prescriber and the person."""

    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="reviews")
    organisation = models.ForeignKey(
        "structures.PrescriberOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="prescripteur",
    )
    held_on = models.DateField("date")
    outcome = models.CharField("décision", max_length=20, choices=ReviewOutcome.choices)
    notes = models.TextField("compte rendu", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "bilan tripartite"
        ordering = ["-held_on"]


class Appointment(StructureOwned):
    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="appointments")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="avec"
    )
    site = models.ForeignKey(
        "structures.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField("date et heure")
    purpose = models.CharField("objet", max_length=200, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED
    )

    class Meta:
        verbose_name = "rendez-vous"
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["structure", "starts_at"])]


class JournalEntry(StructureOwned):
    """Every action about a person, shown on their page. Written by services only."""

    job_seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="journal")
    kind = models.CharField("type", max_length=20, choices=JournalKind.choices)
    occurred_at = models.DateTimeField("le")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField("texte")
    # Set when a company was contacted for this person ("quelles entreprises pour moi ?").
    company = models.ForeignKey(
        "companies.Company", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "entrée du journal"
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["job_seeker", "-occurred_at"])]
