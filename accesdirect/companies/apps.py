from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "accesdirect.companies"
    label = "companies"
    verbose_name = "Entreprises"
