from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    DELIVERED = "delivered", _("Distribué")
    FAILED = "failed", _("Échec")
    UNCERTAIN = "uncertain", _("Incertain")
    CANCELLED = "cancelled", _("Annulé")


class Subject(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Chercheur d'emploi")
    COMPANY = "company", _("Entreprise")
    STAFF = "staff", _("Équipe")


class MessageKind(models.TextChoices):
    LOGIN_CODE = "login_code", _("Code de connexion")
    # A number with a file signed up in the app again: its owner is told to sign in instead.
    SIGN_IN_REMINDER = "sign_in_reminder", _("Inscription déjà faite : se connecter")
    APPOINTMENT_CONFIRMATION = "appointment_confirmation", _("Confirmation de rendez-vous")
    APPOINTMENT_REMINDER = "appointment_reminder", _("Rappel de rendez-vous")
    PER_ENDING = "per_ending", _("PER bientôt terminé (équipe)")
    POSITIONING_PROPOSAL = "positioning_proposal", _("Proposition de poste")
    INTERVIEW_REMINDER = "interview_reminder", _("Rappel d'entretien")
    RESERVATION_CONFIRMATION = "reservation_confirmation", _("Confirmation de réservation")
    RESERVATION_EXPIRY = "reservation_expiry", _("Fin de réservation")
    JOB_CHECK_IN = "job_check_in", _("Suivi dans l'emploi")
    # 6 months to 4 years after a first start: still in a job, any job? (the survival figures)
    JOB_SURVIVAL_CHECK_IN = "job_survival_check_in", _("Suivi du maintien en emploi")
    COMPANY_OFFER_RECEIVED = "company_offer_received", _("Offre reçue (entreprise)")
    COMPANY_FEEDBACK_REQUEST = "company_feedback_request", _("Demande de retour (entreprise)")
    # To the CRE who presented the person: the company said how the interview went.
    COMPANY_FEEDBACK_RECEIVED = "company_feedback_received", _("Retour d'entreprise reçu (équipe)")
    # To the CRE who follows the company (or the direction, for the pool): an offer sent through
    # "J'ai une offre" waits for their call to the company and their confirmation.
    COMPANY_OFFER_TO_CONFIRM = "company_offer_to_confirm", _("Offre à confirmer (équipe)")
    OFFER_ALERT = "offer_alert", _("Alerte nouvelle offre")
    IMMERSION_REVIEW_REQUEST = "immersion_review_request", _("Bilan d'immersion (tuteur)")
    OFFER_EXPIRED = "offer_expired", _("Offre expirée (équipe)")
    EXPORT_READY = "export_ready", _("Export prêt (équipe)")


class OptOutSource(models.TextChoices):
    SMS_STOP = "sms_stop", _("SMS STOP")
    STAFF = "staff", _("Action de l'équipe")
    APP = "app", _("La personne, dans l'application")


class Reply(models.TextChoices):
    """A person's answer to a "Répondez OUI ou NON" SMS (the job follow-ups; AUTRE, "in a job
    with another employer", only to those of survival in employment)."""

    YES = "yes", _("Oui")
    OTHER = "other", _("Autre employeur")
    NO = "no", _("Non")
