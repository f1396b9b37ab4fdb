from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("recherche/", views.company_autocomplete, name="autocomplete"),
    path("nouvelle/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/modifier/", views.company_edit, name="edit"),
    path("<int:pk>/interlocuteurs/", views.company_person_add, name="person_add"),
    path("<int:pk>/contacts/nouveau/", views.company_contact_log, name="contact_log"),
]
