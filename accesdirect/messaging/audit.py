"""Labels of the messaging actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

from .enums import MessageKind, OptOutSource


def _kind(params: dict) -> str:
    return str(MessageKind(params["kind"]).label)


def _source(params: dict) -> str:
    return str(OptOutSource(params["source"]).label)


register_actions(
    {
        "message.resent": _("a renvoyé le message"),
        "message_template.changed": _("a modifié le texte d'un message"),
        "message_template.reset": _("a rétabli le texte par défaut d'un message"),
        "sms_sender.changed": _("a changé l'émetteur des SMS"),
        "opt_out.added": _("a arrêté les SMS vers ce numéro"),
        "opt_out.removed": _("a réautorisé les SMS vers ce numéro"),
    },
    details={
        "message.resent": _kind,
        "message_template.changed": _kind,
        "message_template.reset": _kind,
        "opt_out.added": _source,
        "opt_out.removed": _source,
    },
)
