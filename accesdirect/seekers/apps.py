from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "accesdirect.seekers"
    label = "seekers"
    verbose_name = "Chercheurs d'emploi"
