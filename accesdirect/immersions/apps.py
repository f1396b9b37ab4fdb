from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accesdirect.messaging.schedule import register_scheduler


class ImmersionsConfig(AppConfig):
    name = "accesdirect.immersions"
    label = "immersions"
    verbose_name = _("Immersions (PMSMP)")

    def ready(self):
        # The outbox worker runs it every minute: the tutor's review the day before the end.
        from . import reminders

        register_scheduler(reminders.queue_due_tutor_reviews)
