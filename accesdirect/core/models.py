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


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En préparation")
    DONE = "done", _("Prêt")
    FAILED = "failed", _("Échec")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (XLSX)")


class ExportJob(StructureOwned):
    """A long export (a list of more rows than a page can wait for) written by the worker
    (accesdirect.core.export_jobs). The file is kept outside the static and media folders, under
    settings.EXPORTS_DIR, served only to the person who asked for it, and deleted when it
    expires. `params` are the list's filters as they were in the page's address."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("demandé par")
    )
    kind = models.CharField(_("liste"), max_length=40)
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    params = models.JSONField(_("filtres"), default=dict, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    row_count = models.PositiveIntegerField(_("lignes"), null=True, blank=True)
    file_name = models.CharField(_("fichier"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ExportStatus.values), name="exportjob_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=ExportFormat.values), name="exportjob_format_valid"
            ),
            # A ready export has its file, its end and its expiry: the download view relies on them.
            models.CheckConstraint(
                condition=~models.Q(status=ExportStatus.DONE)
                | (
                    ~models.Q(file_name="")
                    & models.Q(finished_at__isnull=False, expires_at__isnull=False, row_count__isnull=False)
                ),
                name="exportjob_done_has_file",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="core_exportjob_status_idx"),
            models.Index(fields=["requested_by", "-created_at"], name="core_exportjob_user_idx"),
        ]

    def __str__(self):
        return f"{self.kind}.{self.format}"
