from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "accesdirect.offers"
    label = "offers"
    verbose_name = "Offres"
