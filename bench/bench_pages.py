"""Page loads under 20 users: the production server (gunicorn, 2 workers) on PostgreSQL, the demo
territory in a throw-away database, 20 CREs of one structure each signed in with their own
session, asking the main pages for 60 s. One JSON line per page, then one for all:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accesdirect_bench python bench/bench_pages.py
    python bench/bench_pages.py [seconds] [users]       # defaults: 60 s, 20 users

    {"bench": "pages", "page": "person", "requests": 412, "p50_ms": 31.0, "p95_ms": 74.2, "queries": 15, ...}
    {"bench": "pages", "page": "all", "requests": 2871, "requests_per_s": 47.9, "p95_ms": 88.0, ...}

Without DATABASE_URL (PostgreSQL) the bench says why and does nothing: SQLite is not what a
structure runs in production.

How the users behave: each opens a page as a browser does it (the person's page, then its
ranked offers that the page fetches at once and, one time in two, its messages when scrolled
to; an offer's page and its ranked candidates; the Monday board and its first parts; the lists
and a company; the year's results or the survival in employment), then waits half a second to a
second before the next: a busy pace, about twice a second per user. The first 10 seconds warm
the workers up (each loads its matching pools) and are not counted. `queries` is what the page
costs once the pools are kept (measured apart with Django's test client), `queries_first` the
first load of a worker; `alone_ms` the median time of the page asked by one user alone, before
the run (the page's own cost, without queueing).
Targets: p95 <= 150 ms for every page (<= 1 s for the Résultats page, a report over the
structure's whole history) and >= 40 requests/s in all. The machine's load average
is printed with the figures: other processes on the same cores change them; the CPU the server's
workers and their database connections spend per request (`server_cpu_ms_per_request`,
`database_cpu_ms_per_request`) does not depend on them much, and tells the capacity of cores of
its own (2 cores: 2,000 / their sum requests/s at most).

The database is emptied first, then migrated and loaded with the demo (about two minutes);
BENCH_REUSE=1 measures again on the database a previous run left, without reloading it.
"""

import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION_S = 60
WARM_UP_S = 10
USERS = 20
# Wait between two pages of a user (seconds): "a busy pace".
THINK_S = (0.5, 1.0)
PAGE_TARGET_P95_MS = 150
TARGET_REQUESTS_PER_S = 40
# The Résultats page reads the structure's whole history on each visit: a report, with the
# report's target (issue 10: a year's report within a second), not an everyday page's.
REPORT_PAGES = {"results"}
REPORT_TARGET_P95_MS = 1000
BOARD_SECTIONS = (
    "nouvelles-offres",
    "positionnements",
    "issues",
    "mises-a-l-emploi",
    "fins-de-per",
    "sans-proposition",
    "relances",
    "proposition",
    "offres-sans-candidat",
    "personnes-sans-offre",
)


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def production_environment(static_root: str) -> dict[str, str]:
    """The settings of a production server on this machine (plain HTTP on 127.0.0.1)."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


# --- The territory ---------------------------------------------------------------------------


def _demo_loaded() -> bool:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accesdirect.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db.utils import DatabaseError

    from accesdirect.demo.generator import demo_exists

    try:
        return demo_exists()
    except DatabaseError:
        return False


def load_territory(*, reload: bool = True) -> dict:
    """The demo territory and the week's draft; the pages the users will ask for."""
    import io

    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from accesdirect.companies.models import Company
    from accesdirect.core.scope import structure_scope
    from accesdirect.demo.generator.catalogue import BEARN
    from accesdirect.matching.services import assignment_draft_create
    from accesdirect.offers.enums import OfferStatus
    from accesdirect.offers.models import Offer
    from accesdirect.seekers.enums import SeekerStatus
    from accesdirect.seekers.models import JobSeeker
    from accesdirect.structures.enums import Role
    from accesdirect.structures.models import Membership, Structure

    if reload:
        os.environ["DEMO"] = "1"
        started = time.monotonic()
        progress("Chargement du territoire de démonstration (environ deux minutes)…")
        call_command("demo_setup", stdout=io.StringIO())
        progress(f"Territoire chargé en {time.monotonic() - started:.0f} s.")
    with scopes_disabled():
        structure = Structure.objects.get(slug=BEARN.slug)
        members = list(
            Membership.all_objects.filter(structure=structure, role=Role.CRE, is_active=True)
            .select_related("user")
            .order_by("pk")
        )
        people = list(
            JobSeeker.objects.filter(structure=structure, status=SeekerStatus.ACTIVE).values_list(
                "pk", flat=True
            )
        )
        offers = list(
            Offer.objects.filter(structure=structure, status=OfferStatus.OPEN).values_list("pk", flat=True)
        )
        companies = list(Company.objects.filter(structure=structure).values_list("pk", flat=True))
    with structure_scope(structure):
        assignment_draft_create(structure=structure, by=members[0].user)
    return {
        "users": [member.user for member in members],
        "people": people,
        "offers": offers,
        "companies": companies,
    }


