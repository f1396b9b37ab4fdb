from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accesdirect.core.models import StructureOwned, scoped_manager

from .enums import Channel, MessageKind, MessageStatus, OptOutSource, Reply, Subject


class MessageQuerySet(models.QuerySet):
    def about(self, subject: str, subject_id: int):
        return self.filter(subject=subject, subject_id=subject_id)


class Message(StructureOwned):
    """The outbox: one row per logical message, the source of truth of what was sent.

    Written in the same transaction as the business change that causes it; sent later by the
    worker. The idempotency key makes re-triggering the same event a no-op."""

    channel = models.CharField(_("canal"), max_length=5, choices=Channel.choices)
    kind = models.CharField(_("type"), max_length=40, choices=MessageKind.choices)
    recipient = models.CharField(_("destinataire"), max_length=254)
    subject = models.CharField(_("concerne"), max_length=12, choices=Subject.choices, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    email_subject = models.CharField(_("objet"), max_length=200, blank=True)
    body = models.TextField(_("texte"))
    segments = models.PositiveSmallIntegerField(_("segments SMS"), default=0)
    urgent = models.BooleanField(_("urgent"), default=False, help_text=_("Ignore les heures calmes"))
    essential = models.BooleanField(_("essentiel"), default=False, help_text=_("Envoyé même après un STOP"))
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        _("état"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) just before the provider is called: after a crash, a message with
    # handed_at may have been accepted by the provider, one without it was never sent.
    handed_at = models.DateTimeField(null=True, blank=True)
    provider = models.CharField(_("fournisseur"), max_length=20, blank=True)
    provider_message_id = models.CharField(max_length=100, blank=True, db_index=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("distribué le"), null=True, blank=True)
    receipt_at = models.DateTimeField(null=True, blank=True)
    undelivered_flagged = models.BooleanField(_("non distribué après 24 h"), default=False)
    # The person's OUI/AUTRE/NON answer by SMS (job follow-ups), null while they have not answered.
    reply = models.CharField(_("réponse"), max_length=5, choices=Reply.choices, null=True, blank=True)
    replied_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    objects = scoped_manager(MessageQuerySet)
    # The worker and webhooks serve every structure: they work outside any request scope.
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("message")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="queued"), name="message_due_idx"),
            # The few messages in flight, read by every worker's recovery every few seconds.
            models.Index(fields=["claimed_at"], condition=Q(status="sending"), name="message_sending_idx"),
            models.Index(fields=["subject", "subject_id"], name="message_subject_idx"),
            models.Index(fields=["structure", "-created_at"], name="message_structure_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"


class DeliveryEvent(models.Model):
    """A delivery receipt as received (kept to audit repeated or out-of-order callbacks)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    provider = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=MessageStatus.choices)
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    raw = models.JSONField(default=dict)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self):
        return f"{self.provider} {self.status} {self.occurred_at:%Y-%m-%d %H:%M}"


class MessageTemplate(StructureOwned):
    """A structure's own wording for a kind of message (the default is in templates.py)."""

    kind = models.CharField(_("type"), max_length=40, choices=MessageKind.choices)
    body = models.TextField(_("texte"))

    class Meta:
        verbose_name = _("modèle de message")
        constraints = [models.UniqueConstraint(fields=["structure", "kind"], name="one_template_per_kind")]


class OptOut(StructureOwned):
    """A phone number that asked for no more non-essential SMS (STOP)."""

    phone = models.CharField(_("téléphone"), max_length=16)
    source = models.CharField(_("origine"), max_length=10, choices=OptOutSource.choices)

    objects = scoped_manager()
    all_objects = models.Manager()

    class Meta:
        verbose_name = _("opposition (STOP)")
        verbose_name_plural = _("oppositions (STOP)")
        constraints = [models.UniqueConstraint(fields=["structure", "phone"], name="one_opt_out_per_phone")]

    def __str__(self):
        return self.phone
