"""/app/…: the job seekers' app."""

from django.urls import path

from . import app_offers_urls
from .views import app_auth, app_offers, leads

app_name = "seeker_app"
urlpatterns = [
    path("", app_offers.home, name="home"),
    path("connexion/", app_auth.sign_in_page, name="sign_in"),
    path("connexion/code/", app_auth.code_page, name="code"),
    path("deconnexion/", app_auth.sign_out_page, name="sign_out"),
    path("inscription/", leads.sign_up, name="sign_up"),
    path("inscription/merci/", leads.sign_up_done, name="sign_up_done"),
    path("recherche/communes/", leads.communes, name="communes"),
    path("recherche/metiers/", leads.appellations, name="appellations"),
    # Staff pages: the sign-ups to call back.
    path("equipe/inscriptions/", leads.lead_list, name="leads"),
    path("equipe/inscriptions/<int:pk>/contactee/", leads.lead_contacted, name="lead_contacted"),
    path("equipe/inscriptions/<int:pk>/effacer/", leads.lead_erased, name="lead_erased"),
]
# My offers, one-click reservation, the meeting slot (app_offers_urls).
urlpatterns += app_offers_urls.urlpatterns
