from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "accesdirect.seekers"
    label = "seekers"
    verbose_name = _("Chercheurs d'emploi")
