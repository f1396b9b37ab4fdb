"""From the database to the engine's arrays: a few aggregated queries per structure.

A MatchingContext is the pool of one structure, loaded once per request or run and shared by
every ranking made with it. It reads through the structure scope (run it inside one).

Pages do not load it for every request: `shared_context(structure_id)` keeps each structure's
loaded context in the process's memory, under the structure's data version
(accesdirect.core.versions, bumped by the services that change people, target jobs, offers,
positionings, employments, refusals or the settings) and the day, and reuses it while both
hold: a ranking then costs one indexed read and the ranking itself, not the load (about ten
queries and 50 ms for 1,300 people). The weekly draft and the alerts load their own.
"""

import datetime
import threading
import time
from collections import OrderedDict
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from accesdirect.core.versions import data_version_of
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
        # Kept between requests (shared_context): a person or an offer outside the pools is
        # then read for the request only, and a person of the pool is read from it.
        self.shared = False
        self._single_people: dict[int, PeoplePool] = {}
        # A shared context's graph gains links and labels when a person or an offer outside the
        # pools is read: one request thread at a time (gunicorn's threaded workers).
        self._graph_lock = threading.Lock()

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
        ended = Positioning.objects.filter(
            structure_id=self.structure_id, status__in=REFUSED_POSITIONING_STATUSES
        ).values_list("offer_id", "job_seeker_id")
        # Only the rejected lines, read through their partial index (not every line of every
        # weekly draft ever computed).
        rejected = AssignmentLine.objects.filter(
            structure_id=self.structure_id, decision=LineDecision.REJECTED
        ).values_list("offer_id", "proposed_job_seeker_id")
        return Refusals(list(ended.order_by().union(rejected.order_by(), all=True)))

    def load(self) -> "MatchingContext":
        """Load the people, the offers and the refusals now, with one query for the ROME links
        and one for the job labels of both pools: eight queries in all."""
        people, targets = self._person_rows(structure_id=self.structure_id, status=SeekerStatus.ACTIVE)
        offers = self._offer_rows(
            Offer.objects.filter(structure_id=self.structure_id, status=OfferStatus.OPEN)
        )
        self._ensure_links({target.fiche_id for target in targets})
        self._ensure_labels(
            {target.appellation_id for target in targets} | {offer.appellation_id for offer in offers}
        )
        self.__dict__["people"] = PeoplePool(
            people, targets, self.graph, weights=self.weights, today=self.today
        )
        self.__dict__["offers"] = OfferPool(offers, self.graph, today=self.today)
        self.refusals  # noqa: B018 (loaded now)
        return self

    def person_pool(self, job_seeker) -> tuple[PeoplePool, int]:
        """A pool holding this person (whatever their status) and their index in it."""
        if self.shared or "people" in self.__dict__:
            i = int(self.people.index_of([job_seeker.pk])[0])
            if i >= 0:
                return self.people, i
        # Read once per context (a page ranks the person's offers, then their close jobs); a
        # shared context reads them for each request (their status may be any).
        pool = self._single_people.get(job_seeker.pk) if not self.shared else None
        if pool is None:
            pool = self._people_pool(pk=job_seeker.pk)
            if not self.shared:
                self._single_people[job_seeker.pk] = pool
        if pool.size == 0:
            raise JobSeeker.DoesNotExist("This person is not in the current structure scope.")
        return pool, 0

    def offer_pool(self, offer) -> tuple[OfferPool, int]:
        """A pool holding this offer (whatever its status) and its index in it."""
        if self.shared or "offers" in self.__dict__:
            j = int(self.offers.index_of([offer.pk])[0])
            if j >= 0:
                return self.offers, j
        pool = self._offer_pool(Offer.objects.filter(pk=offer.pk))
        if pool.size == 0:
            raise Offer.DoesNotExist("This offer is not in the current structure scope.")
        return pool, 0

    # --- loading --------------------------------------------------------------------------

    def _people_pool(self, **lookups) -> PeoplePool:
        people, targets = self._person_rows(**lookups)
        self._ensure_links({target.fiche_id for target in targets})
        self._ensure_labels({target.appellation_id for target in targets})
        return PeoplePool(people, targets, self.graph, weights=self.weights, today=self.today)

    def _person_rows(self, **lookups) -> tuple[list[PersonRow], list[TargetRow]]:
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
        return people, targets

    def _offer_pool(self, offers_queryset) -> OfferPool:
        rows = self._offer_rows(offers_queryset)
        self._ensure_labels({row.appellation_id for row in rows})
        return OfferPool(rows, self.graph, today=self.today)

    def _offer_rows(self, offers_queryset) -> list[OfferRow]:
        return [OfferRow(*row) for row in offers_queryset.order_by().values_list(*OFFER_FIELDS)]

    def _ensure_links(self, fiche_ids: set[int]) -> None:
        with self._graph_lock:
            self._add_links(fiche_ids)

    def _add_links(self, fiche_ids: set[int]) -> None:
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
        with self._graph_lock:
            self._add_labels(appellation_ids)

    def _add_labels(self, appellation_ids: set[int]) -> None:
        missing = appellation_ids - self.graph.appellation_labels.keys()
        if missing:
            labels = Appellation.objects.filter(pk__in=sorted(missing)).order_by().values_list("id", "label")
            self.graph.add(appellation_labels=dict(labels))


# --- Kept between requests -------------------------------------------------------------------

# A change made outside the services (the Django admin, a shell) bumps no version: it shows
# after at most this many seconds.
SHARED_MAX_AGE_S = 300
# Structures kept per process, the least recently used dropped first (a pool of 1,300 people
# takes a few hundred KB).
SHARED_STRUCTURES = 64

_shared: OrderedDict[int, tuple[tuple, float, MatchingContext]] = OrderedDict()
_shared_lock = threading.Lock()


def shared_context(structure_id: int) -> MatchingContext:
    """The structure's context, loaded, kept in this process while its data version and the day
    are the same: one query when kept. Run it inside the structure's scope."""
    version = data_version_of(structure_id)
    today = timezone.localdate()
    key = (version, today)
    with _shared_lock:
        kept = _shared.get(structure_id)
        if kept and kept[0] == key and time.monotonic() - kept[1] < SHARED_MAX_AGE_S:
            _shared.move_to_end(structure_id)
            return kept[2]
    # The version was read before the rows: a change committed while they load leaves a newer
    # version, and the next request loads again.
    context = MatchingContext(structure_id, today=today).load()
    context.shared = True
    # Without a version (no change through a service yet, e.g. rows written in bulk), nothing
    # would tell when to reload: not kept.
    if version is not None:
        with _shared_lock:
            _shared[structure_id] = (key, time.monotonic(), context)
            _shared.move_to_end(structure_id)
            while len(_shared) > SHARED_STRUCTURES:
                _shared.popitem(last=False)
    return context


def shared_contexts_clear() -> None:
    with _shared_lock:
        _shared.clear()
