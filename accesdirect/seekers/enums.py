from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accesdirect.core.vocabulary import WorkCondition, WorkingTime  # noqa: F401


class Programme(models.TextChoices):
    RSA = "rsa", _("RSA")
    PLIE = "plie", _("PLIE")
    CITY = "city", _("Ville")
    SENIOR = "senior", _("Senior")
    OTHER = "other", _("Autre")


class SeekerStatus(models.TextChoices):
    """The accompaniment, never the person's situation: a person in a two-week interim is still
    accompanied (ACTIVE). Whether they are in a job is derived from their employments."""

    REFERRED = "referred", _("Prescrit·e, accueil à faire")
    ACTIVE = "active", _("Accompagné·e")
    LEFT = "left", _("Sorti·e")


class ExitReason(models.TextChoices):
    DURABLE_JOB = "durable_job", _("Emploi durable")
    OTHER_JOB = "other_job", _("Autre emploi")
    PERIODS_ENDED = "periods_ended", _("Fin des trois PER après bilan tripartite")
    REORIENTED = "reoriented", _("Réorientation")
    MOVED = "moved", _("Déménagement")
    STOPPED = "stopped", _("Arrêt à la demande de la personne")
    OTHER = "other", _("Autre")


class Situation(models.TextChoices):
    """Derived from the employment records (offers.queries), never stored."""

    WITHOUT_JOB = "without_job", _("Sans emploi")
    IN_JOB = "in_job", _("En emploi")


class EducationLevel(models.TextChoices):
    NONE = "none", _("Sans diplôme")
    LEVEL_3 = "3", _("CAP, BEP (niveau 3)")
    LEVEL_4 = "4", _("Baccalauréat (niveau 4)")
    LEVEL_5 = "5", _("Bac +2 (niveau 5)")
    LEVEL_6 = "6", _("Bac +3 et plus (niveau 6+)")


class Availability(models.TextChoices):
    IMMEDIATE = "immediate", _("Immédiate")
    WITHIN_MONTH = "within_month", _("Sous un mois")
    LATER = "later", _("Plus tard")


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("À signer")
    ACTIVE = "active", _("En cours")
    ENDED = "ended", _("Terminée")


class FirstActionBy(models.TextChoices):
    SEEKER = "seeker", _("La personne")
    STRUCTURE = "structure", _("La structure")


class SignatureMethod(models.TextChoices):
    PAPER = "paper", _("Sur papier")
    ON_SCREEN = "on_screen", _("Sur écran")


class ReviewOutcome(models.TextChoices):
    NEW_CYCLE = "new_cycle", _("Nouveau cycle de trois PER")
    CONTINUE = "continue", _("Poursuite du cycle en cours")
    EXIT = "exit", _("Fin d'accompagnement")


class PeriodEndReason(models.TextChoices):
    TERM = "term", _("Échéance")
    RENEWED = "renewed", _("Renouvellement")
    EMPLOYMENT = "employment", _("Emploi")
    EXIT = "exit", _("Fin d'accompagnement")
    OTHER = "other", _("Autre")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Prévu")
    HELD = "held", _("Honoré")
    MISSED = "missed", _("Manqué")
    CANCELLED = "cancelled", _("Annulé")


class JournalKind(models.TextChoices):
    REFERRAL = "referral", _("Prescription")
    INTAKE = "intake", _("Accueil")
    PER = "per", _("PER")
    # "Rendez-vous" alone is also the plural heading "Appointments" of the seeker page.
    APPOINTMENT = "appointment", pgettext_lazy("journal entry kind", "Rendez-vous")
    CALL = "call", _("Appel")
    SMS = "sms", _("SMS")
    NOTE = "note", _("Note")
    COMPANY_CONTACT = "company_contact", _("Entreprise contactée")
    PROPOSAL = "proposal", _("Proposition de poste")
    EMPLOYMENT = "employment", _("Emploi")
    IMMERSION = "immersion", _("Immersion")
    REVIEW = "review", _("Bilan tripartite")
    EXIT = "exit", _("Sortie")
