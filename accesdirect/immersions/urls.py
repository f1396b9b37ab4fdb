from django.urls import path

from . import views

app_name = "immersions"
urlpatterns = [
    path("prevoir/<int:job_seeker_pk>/", views.immersion_create, name="create"),
    path("<int:pk>/", views.immersion_detail, name="detail"),
    path("<int:pk>/modifier/", views.immersion_edit, name="edit"),
    path("<int:pk>/bilan/", views.immersion_review, name="review"),
    path("<int:pk>/suite/", views.immersion_outcome, name="outcome"),
    path("<int:pk>/annuler/", views.immersion_cancel, name="cancel"),
    path("<int:pk>/convention/", views.immersion_print, name="print"),
]
