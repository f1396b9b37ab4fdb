"""The results report on histories of the study's size. Prints one JSON line per scope:

- "structure": the annual report of one structure whose file holds three years of paths
  (15,000 people, about 200,000 events: referrals, intakes, journal entries, employments,
  offers, positionings, company contacts, PERs); target ≤ 1 s;
- "network": the same report over a network of 10 structures of 3,000 people each
  (30,000 people, about 400,000 events); target ≤ 3 s.

    python bench/bench_report.py                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accesdirect_bench python bench/bench_report.py

The histories are written with bulk_create, row for row as the services write them
(accesdirect/reporting/tests/bulk.py), plus offers, positionings, contacts and PERs; the time
is the one of `results(filters)`, the function every page and export calls, best of three;
for the structure, the line also gives what a CRE waits for: the Résultats and survival pages
and the funder report (XLSX, PDF), whole requests through Django, best of three.
"""

import datetime
import json
import os
import random
import sys
import time

from _setup import django_with_fresh_database

D = datetime.date
DAY = datetime.timedelta(days=1)
FIRST_ENTRY, DAYS = D(2023, 1, 1), 3 * 365
# Journal entries of everyday work per person (calls, SMS, notes, appointments).
NOTES_PER_PERSON = 5


def progress(message: str) -> None:
    print(f"[bench_report] {message}", file=sys.stderr, flush=True)


def paths_for(rng: random.Random, count: int):
    from accesdirect.core.vocabulary import Contract
    from accesdirect.reporting.tests.bulk import Job, Path
    from accesdirect.seekers.enums import ExitReason

    paths = []
    for _ in range(count):
        entry = FIRST_ENTRY + rng.randrange(DAYS) * DAY
        draw = rng.random()
        jobs = ()
        if draw < 0.27:  # Durable: 39 % of the 70 % back in a job.
            start = entry + rng.randrange(20, 200) * DAY
            jobs = (Job(Contract.CDD, start - 60 * DAY, start - 30 * DAY),) if rng.random() < 0.3 else ()
            jobs += (Job(Contract.CDI, start),)
        elif draw < 0.70:
            start = entry + rng.randrange(20, 200) * DAY
            jobs = (Job(Contract.CDD, start, start + rng.randrange(20, 150) * DAY),)
        leaves = rng.random() < 0.6
        exit_day = entry + rng.randrange(100, 400) * DAY
        if jobs:
            exit_day = max(exit_day, max(job.starts_on for job in jobs))
        if exit_day > FIRST_ENTRY + DAYS * DAY:
            leaves = False
        reason = (
            ExitReason.DURABLE_JOB if draw < 0.27 else ExitReason.OTHER_JOB if jobs else ExitReason.STOPPED
        )
        paths.append(
            Path(
                entry=entry,
                exit=exit_day if leaves else None,
                exit_reason=reason if leaves else "",
                jobs=jobs,
            )
        )
    return paths


