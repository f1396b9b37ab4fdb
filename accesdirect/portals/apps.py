from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    """The public side: "J'ai une offre" for companies (no account) and the job seekers' app
    (sign-in by SMS code, one-click reservation). An edge, beside the API: it calls the same
    services as the back-office and never re-implements a rule."""

    name = "accesdirect.portals"
    label = "portals"
    verbose_name = _("Espaces publics")
