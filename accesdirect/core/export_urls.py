from django.urls import path

from . import export_views

app_name = "exports"
urlpatterns = [
    path("", export_views.export_list, name="list"),
    path("<int:pk>/fichier/", export_views.export_download, name="download"),
    path("liste/<slug:kind>/", export_views.list_export, name="export"),
]
