from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.results_page, name="results"),
    path("definitions/", views.definitions_page, name="definitions"),
    path("economies/", views.savings_page, name="savings"),
    path("survie/", views.survival_page, name="survival"),
    path("reglages/", views.settings_edit, name="settings"),
    path("rapport.pdf", views.funder_report, {"fmt": "pdf"}, name="report_pdf"),
    path("rapport.xlsx", views.funder_report, {"fmt": "xlsx"}, name="report_xlsx"),
]