# --- What a user asks for --------------------------------------------------------------------


def visit(rng: random.Random, territory: dict) -> list[tuple[str, str, bool]]:
    """One page as a browser loads it: [(page, path, fetched by htmx)]."""
    kind = rng.choice(["person", "person", "offer", "offer", "board", "lists", "company", "home", "results"])
    if kind == "person":
        pk = rng.choice(territory["people"])
        requests = [
            ("person", f"/chercheurs/{pk}/", False),
            ("person_offers", f"/reunion/personnes/{pk}/offres/", True),
        ]
        if rng.random() < 0.5:
            requests.append(("person_messages", f"/chercheurs/{pk}/messages/", True))
        return requests
    if kind == "offer":
        pk = rng.choice(territory["offers"])
        return [
            ("offer", f"/offres/{pk}/", False),
            ("offer_candidates", f"/reunion/offres/{pk}/candidats/", True),
        ]
    if kind == "board":
        shown = rng.sample(BOARD_SECTIONS, 3)
        return [("board", "/reunion/", False)] + [
            ("board_section", f"/reunion/sections/{slug}/", True) for slug in shown
        ]
    if kind == "lists":
        page = rng.randint(1, 5)
        return [rng.choice([("people", f"/chercheurs/?page={page}", False), ("offers", "/offres/", False)])]
    if kind == "company":
        return [
            ("companies", "/entreprises/", False),
            ("company", f"/entreprises/{rng.choice(territory['companies'])}/", False),
        ]
    if kind == "results":
        # The year's results (the page opens on the current year), or the survival in employment.
        return [rng.choice([("results", "/resultats/", False), ("survival", "/resultats/survie/", False)])]
    return [("home", "/", False)]


def fetch(port: int, path: str, session: str, htmx: bool) -> tuple[int, float]:
    headers = {"Cookie": f"sessionid={session}", "Host": "127.0.0.1"}
    if htmx:
        headers["HX-Request"] = "true"
    started = time.perf_counter()
    # gunicorn's sync workers close every connection after its answer: one connection a request.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status, (time.perf_counter() - started) * 1000


def user_loop(port, session, territory, seed, start_at, stop_at, timings, errors, lock) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop_at:
        for page, path, htmx in visit(rng, territory):
            try:
                status, ms = fetch(port, path, session, htmx)
            except OSError as error:
                status, ms = f"{type(error).__name__}", 0.0
            if time.monotonic() < start_at:
                continue  # warming up
            with lock:
                if status == 200:
                    timings[page].append(ms)
                else:
                    errors[f"{page} {status}"] += 1
        time.sleep(rng.uniform(*THINK_S))


