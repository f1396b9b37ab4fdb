from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accesdirect.accounts import views as accounts_views
from accesdirect.api.api import api_urlpatterns
from accesdirect.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("connexion/", accounts_views.login, name="login"),
    path("deconnexion/", accounts_views.logout, name="logout"),
    path("", include("accesdirect.accounts.urls")),
    path("", include("accesdirect.dashboard.urls")),
    path("chercheurs/", include("accesdirect.seekers.urls")),
    path("entreprises/", include("accesdirect.companies.urls")),
    path("offres/", include("accesdirect.offers.urls")),
    path("immersions/", include("accesdirect.immersions.urls")),
    path("referentiels/", include("accesdirect.referentials.urls")),
    path("messages/", include("accesdirect.messaging.staff_urls")),
    path("reunion/", include("accesdirect.matching.urls")),
    path("resultats/", include("accesdirect.reporting.urls")),
    path("structure/", include("accesdirect.structures.urls")),
    path("journal-des-actions/", include("accesdirect.core.urls")),
    path("exports/", include("accesdirect.core.export_urls")),
    path("api/v1/", api_urlpatterns()),
    # The public side: "J'ai une offre" (companies) and the job seekers' app.
    path("s/", include("accesdirect.portals.company_urls")),
    path("app/", include("accesdirect.portals.app_urls")),
    path("webhooks/", include("accesdirect.messaging.urls")),
    # The language switcher sits in the footer of every page, the login page included.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
