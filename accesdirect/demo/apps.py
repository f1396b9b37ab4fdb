from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "accesdirect.demo"
    label = "demo"
    verbose_name = "Démo"
