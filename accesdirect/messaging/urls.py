"""Provider webhooks, mounted under /webhooks/: public, each authenticated as its provider offers."""

from django.urls import path

from . import webhooks

app_name = "messaging"

urlpatterns = [
    path("twilio/status/", webhooks.twilio_status, name="twilio_status"),
    path("twilio/inbound/", webhooks.twilio_inbound, name="twilio_inbound"),
    # Brevo's webhooks authenticate with a bearer token; its per-message webUrl, and OVH's
    # callbacks, can only carry the secret in the URL: as a path segment, never in the query
    # string, so that the logging filter can mask it (accesdirect.core.redaction).
    path("brevo/events/", webhooks.brevo_events, name="brevo_events"),
    path("brevo/events/<str:secret>/", webhooks.brevo_events, name="brevo_events"),
    path("ovh/receipts/<str:secret>/", webhooks.ovh_receipts, name="ovh_receipts"),
    path("ovh/inbound/<str:secret>/", webhooks.ovh_inbound, name="ovh_inbound"),
]
