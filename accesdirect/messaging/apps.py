from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "accesdirect.messaging"
    label = "messaging"
    verbose_name = _("Messages (SMS, e-mail)")

    def ready(self):
        # Long exports of lists (core) are written by the worker, once a minute like the
        # schedulers, and their owner is told by e-mail when the file is ready.
        from accesdirect.core.export_jobs import export_jobs_run, register_export_notifier

        from .export_ready import queue_export_ready
        from .schedule import register_scheduler

        register_scheduler(export_jobs_run)
        register_export_notifier(queue_export_ready)
