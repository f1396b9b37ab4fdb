from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "accesdirect.matching"
    label = "matching"
    verbose_name = "Rapprochement"
