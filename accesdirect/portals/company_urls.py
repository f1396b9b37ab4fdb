"""/s/…: "J'ai une offre", a structure's public page for companies, and a company's private link."""

from django.urls import path

from .views import company, leads

app_name = "company_portal"
urlpatterns = [
    # The searches of the form: the same public, limited ones as the job seekers' app.
    path("recherche/communes/", leads.communes, name="communes"),
    path("recherche/metiers/", leads.appellations, name="appellations"),
    # Staff: the poster to print, with the page's QR code.
    path("affiche/", company.poster, name="poster"),
    path("<slug:slug>/offre/", company.offer_form, name="offer_form"),
    path("<slug:slug>/offre/merci/<str:token>/", company.thanks, name="thanks"),
    path("<slug:slug>/entreprise/<str:token>/", company.company_offers, name="company_offers"),
    path(
        "<slug:slug>/entreprise/<str:token>/offres/<str:offer_id>/retour/",
        company.interview_feedback,
        name="interview_feedback",
    ),
]