def structure_with_history(index: int, people: int, rng: random.Random):
    """A structure, its CREs and `people` paths with their everyday rows."""
    from django.db import transaction

    from accesdirect.companies.enums import ContactKind, ContactOutcome
    from accesdirect.companies.models import Company, CompanyContact
    from accesdirect.core.calendar import PARIS
    from accesdirect.core.scope import structure_scope
    from accesdirect.core.vocabulary import Contract
    from accesdirect.offers.enums import OfferSource, OfferStatus, PositioningStatus
    from accesdirect.offers.models import Offer, Positioning
    from accesdirect.referentials.models import Appellation, Commune
    from accesdirect.reporting.tests.bulk import BATCH, bulk_paths
    from accesdirect.seekers.enums import JournalKind, PeriodStatus
    from accesdirect.seekers.models import EngagementPeriod, JournalEntry
    from accesdirect.structures.enums import Role
    from accesdirect.structures.models import Membership, PrescriberOrganisation, Structure, User

    commune = Commune.objects.first()
    appellation = Appellation.objects.first()
    structure = Structure.objects.create(name=f"Accès {index}", slug=f"acces-{index}", commune=commune)
    with transaction.atomic(), structure_scope(structure):
        cres = [
            User.objects.create_user(email=f"cre{n}@s{index}.fr", first_name=f"CRE {n}") for n in range(8)
        ]
        Membership.objects.bulk_create(
            [Membership(structure=structure, user=user, role=Role.CRE) for user in cres]
        )
        organisation = PrescriberOrganisation.objects.create(
            structure=structure, name="Département", kind="departement"
        )
        paths = paths_for(rng, people)
        ids = []
        for cre_index, start in enumerate(range(0, people, people // len(cres) + 1)):
            chunk = paths[start : start + people // len(cres) + 1]
            ids += bulk_paths(
                structure=structure,
                organisation=organisation,
                cre=cres[cre_index],
                commune=commune,
                paths=chunk,
            )

        def moment(day):
            return datetime.datetime.combine(day, datetime.time(10), tzinfo=PARIS)

        JournalEntry.objects.bulk_create(
            (
                JournalEntry(
                    structure=structure,
                    job_seeker_id=person_id,
                    kind=JournalKind.CALL,
                    text="Appel",
                    occurred_at=moment(path.entry + (n + 1) * 7 * DAY),
                    author=cres[0],
                )
                for person_id, path in zip(ids, paths, strict=True)
                for n in range(NOTES_PER_PERSON)
            ),
            batch_size=BATCH,
        )
        EngagementPeriod.objects.bulk_create(
            (
                EngagementPeriod(
                    structure=structure,
                    job_seeker_id=person_id,
                    cycle=1,
                    number=1,
                    starts_on=path.entry + 7 * DAY,
                    ends_on=path.entry + 60 * DAY,
                    status=PeriodStatus.ENDED,
                    seeker_objectives="-",
                    structure_objectives="-",
                    signed_on=path.entry + 7 * DAY,
                    ended_on=path.entry + 60 * DAY,
                    end_reason="term",
                )
                for person_id, path in zip(ids, paths, strict=True)
            ),
            batch_size=BATCH,
        )
        companies = Company.objects.bulk_create(
            [
                Company(structure=structure, name=f"Entreprise {n}", commune=commune)
                for n in range(people // 10)
            ]
        )
        offers = Offer.objects.bulk_create(
            (
                Offer(
                    structure=structure,
                    company=rng.choice(companies),
                    captured_by=rng.choice(cres),
                    captured_on=FIRST_ENTRY + rng.randrange(DAYS) * DAY,
                    appellation=appellation,
                    title="Agent d'entretien",
                    contract=Contract.CDI,
                    commune=commune,
                    source=rng.choice(OfferSource.values),
                    status=rng.choice([OfferStatus.FILLED, OfferStatus.EXPIRED, OfferStatus.CANCELLED]),
                )
                for _ in range(people // 3)
            ),
            batch_size=BATCH,
        )
        Positioning.objects.bulk_create(
            (
                Positioning(
                    structure=structure,
                    offer=offer,
                    job_seeker_id=rng.choice(ids),
                    presented_by=offer.captured_by if rng.random() < 0.8 else rng.choice(cres),
                    status=rng.choice([PositioningStatus.HIRED, PositioningStatus.NOT_RETAINED]),
                    created_at=moment(offer.captured_on + 3 * DAY),
                )
                for offer in offers
                for _ in range(2)
            ),
            batch_size=BATCH,
        )
        CompanyContact.objects.bulk_create(
            (
                CompanyContact(
                    structure=structure,
                    company=rng.choice(companies),
                    by=rng.choice(cres),
                    kind=ContactKind.values[0],
                    occurred_at=moment(FIRST_ENTRY + rng.randrange(DAYS) * DAY),
                    outcome=ContactOutcome.values[0],
                )
                for _ in range(people // 2)
            ),
            batch_size=BATCH,
        )
    return structure


def events_of(structure_ids) -> int:
    from django_scopes import scopes_disabled

    from accesdirect.companies.models import CompanyContact
    from accesdirect.offers.models import Employment, Offer, Positioning
    from accesdirect.seekers.models import EngagementPeriod, Intake, JournalEntry, Referral

    with scopes_disabled():
        return sum(
            model.objects.filter(structure_id__in=structure_ids).count()
            for model in (
                JournalEntry,
                Referral,
                Intake,
                Employment,
                Offer,
                Positioning,
                CompanyContact,
                EngagementPeriod,
            )
        )


def downloads(structure_id: int) -> dict[str, float]:
    """What a CRE waits for, the whole request in-process (session, scope, queries, layout):
    the Résultats page, the survival page and the funder report as XLSX and PDF, best of three."""
    from django.test import Client
    from django_scopes import scopes_disabled

    from accesdirect.structures.models import Membership

    with scopes_disabled():
        user = Membership.objects.filter(structure_id=structure_id).order_by("pk").first().user
    client = Client()
    client.force_login(user)
    period = {"debut": "2025-01-01", "fin": "2025-12-31"}
    timings = {}
    for name, url in (
        ("page_seconds", "/resultats/"),
        ("survival_page_seconds", "/resultats/survie/"),
        ("xlsx_seconds", "/resultats/rapport.xlsx"),
        ("pdf_seconds", "/resultats/rapport.pdf"),
    ):
        best = None
        for _ in range(3):
            started = time.perf_counter()
            response = client.get(url, period)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            best = elapsed if best is None else min(best, elapsed)
        timings[name] = round(best, 3)
    return timings


def measure(scope: str, structure_ids: list[int], people: int) -> None:
    from accesdirect.reporting.definitions import Filters, results

    filters = Filters(structure_ids=tuple(structure_ids), start=D(2025, 1, 1), end=D(2025, 12, 31))
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        found = results(filters)
        timings.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "bench": "report",
                "scope": scope,
                "people": people,
                "events": events_of(structure_ids),
                "accompanied": found["accompanied"],
                "back_in_job_rate": found["back_in_job_rate"],
                "durable_share": found["durable_share"],
                "seconds": round(min(timings), 3),
                "target_seconds": 1 if scope == "structure" else 3,
                **(downloads(structure_ids[0]) if scope == "structure" else {}),
            }
        ),
        flush=True,
    )


def main() -> None:
    # The bench signs a CRE in without a second factor (a development machine's setting).
    os.environ.setdefault("OTP_REQUIRED", "false")
    django_with_fresh_database()
    from django.db import connection

    from accesdirect.testing import factories as f

    f.CommuneFactory()
    f.AppellationFactory()
    rng = random.Random(2017)
    progress("one structure of 15,000 people")
    single = structure_with_history(0, 15_000, rng)
    network = [structure_with_history(index, 3_000, rng) for index in range(1, 11)]
    progress("a network of 10 structures of 3,000 people")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    measure("structure", [single.pk], 15_000)
    measure("network", [structure.pk for structure in network], 30_000)


if __name__ == "__main__":
    main()
