"""One-click reservations under load: the production server (gunicorn, 2 workers, DEBUG off) on
PostgreSQL, on loopback, people signed in to the job seekers' app reserving offers as fast as
32 clients can send them, for 20 s. Prints one JSON line, then the weight of the offers page:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accesdirect_bench python bench/bench_reserve.py

    {"bench": "reserve", "per_s": 412.0, "reserved_per_s": 95.1, "p95_ms": 140.3, "doubles": 0, ...}
    {"bench": "reserve_page", "page": "offers", "first_visit_bytes": 9120, "repeat_visit_bytes": 2210, ...}

`per_s` counts every answered attempt (a reservation, or the 409 of an offer someone holds);
`reserved_per_s` the reservations made; `doubles` the offers that end with two active holds
(must be 0). Targets: >= 200 reservations/s, p95 <= 300 ms, 0 doubles. The offers page is
weighed as a phone gets it through the reverse proxy (gzip): the first visit with its
stylesheet, script, manifest and icon, the repeat visit without them (whitenoise gives the
hashed static files a year of cache). Targets: < 60 KB first, < 10 KB repeat.
"""

import gzip
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import emit, free_port, production_environment, progress, start_server  # noqa: E402

CLIENTS = 32
DURATION_S = 20
TARGET_PER_S = 200
TARGET_P95_MS = 300
TARGET_FIRST_KB = 60
TARGET_REPEAT_KB = 10


SCENARIOS = {
    # The race of the test suite: many people, few offers; most clicks lose (409).
    "race": {"offers": 50, "people": 600},
    # Plenty of open offers: most clicks win, the costly path (the hold, its SMS, the journal).
    "open": {"offers": 3000, "people": 1500},
}


