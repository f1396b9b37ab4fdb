from django.apps import AppConfig


class ReferentialsConfig(AppConfig):
    name = "accesdirect.referentials"
    label = "referentials"
    verbose_name = "Référentiels"
