"""One current PER at a time, under concurrency: several CREs open a PER for the same person
at once. Exactly one is created, every other one is told so, no database error."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.seekers.models import EngagementPeriod, period_latest_end
from accesdirect.seekers.services import period_create

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_pers_for_one_person_leave_one_current_per(pau, camille, accompanied):
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()
    today = timezone.localdate()

    def attempt():
        try:
            with structure_scope(pau):
                barrier.wait(timeout=30)
                period_create(
                    job_seeker=accompanied,
                    starts_on=today,
                    ends_on=period_latest_end(today),
                    seeker_objectives="x",
                    structure_objectives="y",
                    by=camille,
                )
            result = "created"
        except DomainError as exc:
            assert "déjà un PER" in exc.message
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error is the failure we look for
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [result for result in outcomes if result.startswith("error")] == [], connection.vendor
    assert outcomes.count("created") == 1
    assert outcomes.count("refused") == THREADS - 1
    with scopes_disabled():
        assert EngagementPeriod.objects.filter(job_seeker=accompanied).count() == 1
