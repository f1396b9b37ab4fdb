from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    """The public side: "J'ai une offre" for companies (no account) and the job seekers' app
    (sign-in by SMS code, one-click reservation). An edge, beside the API: it calls the same
    services as the back-office and never re-implements a rule."""

    name = "accesdirect.portals"
    label = "portals"
    verbose_name = _("Espaces publics")

    def ready(self):
        from accesdirect.messaging.schedule import register_scheduler

        from .services.leads import erase_old_leads

        # Sign-ups are kept only while they serve (see leads.KEEP_AFTER_CALL).
        register_scheduler(erase_old_leads)
