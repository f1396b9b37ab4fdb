from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accesdirect.messaging.schedule import register_scheduler


class OffersConfig(AppConfig):
    name = "accesdirect.offers"
    label = "offers"
    verbose_name = _("Offres")

    def ready(self):
        # The outbox worker runs these every minute; the outbox never names this app.
        from . import expiry, reminders

        register_scheduler(reminders.queue_due_reminders)
        register_scheduler(expiry.expire_stale_offers)
