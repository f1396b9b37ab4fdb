from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accesdirect.core"
    label = "core"
    verbose_name = "Socle"
