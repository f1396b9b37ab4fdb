from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from accesdirect.messaging.schedule import register_scheduler


class SeekersConfig(AppConfig):
    name = "accesdirect.seekers"
    label = "seekers"
    verbose_name = _("Chercheurs d'emploi")

    def ready(self):
        # Every app declares the journal events it writes in its own `journal.py`
        # (seekers.journal.journal_event); load them all so that any entry can be rendered.
        autodiscover_modules("journal")
        # A merge of two files moves the rows of the apps above this one: each registers its
        # mover in its own `merge.py` (seekers.services.merge.register_merge_mover).
        autodiscover_modules("merge")
        # The outbox worker runs our reminders every minute; the outbox never names this app.
        from . import reminders

        register_scheduler(reminders.queue_due_reminders)
