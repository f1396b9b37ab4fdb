"""Labels of the matching actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions


def _reason(params: dict) -> str:
    return _("Motif : %(reason)s") % {"reason": params["reason"]}


register_actions(
    {
        "assignment_draft.created": _("a calculé la proposition de la réunion du lundi"),
        "assignment_line.accepted": _("a accepté la proposition sur l'offre"),
        "assignment_line.changed": _("a choisi une autre personne que la proposition sur l'offre"),
        "assignment_line.rejected": _("a écarté la proposition sur l'offre"),
        "matching_settings.changed": _("a modifié les réglages du rapprochement"),
        "matching_settings.reset": _("a rétabli les réglages par défaut du rapprochement"),
    },
    details={"assignment_line.changed": _reason, "assignment_line.rejected": _reason},
)
