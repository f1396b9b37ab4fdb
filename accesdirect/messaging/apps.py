from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "accesdirect.messaging"
    label = "messaging"
    verbose_name = "Messages (SMS, e-mail)"
