"""Rows are built in memory, parents and children linked by instance, then written with
bulk_create in dependency order: each child takes its parent's primary key at insert time."""

from collections import Counter, defaultdict

from django_scopes import scopes_disabled

from accesdirect.companies.models import Company, CompanyContact, CompanyPerson
from accesdirect.offers.models import Employment, JobFollowUp, Offer, Positioning, PositioningStep
from accesdirect.seekers.models import (
    Appointment,
    EngagementPeriod,
    Intake,
    JobSeeker,
    JournalEntry,
    Referral,
    TargetJob,
    TripartiteReview,
)

ContactSeeker = CompanyContact.job_seekers.through

# Parents before children, with the French name printed in the summary.
WRITE_ORDER = {
    Company: "entreprises",
    CompanyPerson: "interlocuteurs",
    JobSeeker: "chercheurs d'emploi",
    Referral: "prescriptions",
    Intake: "accueils",
    TargetJob: "postes visés",
    EngagementPeriod: "PER",
    TripartiteReview: "bilans tripartites",
    Appointment: "rendez-vous",
    Offer: "offres",
    Positioning: "positionnements",
    PositioningStep: "étapes de positionnement",
    Employment: "emplois",
    JobFollowUp: "suivis dans l'emploi",
    CompanyContact: "contacts entreprise",
    ContactSeeker: "personnes pour qui un contact a été fait",
    JournalEntry: "entrées de journal",
}
BATCH_SIZE = 2000


class Rows:
    def __init__(self):
        self.pending: dict[type, list] = defaultdict(list)
        self.written: Counter = Counter()

    def add(self, instance):
        self.pending[type(instance)].append(instance)
        return instance

    def write(self) -> None:
        unknown = set(self.pending) - set(WRITE_ORDER)
        assert not unknown, f"No write order for {unknown}"
        with scopes_disabled():
            for model, label in WRITE_ORDER.items():
                instances = self.pending.pop(model, [])
                if instances:
                    model._default_manager.bulk_create(instances, batch_size=BATCH_SIZE)
                    self.written[label] += len(instances)
