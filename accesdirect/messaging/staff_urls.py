"""Staff pages of the outbox, mounted under /messages/ (the webhooks are in urls.py)."""

from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/renvoyer/", views.message_resend, name="resend"),
    path("modeles/", views.template_list, name="templates"),
    path("modeles/modifier/", views.template_edit, name="template_edit"),
    path("modeles/apercu/", views.template_preview, name="template_preview"),
    path("modeles/revenir/", views.template_reset, name="template_reset"),
    path("modeles/emetteur/", views.sender_update, name="sender"),
]
