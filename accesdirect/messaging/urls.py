"""Provider webhooks, mounted under /webhooks/: public, each authenticated as its provider offers."""

from django.urls import path

from . import webhooks

app_name = "messaging"

urlpatterns = [
    path("twilio/status/", webhooks.twilio_status, name="twilio_status"),
    path("twilio/inbound/", webhooks.twilio_inbound, name="twilio_inbound"),
    path("brevo/events/", webhooks.brevo_events, name="brevo_events"),
    path("ovh/receipts/", webhooks.ovh_receipts, name="ovh_receipts"),
    path("ovh/inbound/", webhooks.ovh_inbound, name="ovh_inbound"),
]
