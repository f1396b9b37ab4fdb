from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.replies import register_reply_handler
from accesdirect.messaging.schedule import register_scheduler


class OffersConfig(AppConfig):
    name = "accesdirect.offers"
    label = "offers"
    verbose_name = _("Offres")

    def ready(self):
        # The outbox worker runs these every minute; the outbox never names this app.
        from accesdirect.seekers.services.people import register_exit_check

        from . import expiry, reminders
        from .services.employment import job_follow_up_answer_by_sms
        from .services.positionings import refuse_exit_while_positioned
        from .services.reservations import expire_reservations

        register_scheduler(reminders.queue_due_reminders)
        register_scheduler(expiry.expire_stale_offers)
        # Reservations of the job seekers' app that no meeting followed: the offer reopens.
        register_scheduler(expire_reservations)
        # A person leaves only once their positioning is closed; seekers never names offers.
        register_exit_check(refuse_exit_while_positioned)
        # OUI / AUTRE / NON to a follow-up of survival in employment: recorded on the follow-up.
        register_reply_handler(MessageKind.JOB_SURVIVAL_CHECK_IN, job_follow_up_answer_by_sms)
