from django.urls import path

from . import views

app_name = "structures"
urlpatterns = [
    path("changer/", views.structure_switch, name="switch"),
]
