"""Labels of the immersions' actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

register_actions(
    {
        "immersion.created": _("a prévu l'immersion"),
        "immersion.updated": _("a modifié l'immersion"),
        "immersion.cancelled": _("a annulé l'immersion"),
        "immersion.reviewed": _("a enregistré le bilan de l'immersion"),
        "immersion.outcome_recorded": _("a enregistré la suite de l'immersion"),
    }
)
