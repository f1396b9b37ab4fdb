from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accesdirect.messaging.schedule import register_scheduler


class MatchingConfig(AppConfig):
    name = "accesdirect.matching"
    label = "matching"
    verbose_name = _("Rapprochement")

    def ready(self):
        # The outbox worker runs the new-offer alerts every minute; the outbox never names this app.
        from . import alerts

        register_scheduler(alerts.queue_offer_alerts)
