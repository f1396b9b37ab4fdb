from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accesdirect.messaging.schedule import register_scheduler


class SeekersConfig(AppConfig):
    name = "accesdirect.seekers"
    label = "seekers"
    verbose_name = _("Chercheurs d'emploi")

    def ready(self):
        # The outbox worker runs our reminders every minute; the outbox never names this app.
        from . import reminders

        register_scheduler(reminders.queue_due_reminders)
