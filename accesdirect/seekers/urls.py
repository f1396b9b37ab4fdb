from django.urls import path

from . import views

app_name = "seekers"
urlpatterns = [
    path("", views.placeholder, name="list"),
    path("<int:pk>/", views.placeholder, name="detail"),
]
