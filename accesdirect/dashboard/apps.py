from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "accesdirect.dashboard"
    label = "dashboard"
    verbose_name = "Tableau de bord"
