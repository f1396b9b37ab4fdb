"""From the database to the engine's arrays: a few aggregated queries per structure.

A MatchingContext is the pool of one structure, loaded once per request or run and shared by
every ranking made with it. It reads through the structure scope (run it inside one).
"""

import datetime
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, OfferStatus, PositioningStatus
from accesdirect.offers.models import Employment, Offer, Positioning
from accesdirect.referentials.models import Appellation, Fiche, FicheMobility
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JobSeeker, TargetJob

from .engine import FicheRow, JobGraph, OfferPool, OfferRow, PeoplePool, PersonRow, Refusals, TargetRow
from .enums import LineDecision
from .models import AssignmentLine, MatchingSettings

# Positionings that ended without a hire: the pair is not proposed again.
REFUSED_POSITIONING_STATUSES = [PositioningStatus.NOT_RETAINED, PositioningStatus.WITHDRAWN]

PERSON_FIELDS = (
    "id",
    "commune__latitude",
    "commune__longitude",
    "driving_licence",
    "has_vehicle",
    "max_commute_km",
    "wanted_contracts",
    "wanted_working_time",
    "unavailable_conditions",
    "availability",
    "programme",
    "unemployed_since",
    "status",
)
OFFER_FIELDS = (
    "id",
    "appellation_id",
    "appellation__fiche_id",
    "commune__latitude",
    "commune__longitude",
    "contract",
    "hours_per_week",
    "starts_on",
    "requires_driving_licence",
    "work_conditions",
    "status",
    "captured_on",
    "duration_months",
)


class MatchingContext:
    def __init__(
        self,
        structure,
        *,
        today: datetime.date | None = None,
        matching_settings: MatchingSettings | None = None,
    ):
        self.structure_id = structure if isinstance(structure, int) else structure.pk
        self.today = today or timezone.localdate()
        self.settings = matching_settings or MatchingSettings.for_structure(self.structure_id)
        self.weights = self.settings.weights()
        self._links_loaded: set[int] = set()

    @cached_property
    def graph(self) -> JobGraph:
        """Every fiche of the ROME (a few thousand rows); links and labels are added on demand."""
        rows = Fiche.objects.order_by().values_list(
            "id", "code", "label", "parent_code", "domaine_id", "domaine__label"
        )
        return JobGraph().add(fiches=[FicheRow(*row) for row in rows])

    @cached_property
    def people(self) -> PeoplePool:
        """The structure's active people (those positioned included, flagged)."""
        return self._people_pool(structure_id=self.structure_id, status=SeekerStatus.ACTIVE)

    @cached_property
    def offers(self) -> OfferPool:
        """The structure's open offers (not positioned)."""
        return self._offer_pool(Offer.objects.filter(structure_id=self.structure_id, status=OfferStatus.OPEN))

    @cached_property
    def refusals(self) -> Refusals:
        ended = (
            Positioning.objects.filter(
                structure_id=self.structure_id, status__in=REFUSED_POSITIONING_STATUSES
            )
            .order_by()
            .values_list("offer_id", "job_seeker_id")
        )
        rejected = (
            AssignmentLine.objects.filter(structure_id=self.structure_id, decision=LineDecision.REJECTED)
            .order_by()
            .values_list("offer_id", "proposed_job_seeker_id")
        )
        return Refusals([*ended, *rejected])

    def person_pool(self, job_seeker) -> tuple[PeoplePool, int]:
        """A pool holding this person (whatever their status) and their index in it."""
        if "people" in self.__dict__ and self.people.index_of([job_seeker.pk])[0] >= 0:
            return self.people, int(self.people.index_of([job_seeker.pk])[0])
        pool = self._people_pool(pk=job_seeker.pk)
        if pool.size == 0:
            raise JobSeeker.DoesNotExist("This person is not in the current structure scope.")
        return pool, 0

    def offer_pool(self, offer) -> tuple[OfferPool, int]:
        """A pool holding this offer (whatever its status) and its index in it."""
        if "offers" in self.__dict__ and self.offers.index_of([offer.pk])[0] >= 0:
            return self.offers, int(self.offers.index_of([offer.pk])[0])
        pool = self._offer_pool(Offer.objects.filter(pk=offer.pk))
        if pool.size == 0:
            raise Offer.DoesNotExist("This offer is not in the current structure scope.")
        return pool, 0

    # --- loading --------------------------------------------------------------------------

    def _people_pool(self, **lookups) -> PeoplePool:
        """The people matching `lookups` (on JobSeeker). Their positionings and target jobs are
        read through a join on the same lookups, not an IN (subquery), whose plan can go wrong
        on PostgreSQL right after a bulk load (before statistics are gathered)."""
        related = {f"job_seeker__{name}": value for name, value in lookups.items()}
        # In a job today: read with the people, in the same query.
        in_job = Employment.objects.filter(job_seeker=OuterRef("pk")).current(self.today)
        rows = list(
            JobSeeker.objects.filter(**lookups)
            .annotate(in_job=Exists(in_job))
            .order_by()
            .values_list(*PERSON_FIELDS, "in_job")
        )
        ids = [row[0] for row in rows]
        proposals = {
            job_seeker_id: (last, active)
            for job_seeker_id, last, active in Positioning.objects.filter(**related)
            .order_by()
            .values("job_seeker_id")
            .annotate(
                last=Max("created_at"), active=Count("pk", filter=Q(status__in=ACTIVE_POSITIONING_STATUSES))
            )
            .values_list("job_seeker_id", "last", "active")
        }
        targets = [
            TargetRow(*row)
            for row in TargetJob.objects.filter(**related)
            .order_by()
            .values_list(
                "job_seeker_id", "appellation_id", "appellation__fiche_id", "has_experience", "commune_id"
            )
        ]
        self._ensure_links({target.fiche_id for target in targets})
        self._ensure_labels({target.appellation_id for target in targets})
        people = []
        for row, job_seeker_id in zip(rows, ids, strict=True):
            last, active = proposals.get(job_seeker_id, (None, 0))
            people.append(
                PersonRow(
                    *row[:-1],
                    last_proposal_on=timezone.localdate(last) if last else None,
                    positioned=active > 0,
                    in_job=row[-1],
                )
            )
        return PeoplePool(people, targets, self.graph, weights=self.weights, today=self.today)

    def _offer_pool(self, offers_queryset) -> OfferPool:
        rows = [OfferRow(*row) for row in offers_queryset.order_by().values_list(*OFFER_FIELDS)]
        self._ensure_labels({row.appellation_id for row in rows})
        return OfferPool(rows, self.graph, today=self.today)

    def _ensure_links(self, fiche_ids: set[int]) -> None:
        missing = fiche_ids - self._links_loaded
        if missing:
            links = (
                FicheMobility.objects.filter(source_id__in=sorted(missing))
                .order_by()
                .values_list("source_id", "target_id", "order")
            )
            self.graph.add(mobilities=links)
            self._links_loaded |= missing

    def _ensure_labels(self, appellation_ids: set[int]) -> None:
        missing = appellation_ids - self.graph.appellation_labels.keys()
        if missing:
            labels = Appellation.objects.filter(pk__in=sorted(missing)).order_by().values_list("id", "label")
            self.graph.add(appellation_labels=dict(labels))
