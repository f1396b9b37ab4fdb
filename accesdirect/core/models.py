"""Base models. Every domain row belongs to one structure (the tenant) and is read
through the structure scope (django-scopes): a query made without an active scope raises
ScopeError instead of silently returning another structure's data."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def scoped_manager(queryset_class: type[models.QuerySet] = models.QuerySet):
    """The default manager of structure-owned models, with the model's queryset methods."""
    return ScopedManager(structure="structure", _manager_class=models.Manager.from_queryset(queryset_class))


class StructureOwned(models.Model):
    structure = models.ForeignKey(
        "structures.Structure", on_delete=models.PROTECT, related_name="+", verbose_name=_("structure")
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)

    objects = scoped_manager()

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One line of the audit trail: who did what to which object, and when.

    Written by `accesdirect.core.audit.audit_record` inside the service's transaction. It
    stores a stable action code and parameters, never a sentence: each reader sees it in their
    own language. The target is kept as type + id + label so that the line survives the
    deletion of the object (and the actor's name survives the deletion of the account).

    Not StructureOwned: platform-level actions have no structure. The scoped manager still
    applies, so a structure's page only ever reads its own lines.
    """

    structure = models.ForeignKey(
        "structures.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("structure"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    actor_label = models.CharField(_("nom de l'auteur"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=64)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("type d'objet"),
    )
    target_id = models.BigIntegerField(_("identifiant de l'objet"), null=True, blank=True)
    target_label = models.CharField(_("objet"), max_length=200, blank=True)
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    at = models.DateTimeField(_("le"), default=timezone.now)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("action journalisée")
        verbose_name_plural = _("actions journalisées")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["structure", "-at"], name="core_audit_structure_at_idx"),
            models.Index(fields=["target_type", "target_id"], name="core_audit_target_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or '-'} {self.action} {self.target_label}"


class DataVersion(models.Model):
    """A token that changes with every change of a structure's people, target jobs, offers,
    positionings, employments or refusals (accesdirect.core.versions): readers that keep what
    they computed from those rows between requests compare it, one indexed read, instead of
    reading the rows again. A structure whose data never changed through the services has no
    row yet."""

    structure = models.OneToOneField(
        "structures.Structure",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("structure"),
    )
    # Random, not a counter: a token is never given twice, even to a structure id reused after
    # a rolled-back transaction (SQLite), so that nothing kept under an old token is read back.
    token = models.UUIDField(_("jeton"), default=uuid.uuid4)

    class Meta:
        verbose_name = _("version des données d'une structure")
        verbose_name_plural = _("versions des données des structures")

    def __str__(self):
        return f"{self.structure_id}: {self.token}"


class RateCounter(models.Model):
    """How many times something was done under one key (an IP address, an e-mail address, a
    SIRET, a mobile number) in one fixed window of time (accesdirect.core.throttle). In the
    database, not in a process's memory: the limit holds across the web workers and servers,
    on SQLite and PostgreSQL alike."""

    key = models.CharField(_("clé"), max_length=200)
    window_start = models.DateTimeField(_("début de la fenêtre"))
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("compteur de limite")
        verbose_name_plural = _("compteurs de limite")
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratecounter_one_per_window"),
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self):
        return f"{self.key} @ {self.window_start}: {self.count}"