# --- The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, log_path: str, workers: int = 2) -> subprocess.Popen:
    # The workers keep their database connections for the whole run (production: a minute), so
    # that the CPU of the database backends serving them is read from the same processes.
    env = {
        **os.environ,
        "WORKERS": str(workers),
        "PORT": str(port),
        "BIND": f"127.0.0.1:{port}",
        "DB_CONN_MAX_AGE": "600",
    }
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "run_web", "--no-collectstatic"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,  # the access log
            stderr=log,
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Le serveur s'est arrêté au démarrage : voir {log_path}")
        try:
            if fetch(port, "/healthz", "", False)[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"Le serveur ne répond pas : voir {log_path}")


def sessions_for(users) -> list[str]:
    """A signed-in session per user, opened the way the test client does (no password hashing,
    no login throttling to get through: the bench measures pages, not sign-ins)."""
    from django.test import Client

    sessions = []
    for user in users:
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    return sessions


def sample_pages(territory) -> dict[str, tuple[str, bool]]:
    """One path of each page: {page: (path, fetched by htmx)}."""
    person, offer, company = territory["people"][0], territory["offers"][0], territory["companies"][0]
    return {
        "home": ("/", False),
        "people": ("/chercheurs/?page=2", False),
        "person": (f"/chercheurs/{person}/", False),
        "person_offers": (f"/reunion/personnes/{person}/offres/", True),
        "person_messages": (f"/chercheurs/{person}/messages/", True),
        "offers": ("/offres/", False),
        "offer": (f"/offres/{offer}/", False),
        "offer_candidates": (f"/reunion/offres/{offer}/candidats/", True),
        "companies": ("/entreprises/", False),
        "company": (f"/entreprises/{company}/", False),
        "board": ("/reunion/", False),
        "results": ("/resultats/", False),
        "survival": ("/resultats/survie/", False),
        **{f"board_section:{slug}": (f"/reunion/sections/{slug}/", True) for slug in BOARD_SECTIONS},
    }


def queries_per_page(user, territory) -> dict[str, tuple[int, int]]:
    """(first load, with the pools kept) queries of each page, read with the test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    pages = sample_pages(territory)
    counts = {}
    for name, (path, htmx) in pages.items():
        headers = {"HX-Request": "true"} if htmx else {}
        found = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"{path} answers {response.status_code} to the test client")
            found.append(len(queries.captured_queries))
        counts[name] = (found[0], found[1])
    sections = [count for name, count in counts.items() if name.startswith("board_section:")]
    counts["board_section"] = (max(first for first, _ in sections), max(kept for _, kept in sections))
    return counts


def alone_ms(port: int, session: str, territory) -> dict[str, float]:
    """Each page asked by one user alone, five times in a row after a first time: the median,
    the cost of the page itself without waiting behind others."""
    alone: dict[str, list[float]] = defaultdict(list)
    for name, (path, htmx) in sample_pages(territory).items():
        fetch(port, path, session, htmx)
        for _ in range(5):
            status, ms = fetch(port, path, session, htmx)
            if status == 200:
                alone[name.split(":")[0]].append(ms)
    return {name: round(statistics.median(values), 1) for name, values in alone.items()}


def cpu_seconds(pids) -> float:
    """User and system CPU time of these processes so far (Linux /proc); gone ones count 0."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def server_processes(server: subprocess.Popen) -> tuple[list[int], list[int]]:
    """The gunicorn workers, and the PostgreSQL backends of their (persistent) connections."""
    from django.db import connection

    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cursor.fetchall()]
    connection.close()
    return [int(pid) for pid in children], backends


# --- The run ---------------------------------------------------------------------------------