def load(name: str, offers_count: int, people_count: int) -> dict:
    """A structure, its CRE, open offers and people signed in to the app."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django_scopes import scopes_disabled

    from accesdirect.core.versions import data_version_bump
    from accesdirect.portals.app_session import SESSION_KEY, SESSION_PHONE_KEY
    from accesdirect.testing import factories as f

    progress(f"{name} : {offers_count} offres et {people_count} personnes…")
    with scopes_disabled():
        structure = f.StructureFactory(name=f"Accès Banc {name}", slug=f"acces-banc-{name}")
        cre = f.staff_user(structure, "cre", first_name="Camille")
        job = f.AppellationFactory()
        company = f.CompanyFactory(structure=structure)
        offers = [
            f.OfferFactory(
                structure=structure,
                company=company,
                captured_by=cre,
                appellation=job,
                commune=structure.commune,
            ).pk
            for _ in range(offers_count)
        ]
        sessions = []
        for index in range(people_count):
            person = f.JobSeekerFactory(
                structure=structure, phone=f"+336{len(name)}{index:07d}", commune=structure.commune
            )
            if index == 0:
                f.TargetJobFactory(job_seeker=person, appellation=job, commune=structure.commune)
            session = SessionStore()
            session[SESSION_KEY] = person.pk
            session[SESSION_PHONE_KEY] = person.phone
            session.create()
            sessions.append(session.session_key)
        data_version_bump(structure_id=structure.pk)
    return {"offers": offers, "sessions": sessions, "cookie": settings.SESSION_COOKIE_NAME}


def post(port: int, path: str, cookie: str, csrf: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            headers={"Cookie": f"{cookie}; csrftoken={csrf}", "X-CSRFToken": csrf, "Host": "127.0.0.1"},
        )
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status, (time.perf_counter() - started) * 1000


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def weigh_offers_page(port: int, cookie: str) -> dict:
    """The offers page as a phone receives it through nginx (gzip): first and repeat visit."""
    import re

    status, html, _headers = get(port, "/app/offres/", cookie)
    if status != 200:
        raise SystemExit(f"/app/offres/ answers {status}")
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+|/app/manifest\.webmanifest)"', html)
    first = len(gzip.compress(html))
    cached = []
    for asset in sorted(set(assets)):
        status, body, headers = get(port, asset.decode())
        first += len(gzip.compress(body)) if not asset.endswith(b".png") else len(body)
        cached.append(
            "immutable" in headers.get("Cache-Control", "") or "max-age" in headers.get("Cache-Control", "")
        )
    return {
        "page": "offers",
        "html_bytes": len(html),
        "first_visit_bytes": first,
        "repeat_visit_bytes": len(gzip.compress(html)),
        "assets": len(set(assets)),
        "assets_cached": all(cached),
        "targets": {"first_visit_kb": TARGET_FIRST_KB, "repeat_visit_kb": TARGET_REPEAT_KB},
    }


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print(
            "bench_reserve mesure le serveur de production sur PostgreSQL : donnez DATABASE_URL=postgres://…"
        )
        return
    static_root = tempfile.mkdtemp(prefix="accesdirect-bench-static-")
    for name, value in production_environment(static_root).items():
        os.environ.setdefault(name, value)
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    from _setup import django_with_fresh_database

    django_with_fresh_database()
    from django.core.management import call_command
    from django.db import connections
    from django.middleware.csrf import _get_new_csrf_string

    data = {name: load(name, sizes["offers"], sizes["people"]) for name, sizes in SCENARIOS.items()}
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()
    csrf = _get_new_csrf_string()
    port = free_port()
    log_path = os.path.join(tempfile.gettempdir(), "accesdirect-bench-reserve-server.log")
    # Two workers, as the page bench: on 2 cores shared with PostgreSQL and the 32 clients, the
    # production default (default_workers: 5 here) measured fewer reservations a second.
    workers = 2
    progress(f"Serveur de production (gunicorn, {workers} travailleurs) sur le port {port}")
    server = start_server(port, log_path, workers=workers)
    results = {}
    try:
        open_data = data["open"]
        page = weigh_offers_page(port, f"{open_data['cookie']}={open_data['sessions'][0]}")
        for name, scenario in data.items():
            progress(f"{name} : {CLIENTS} clients pendant {DURATION_S} s…")
            results[name] = run(port, scenario, csrf)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    from django.db.models import Count
    from django_scopes import scopes_disabled

    from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES
    from accesdirect.offers.models import Positioning

    with scopes_disabled():
        doubles = (
            Positioning.objects.filter(status__in=ACTIVE_POSITIONING_STATUSES)
            .values("offer_id")
            .annotate(holds=Count("pk"))
            .filter(holds__gt=1)
            .count()
        )
    for name, (elapsed, timings, answers) in results.items():
        ordered = sorted(timings)
        emit(
            bench="reserve",
            scenario=name,
            offers=SCENARIOS[name]["offers"],
            clients=CLIENTS,
            workers=workers,
            seconds=round(elapsed, 1),
            attempts=len(timings),
            per_s=round(len(timings) / elapsed, 1),
            reserved_per_s=round(answers[201] / elapsed, 1),
            p50_ms=round(statistics.median(ordered), 1),
            p95_ms=round(ordered[round(0.95 * (len(ordered) - 1))], 1),
            doubles=doubles,
            answers={str(status): count for status, count in sorted(answers.items())},
            targets={"per_s": TARGET_PER_S, "p95_ms": TARGET_P95_MS, "doubles": 0},
            load_average=[round(value, 1) for value in os.getloadavg()],
            cores=os.cpu_count(),
        )
    emit(bench="reserve_page", **page)


def run(port: int, data: dict, csrf: str):
    """CLIENTS threads reserving random offers for DURATION_S; a person who holds two offers
    (or is refused a third) hands over to the next one."""
    timings: list[float] = []
    answers: Counter = Counter()
    lock = threading.Lock()
    pool = iter(data["sessions"][CLIENTS:])
    stop_at = time.monotonic() + DURATION_S

    def client(index: int) -> None:
        nonlocal pool
        rng = random.Random(index)
        session = data["sessions"][index]
        held = 0
        while time.monotonic() < stop_at:
            offer = rng.choice(data["offers"])
            status, ms = post(
                port, f"/api/v1/app/offers/{offer}/reservation", f"{data['cookie']}={session}", csrf
            )
            with lock:
                timings.append(ms)
                answers[status] += 1
            held += status == 201
            if held == 2 or status == 400:
                with lock:
                    session, held = next(pool, session), 0

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started, timings, answers


if __name__ == "__main__":
    main()
