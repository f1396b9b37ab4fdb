"""Principle B under concurrency: many CREs position different people on the same offers at
once. At most one active positioning per offer, every loser told so, no database error."""

import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, OfferStatus
from accesdirect.offers.models import Offer, Positioning
from accesdirect.offers.services import OfferAlreadyPositioned, positioning_create
from accesdirect.testing import factories as f

THREADS = 32
OFFERS = 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_positionings_leave_one_person_per_offer(pau, camille):
    offers = [
        f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille) for _ in range(OFFERS)
    ]
    seekers = [f.JobSeekerFactory(structure=pau) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def attempt(index: int):
        offer_id = offers[index % OFFERS].pk
        try:
            with structure_scope(pau):
                offer = Offer.objects.get(pk=offer_id)
                barrier.wait(timeout=30)
                positioning_create(offer=offer, job_seeker=seekers[index], by=camille)
            result = "won"
        except OfferAlreadyPositioned as exc:
            assert "déjà positionnée" in exc.message
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error is the failure we look for
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append((offer_id, result))

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    errors = [result for _, result in outcomes if result.startswith("error")]
    assert errors == [], f"{connection.vendor}: {errors}"
    assert len(outcomes) == THREADS
    for offer in offers:
        results = [result for offer_id, result in outcomes if offer_id == offer.pk]
        assert results.count("won") == 1
        assert results.count("refused") == len(results) - 1
    with scopes_disabled():
        for offer in offers:
            assert (
                Positioning.objects.filter(offer=offer, status__in=ACTIVE_POSITIONING_STATUSES).count() == 1
            )
            offer.refresh_from_db()
            assert offer.status == OfferStatus.POSITIONED