def main(duration_s: int, users_count: int) -> None:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        progress(
            "bench_pages : mesure sautée, elle demande PostgreSQL "
            "(DATABASE_URL=postgres://…/une_base_jetable python bench/bench_pages.py)."
        )
        return
    static_root = tempfile.mkdtemp(prefix="accesdirect-bench-static-")
    for name, value in production_environment(static_root).items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(ROOT / "bench"))
    from _setup import django_with_fresh_database

    if os.environ.get("BENCH_REUSE") == "1" and _demo_loaded():
        # Measuring again on the database of a previous run (BENCH_REUSE=1): migrated, not reloaded.
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    else:
        django_with_fresh_database()
    from django.core.management import call_command
    from django.db import connections

    territory = load_territory(reload=os.environ.get("BENCH_REUSE") != "1")
    # With DEBUG=false every page links its CSS through the manifest of the collected files.
    call_command("collectstatic", interactive=False, verbosity=0)
    users = territory["users"][:users_count]
    if len(users) < users_count:
        raise SystemExit(f"La démo n'a que {len(users)} CRE dans la structure.")
    queries = queries_per_page(users[0], territory)
    sessions = sessions_for(users)
    connections.close_all()

    port = free_port()
    log_path = os.path.join(tempfile.gettempdir(), "accesdirect-bench-pages-server.log")
    progress(f"Serveur de production (gunicorn, 2 travailleurs) sur le port {port}, journal : {log_path}")
    server = start_server(port, log_path)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    try:
        progress("Chaque page seule, un utilisateur…")
        alone = alone_ms(port, sessions[0], territory)
        start_at = time.monotonic() + WARM_UP_S
        stop_at = start_at + duration_s
        progress(f"{users_count} utilisateurs, {WARM_UP_S} s de mise en route puis {duration_s} s de mesure…")
        threads = [
            threading.Thread(
                target=user_loop,
                args=(port, session, territory, seed, start_at, stop_at, timings, errors, lock),
                daemon=True,
            )
            for seed, session in enumerate(sessions)
        ]
        for thread in threads:
            thread.start()
        # The CPU the server spends (its workers, and the database for them) per request: what
        # the figures would be on cores of its own, whatever else runs on the machine.
        time.sleep(max(0.0, start_at - time.monotonic()))
        workers, backends = server_processes(server)
        cpu_before = (cpu_seconds(workers), cpu_seconds(backends))
        time.sleep(max(0.0, stop_at - time.monotonic()))
        cpu_after = (cpu_seconds(workers), cpu_seconds(backends))
        for thread in threads:
            thread.join()
        load_average = os.getloadavg()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    every = []
    for page in sorted(timings):
        values = timings[page]
        every += values
        first, kept = queries[page]
        emit(
            bench="pages",
            page=page,
            requests=len(values),
            p50_ms=round(statistics.median(values), 1),
            p95_ms=round(_percentile(values, 95), 1),
            queries=kept,
            queries_first=first,
            alone_ms=alone.get(page),
        )
    emit(
        bench="pages",
        page="all",
        users=users_count,
        seconds=duration_s,
        requests=len(every),
        requests_per_s=round(len(every) / duration_s, 1),
        p50_ms=round(statistics.median(every), 1) if every else None,
        p95_ms=round(_percentile(every, 95), 1) if every else None,
        errors=dict(errors),
        max_page_p95_ms=round(
            max(_percentile(values, 95) for page, values in timings.items() if page not in REPORT_PAGES), 1
        )
        if timings
        else None,
        report_page_p95_ms=round(
            max(
                (_percentile(values, 95) for page, values in timings.items() if page in REPORT_PAGES),
                default=0,
            ),
            1,
        ),
        server_cpu_ms_per_request=round((cpu_after[0] - cpu_before[0]) * 1000 / max(len(every), 1), 1),
        database_cpu_ms_per_request=round((cpu_after[1] - cpu_before[1]) * 1000 / max(len(every), 1), 1),
        targets={
            "page_p95_ms": PAGE_TARGET_P95_MS,
            "report_page_p95_ms": REPORT_TARGET_P95_MS,
            "requests_per_s": TARGET_REQUESTS_PER_S,
        },
        load_average=[round(value, 1) for value in load_average],
        cores=os.cpu_count(),
    )


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:3]]
    main(*(arguments + [DURATION_S, USERS][len(arguments) :]))
