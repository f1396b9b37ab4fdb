"""One offer, one person, when reserving in one click: 64 threads send 10,000 reservations over
real HTTP to the production server (`run_web`: gunicorn, 2 worker processes, DEBUG off; the
whole stack: sessions, CSRF, the app's authentication, the API endpoint) on 50 offers, on the
test database of the run (SQLite or PostgreSQL). No offer ends with two holds, every loser gets
409 with the stable code, and the counts of answers equal the rows."""

import http.client
import json
import random
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import override_settings
from django_scopes import scopes_disabled

from accesdirect.core.tests.test_production_server import PRODUCTION_ENV, _Server
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, OfferStatus, PositioningStatus
from accesdirect.offers.models import Offer, Positioning
from accesdirect.portals.app_session import SESSION_KEY, SESSION_PHONE_KEY
from accesdirect.testing import factories as f
from accesdirect.testing.database import child_database_url

THREADS = 64
ATTEMPTS = 10_000
OFFERS = 50


def _session_for(job_seeker) -> str:
    """A person signed in to the app, as the server (its own secret key) reads the session."""
    with override_settings(SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"]):
        session = SessionStore()
        session[SESSION_KEY] = job_seeker.pk
        session[SESSION_PHONE_KEY] = job_seeker.phone
        session.create()
    return session.session_key


@pytest.mark.django_db(transaction=True)
def test_ten_thousand_reservations_over_http_leave_one_hold_per_offer(pau, camille, tmp_path):
    appellation = f.AppellationFactory()
    offers = [
        f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille, appellation=appellation)
        for _ in range(OFFERS)
    ]
    # Each thread reserves as one person; a person who wins hands over to a fresh one from a
    # shared pool (a person holds at most two offers: a third would be a 400, not a race).
    sessions = [
        _session_for(f.JobSeekerFactory(structure=pau, phone=f"+3361{index:07d}"))
        for index in range(THREADS + OFFERS)
    ]
    fresh = iter(sessions[THREADS:])
    connections.close_all()
    csrf = _get_new_csrf_string()
    server = _Server(
        DATABASE_URL=child_database_url(),
        STATIC_ROOT=str(tmp_path / "static"),
        WORKERS="2",
        SECURE_SSL_REDIRECT="false",
    )
    host = urlsplit(server.wait_until_serving())
    answers: Counter = Counter()
    won: Counter = Counter()
    codes: Counter = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def attempts(thread: int) -> None:
        rng = random.Random(thread)
        session = sessions[thread]
        barrier.wait(timeout=60)
        for _ in range(ATTEMPTS // THREADS + (thread < ATTEMPTS % THREADS)):
            offer = offers[rng.randrange(OFFERS)]
            client = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
            try:
                client.request(
                    "POST",
                    f"/api/v1/app/offers/{offer.pk}/reservation",
                    headers={
                        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={csrf}",
                        "X-CSRFToken": csrf,
                    },
                )
                response = client.getresponse()
                body = response.read()
            finally:
                client.close()
            with lock:
                answers[response.status] += 1
                if response.status == 201:
                    won[offer.pk] += 1
                elif response.status == 409:
                    codes[json.loads(body)["code"]] += 1
                if response.status == 201:
                    session = next(fresh)

    threads = [threading.Thread(target=attempts, args=(index,)) for index in range(THREADS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    assert "Internal Server Error" not in server.output()

    print(f"\n{connection.vendor}: {dict(answers)}")
    assert sum(answers.values()) == ATTEMPTS
    assert set(answers) <= {201, 409}, answers
    assert codes == Counter({"offer_already_reserved": answers[409]})
    with scopes_disabled():
        holds = Counter(
            Positioning.objects.filter(status__in=ACTIVE_POSITIONING_STATUSES).values_list(
                "offer_id", flat=True
            )
        )
        assert max(holds.values()) == 1
        # Every 201 is one reservation row, every offer won once and held.
        assert answers[201] == Positioning.objects.filter(status=PositioningStatus.RESERVED).count()
        assert won == holds
        assert answers[201] == Offer.objects.filter(status=OfferStatus.POSITIONED).count()
