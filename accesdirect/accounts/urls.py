from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("connexion/code/", views.second_factor, name="second_factor"),
    path("compte/securite/", views.security, name="security"),
    path("compte/double-authentification/", views.enrol, name="enrol"),
    path("compte/double-authentification/desactiver/", views.second_factor_disable, name="disable"),
    path("compte/codes-de-secours/", views.recovery_codes, name="recovery_codes"),
    path("mot-de-passe/changer/", views.password_change, name="password_change"),
    path("mot-de-passe/oublie/", views.password_reset, name="password_reset"),
    path("mot-de-passe/oublie/envoye/", views.password_reset_done, name="password_reset_done"),
    # The token's segment is masked in the logs (core/redaction.py).
    path(
        "mot-de-passe/reinitialiser/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("mot-de-passe/reinitialise/", views.password_reset_complete, name="password_reset_complete"),
]
