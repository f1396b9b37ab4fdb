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


class WorkingTime(models.TextChoices):
    ANY = "any", "Indifférent"
    FULL_TIME = "full_time", "Temps plein"
    PART_TIME = "part_time", "Temps partiel"


class WorkCondition(models.TextChoices):
    """Conditions of a job that an offer may demand and that a person may say they cannot
    meet (a hard filter of matching). Only the condition is recorded, never its cause."""

    WEEKEND = "weekend", "Travail le week-end"
    NIGHT = "night", "Travail de nuit"
    EARLY_MORNING = "early_morning", "Horaires très matinaux"
    SPLIT_SHIFTS = "split_shifts", "Horaires coupés"
    HEAVY_LOADS = "heavy_loads", "Port de charges lourdes"
    STANDING = "standing", "Station debout prolongée"
    OUTDOOR = "outdoor", "Travail en extérieur"
    HEIGHTS = "heights", "Travail en hauteur"
    COLD = "cold", "Travail au froid"
