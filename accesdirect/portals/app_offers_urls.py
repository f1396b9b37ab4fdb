"""The app's offers and reservations (included in app_urls)."""

from django.urls import path

from .views import app_offers, pwa, slots

urlpatterns = [
    path("offres/", app_offers.my_offers, name="offers"),
    path("offres/<int:pk>/reserver/", app_offers.reserve, name="reserve"),
    path("reservations/<int:pk>/", app_offers.reservation, name="reservation"),
    path("reservations/<int:pk>/creneau/", app_offers.book_slot, name="book_slot"),
    path("reservations/<int:pk>/rappel/", app_offers.call_back, name="call_back"),
    path("reservations/<int:pk>/annuler/", app_offers.cancel, name="cancel_reservation"),
    path("sms/", app_offers.sms, name="sms"),
    # Installable on a phone (PWA).
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("hors-ligne/", pwa.offline, name="offline"),
    # Staff: the CRE's meeting times.
    path("equipe/creneaux/", slots.my_slots, name="slots"),
    path("equipe/creneaux/<int:pk>/retirer/", slots.slot_delete, name="slot_delete"),
]
