"""What only the public side keeps: sign-in codes of the job seekers' app, sign-ups to contact."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accesdirect.core.models import StructureOwned, scoped_manager
from accesdirect.core.ranges import moment_in_bounds
from accesdirect.seekers.enums import SeekerStatus

# A code is good for 10 minutes (the SMS says so: messaging.templates) and 5 tries.
LOGIN_CODE_LIFETIME = datetime.timedelta(minutes=10)
LOGIN_CODE_MAX_ATTEMPTS = 5
# A person in the file may sign in to the app; one who left it may not (a new referral brings
# them back), and may sign up again instead.
SIGNED_IN_STATUSES = (SeekerStatus.REFERRED, SeekerStatus.ACTIVE)


class LoginCode(models.Model):
    """The one-time code last sent by SMS to a mobile number, to sign in to the job seekers' app.

    Only its keyed hash is stored (services.login_codes): a copy of the database does not give
    codes that work. A number has one code at a time: a new one replaces the previous one."""

    phone = models.CharField(_("téléphone mobile"), max_length=16, help_text=_("Format E.164"))
    job_seeker = models.ForeignKey(
        "seekers.JobSeeker", on_delete=models.CASCADE, related_name="+", verbose_name=_("personne")
    )
    code_hash = models.CharField(_("empreinte du code"), max_length=128)
    created_at = models.DateTimeField(_("envoyé le"))
    expires_at = models.DateTimeField(_("expire le"), db_index=True)
    # Every try counts, the right one too, before the comparison (services.login_codes).
    attempts = models.PositiveSmallIntegerField(_("essais"), default=0)
    used_at = models.DateTimeField(_("utilisé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("code de connexion")
        verbose_name_plural = _("codes de connexion")
        constraints = [
            # "A new code replaces the previous one" holds whatever writes, two sends at once too.
            models.UniqueConstraint(fields=["phone"], name="login_code_one_per_phone"),
            models.CheckConstraint(
                condition=Q(attempts__lte=LOGIN_CODE_MAX_ATTEMPTS), name="login_code_attempts_bounded"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="login_code_expires"
            ),
        ]

    def __str__(self):
        return f"{self.phone} ({self.created_at:%Y-%m-%d %H:%M})"


class LeadOutcome(models.TextChoices):
    CONTACTED = "contacted", _("Contacté·e")


class LeadQuerySet(models.QuerySet):
    def to_contact(self):
        return self.filter(handled_at__isnull=True)


class Lead(StructureOwned):
    """A person not yet accompanied who signed up in the app: the structure of their territory
    calls them back ("à contacter"), then opens their file through a referral if it fits.

    Their consent is kept as they saw it, word for word, with its date."""

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(pgettext_lazy("family name", "nom"), max_length=100)
    phone = models.CharField(_("téléphone mobile"), max_length=16, help_text=_("Format E.164"))
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    appellations = models.ManyToManyField(
        "referentials.Appellation", related_name="+", verbose_name=_("métiers souhaités")
    )
    consent_text = models.TextField(_("texte du consentement"))
    consented_at = models.DateTimeField(_("consentement donné le"))
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    outcome = models.CharField(_("suite donnée"), max_length=20, choices=LeadOutcome.choices, blank=True)

    objects = scoped_manager(LeadQuerySet)

    class Meta:
        verbose_name = _("inscription à contacter")
        verbose_name_plural = _("inscriptions à contacter")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["structure", "handled_at", "created_at"], name="portals_lead_to_contact")
        ]
        constraints = [
            # A person waits for one call, whichever structure's territory they signed up in.
            models.UniqueConstraint(
                fields=["phone"], condition=Q(handled_at__isnull=True), name="lead_one_open_per_phone"
            ),
            # Handled leads say how; open ones do not.
            models.CheckConstraint(
                condition=Q(handled_at__isnull=True, outcome="")
                | Q(handled_at__isnull=False) & ~Q(outcome=""),
                name="lead_handled_has_outcome",
            ),
            models.CheckConstraint(condition=~Q(consent_text=""), name="lead_has_consent_text"),
            *(
                models.CheckConstraint(condition=moment_in_bounds(field), name=f"lead_{field}_plausible")
                for field in ("consented_at", "handled_at")
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
