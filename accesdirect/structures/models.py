from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accesdirect.core.models import StructureOwned, scoped_manager

from .enums import PrescriberKind, Role


class Network(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    head_structure = models.ForeignKey(
        "Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tête de réseau"),
    )

    class Meta:
        verbose_name = _("réseau")

    def __str__(self):
        return self.name


class Structure(models.Model):
    """The tenant: an organisation that runs the method with the product."""

    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name=_("réseau"),
    )
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(unique=True)
    commune = models.ForeignKey(
        "referentials.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune du siège"),
    )
    sms_sender = models.CharField(_("émetteur des SMS"), max_length=11, blank=True)
    # Job seekers' app: a reservation with no meeting booked is released after this long.
    reservation_hold_hours = models.PositiveSmallIntegerField(
        _("durée d'une réservation sans rendez-vous (heures)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(14 * 24)],
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("structure")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reservation_hold_hours__gte=1, reservation_hold_hours__lte=14 * 24),
                name="structure_reservation_hold_plausible",
            )
        ]

    def __str__(self):
        return self.name


class Site(StructureOwned):
    name = models.CharField(_("nom"), max_length=200)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )

    class Meta:
        verbose_name = _("antenne")
        verbose_name_plural = _("antennes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: staff of a structure or a prescriber. Signs in with an email."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    phone = models.CharField(_("téléphone"), max_length=16, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")

    def __str__(self):
        return self.get_full_name() or self.email


class Membership(StructureOwned):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("utilisateur")
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.CRE)
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("antenne")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = scoped_manager()
    # Used by authentication only, before any scope exists.
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "structure"], name="one_membership_per_user_and_structure"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_staff(self) -> bool:
        return self.is_active

    @property
    def is_direction(self) -> bool:
        return self.is_active and self.role in (Role.DIRECTION, Role.NETWORK_HEAD)


class PrescriberOrganisation(StructureOwned):
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=PrescriberKind.choices)

    class Meta:
        verbose_name = _("prescripteur")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PrescriberMembership(StructureOwned):
    """A prescriber user (social worker, PLIE adviser) in an organisation."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="prescriber_memberships", verbose_name=_("utilisateur")
    )
    organisation = models.ForeignKey(
        PrescriberOrganisation,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("prescripteur"),
    )

    objects = scoped_manager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("membre d'un prescripteur")
        verbose_name_plural = _("membres d'un prescripteur")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_prescriber_membership")
        ]
