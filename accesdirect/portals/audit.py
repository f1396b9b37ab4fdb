"""Labels of the public side's actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

register_actions(
    {
        "lead.contacted": _("a rappelé la personne inscrite dans l'application"),
        "lead.erased": _("a effacé une inscription de l'application, à la demande de la personne"),
    }
)
