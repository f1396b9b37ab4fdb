from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accesdirect.api.api import api_urlpatterns
from accesdirect.core import views as core_views

admin.site.site_header = "Accès Direct – administration"
admin.site.site_title = "Accès Direct"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("connexion/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("accesdirect.dashboard.urls")),
    path("chercheurs/", include("accesdirect.seekers.urls")),
    path("entreprises/", include("accesdirect.companies.urls")),
    path("offres/", include("accesdirect.offers.urls")),
    path("referentiels/", include("accesdirect.referentials.urls")),
    path("api/v1/", api_urlpatterns()),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
