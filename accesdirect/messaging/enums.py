from django.db import models


class Channel(models.TextChoices):
    SMS = "sms", "SMS"
    EMAIL = "email", "E-mail"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyé"
    DELIVERED = "delivered", "Distribué"
    FAILED = "failed", "Échec"
    UNCERTAIN = "uncertain", "Incertain"
    CANCELLED = "cancelled", "Annulé"


class Subject(models.TextChoices):
    JOB_SEEKER = "job_seeker", "Chercheur d'emploi"
    COMPANY = "company", "Entreprise"
    STAFF = "staff", "Équipe"


class MessageKind(models.TextChoices):
    LOGIN_CODE = "login_code", "Code de connexion"
    APPOINTMENT_CONFIRMATION = "appointment_confirmation", "Confirmation de rendez-vous"
    APPOINTMENT_REMINDER = "appointment_reminder", "Rappel de rendez-vous"
    PER_ENDING = "per_ending", "PER bientôt terminé (équipe)"
    POSITIONING_PROPOSAL = "positioning_proposal", "Proposition de poste"
    INTERVIEW_REMINDER = "interview_reminder", "Rappel d'entretien"
    RESERVATION_CONFIRMATION = "reservation_confirmation", "Confirmation de réservation"
    RESERVATION_EXPIRY = "reservation_expiry", "Fin de réservation"
    JOB_CHECK_IN = "job_check_in", "Suivi dans l'emploi"
    COMPANY_OFFER_RECEIVED = "company_offer_received", "Offre reçue (entreprise)"
    COMPANY_FEEDBACK_REQUEST = "company_feedback_request", "Demande de retour (entreprise)"


class OptOutSource(models.TextChoices):
    SMS_STOP = "sms_stop", "SMS STOP"
    STAFF = "staff", "Action de l'équipe"


class Reply(models.TextChoices):
    """A person's answer to a "Répondez OUI ou NON" SMS (the job follow-up)."""

    YES = "yes", "Oui"
    NO = "no", "Non"
