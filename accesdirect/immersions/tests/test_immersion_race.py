"""Two CREs plan, at the same moment, the second and third immersion of the same person with the
same company: the person's row is locked, so exactly one of them goes through."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.immersions import services
from accesdirect.immersions.models import Immersion
from accesdirect.immersions.services import ImmersionRefused

THREADS = 4
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_concurrent_plans_never_make_a_third_immersion_with_the_same_company(pau, camille, seeker, terms):
    with structure_scope(pau):
        services.immersion_create(
            job_seeker=seeker, by=camille, terms=terms(starts_on=D(2027, 1, 4), ends_on=D(2027, 1, 15))
        )
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(index: int):
        start = D(2027, 2, 1) + datetime.timedelta(weeks=index)
        try:
            with structure_scope(pau):
                barrier.wait(timeout=30)
                services.immersion_create(
                    job_seeker=seeker,
                    by=camille,
                    terms=terms(starts_on=start, ends_on=start + datetime.timedelta(days=4)),
                )
            result = "won"
        except ImmersionRefused as exc:
            assert "deux immersions" in exc.message
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error is the failure we look for
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["won"], f"{connection.vendor}: {outcomes}"
    with scopes_disabled():
        assert Immersion.objects.filter(job_seeker=seeker).count() == 2
