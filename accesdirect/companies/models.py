from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accesdirect.core.models import StructureOwned, scoped_manager
from accesdirect.core.ranges import day_in_bounds, moment_in_bounds

from .enums import ContactKind, ContactOutcome, Relationship, SizeBand


class CompanyQuerySet(models.QuerySet):
    def search(self, text: str):
        query = Q()
        for word in text.split():
            query &= Q(name__icontains=word) | Q(siret__startswith=word)
        return self.filter(query)

    def with_last_contact(self):
        # A subquery per company shown, not a join and GROUP BY over every contact of the
        # structure before the page is cut (150 ms at 30,000 contacts).
        latest = CompanyContact.objects.filter(company=OuterRef("pk")).order_by("-occurred_at")
        return self.annotate(last_contact_at=Subquery(latest.values("occurred_at")[:1]))

    def with_next_follow_up(self):
        """The follow-up date asked by the latest contact: a later contact settles an earlier one."""
        latest = CompanyContact.objects.filter(company=OuterRef("pk")).order_by("-occurred_at", "-pk")
        return self.annotate(next_follow_up_on=Subquery(latest.values("next_follow_up_on")[:1]))

    def follow_up_due(self, today):
        return self.with_next_follow_up().filter(next_follow_up_on__lte=today)

    def followed_by(self, user):
        return self.filter(followed_by=user)


class Company(StructureOwned):
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    name = models.CharField(_("raison sociale"), max_length=200)
    naf = models.ForeignKey(
        "referentials.NafCode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("code NAF"),
    )
    size_band = models.CharField(_("effectif"), max_length=10, choices=SizeBand.choices, blank=True)
    commune = models.ForeignKey("referentials.Commune", on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    relationship = models.CharField(
        _("relation"),
        max_length=10,
        choices=Relationship.choices,
        default=Relationship.PROSPECT,
        db_index=True,
    )
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suivie par"),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = scoped_manager(CompanyQuerySet)

    class Meta:
        verbose_name = _("entreprise")
        verbose_name_plural = _("entreprises")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "siret"], condition=~Q(siret=""), name="unique_siret_per_structure"
            )
        ]
        # The list of companies, by name: a page read from the index, not a sort of them all.
        indexes = [models.Index(fields=["structure", "name", "id"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("companies:detail", args=[self.pk])


class CompanyPerson(StructureOwned):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="people", verbose_name=_("entreprise")
    )
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("interlocuteur")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CompanyContact(StructureOwned):
    """A contact event with a company (principle A, "aller-vers")."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("entreprise")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )
    person = models.ForeignKey(
        CompanyPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avec"),
    )
    kind = models.CharField(_("type"), max_length=10, choices=ContactKind.choices)
    occurred_at = models.DateTimeField(_("le"))
    outcome = models.CharField(_("résultat"), max_length=20, choices=ContactOutcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    next_follow_up_on = models.DateField(_("relance le"), null=True, blank=True)
    # The people this contact was made for: it appears in their journal.
    job_seekers = models.ManyToManyField(
        "seekers.JobSeeker", blank=True, related_name="+", verbose_name=_("pour")
    )

    class Meta:
        verbose_name = _("contact entreprise")
        verbose_name_plural = _("contacts entreprise")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["structure", "-occurred_at"]),
            # Last contact of a company, and "a later contact exists" for follow-ups.
            models.Index(fields=["company", "-occurred_at"]),
            models.Index(fields=["structure", "next_follow_up_on"]),
        ]
        constraints = [
            # Plausible values only (core.ranges): no page has to read year 1 or year 9999.
            models.CheckConstraint(
                condition=moment_in_bounds("occurred_at"), name="contact_occurred_at_plausible"
            ),
            models.CheckConstraint(
                condition=day_in_bounds("next_follow_up_on"), name="contact_next_follow_up_on_plausible"
            ),
        ]
