from django.apps import AppConfig


class StructuresConfig(AppConfig):
    name = "accesdirect.structures"
    label = "structures"
    verbose_name = "Structures"
