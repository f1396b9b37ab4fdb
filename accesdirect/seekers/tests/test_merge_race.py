"""Two merges of the same pair at once, in opposite directions (two people of the direction
on the two files' pages): the person rows are locked in id order, so one merge waits for the
other and is then told the file is gone; no deadlock, no database error, one file left."""

import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.seekers.models import JobSeeker, JournalEntry
from accesdirect.seekers.services import job_seeker_merge
from accesdirect.testing import factories as f

from . import factories as sf


@pytest.mark.django_db(transaction=True)
def test_opposite_merges_of_one_pair_at_once_leave_one_file(pau, dominique):
    first = f.JobSeekerFactory(structure=pau)
    second = f.JobSeekerFactory(structure=pau)
    for seeker in (first, second):
        sf.JournalEntryFactory(job_seeker=seeker)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(kept, merged):
        try:
            with structure_scope(pau):
                barrier.wait(timeout=30)
                job_seeker_merge(kept=kept, merged=merged, by=dominique)
            result = "merged"
        except DomainError as exc:
            assert "vient d'être fusionné" in exc.message
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error is the failure we look for
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=attempt, args=(first, second)),
        threading.Thread(target=attempt, args=(second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["merged", "refused"], (connection.vendor, outcomes)
    with scopes_disabled():
        (survivor,) = JobSeeker.objects.all()
        assert JournalEntry.objects.filter(job_seeker=survivor).count() == 3
