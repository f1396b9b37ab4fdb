"""Labels of the reporting actions in the audit trail (see accesdirect.core.audit)."""

from django.utils.translation import gettext_lazy as _

from accesdirect.core.audit import register_actions

register_actions(
    {
        "reporting_settings.changed": _("a modifié les réglages des résultats"),
        "reporting.report_downloaded": _("a téléchargé le rapport d'activité"),
    }
)
