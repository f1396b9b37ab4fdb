from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "accesdirect.api"
    label = "api"
    verbose_name = "API"
