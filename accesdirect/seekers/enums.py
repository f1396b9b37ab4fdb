from django.db import models


class Programme(models.TextChoices):
    RSA = "rsa", "RSA"
    PLIE = "plie", "PLIE"
    CITY = "city", "Ville"
    SENIOR = "senior", "Senior"
    OTHER = "other", "Autre"


class SeekerStatus(models.TextChoices):
    REFERRED = "referred", "Prescrit·e, accueil à faire"
    ACTIVE = "active", "Accompagné·e"
    IN_JOB = "in_job", "En emploi"
    LEFT = "left", "Sorti·e"


class EducationLevel(models.TextChoices):
    NONE = "none", "Sans diplôme"
    LEVEL_3 = "3", "CAP, BEP (niveau 3)"
    LEVEL_4 = "4", "Baccalauréat (niveau 4)"
    LEVEL_5 = "5", "Bac +2 (niveau 5)"
    LEVEL_6 = "6", "Bac +3 et plus (niveau 6+)"


class Availability(models.TextChoices):
    IMMEDIATE = "immediate", "Immédiate"
    WITHIN_MONTH = "within_month", "Sous un mois"
    LATER = "later", "Plus tard"


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", "À signer"
    ACTIVE = "active", "En cours"
    ENDED = "ended", "Terminée"


class FirstActionBy(models.TextChoices):
    SEEKER = "seeker", "La personne"
    STRUCTURE = "structure", "La structure"


class SignatureMethod(models.TextChoices):
    PAPER = "paper", "Sur papier"
    ON_SCREEN = "on_screen", "Sur écran"


class ReviewOutcome(models.TextChoices):
    NEW_CYCLE = "new_cycle", "Nouveau parcours"
    REORIENTATION = "reorientation", "Réorientation"
    EXIT = "exit", "Fin d'accompagnement"
    OTHER = "other", "Autre"


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", "Prévu"
    HELD = "held", "Honoré"
    MISSED = "missed", "Manqué"
    CANCELLED = "cancelled", "Annulé"


class JournalKind(models.TextChoices):
    REFERRAL = "referral", "Prescription"
    INTAKE = "intake", "Accueil"
    PER = "per", "PER"
    APPOINTMENT = "appointment", "Rendez-vous"
    CALL = "call", "Appel"
    SMS = "sms", "SMS"
    NOTE = "note", "Note"
    COMPANY_CONTACT = "company_contact", "Entreprise contactée"
    PROPOSAL = "proposal", "Proposition de poste"
    EMPLOYMENT = "employment", "Emploi"
    REVIEW = "review", "Bilan tripartite"
