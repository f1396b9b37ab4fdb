"""PostgreSQL restarts under a running worker (an upgrade, a failover): the server terminates
its connection. The worker must not die with it: it reconnects and sends what was queued
during and after the outage. Before, the first query on the dead connection ended the process,
and with it every SMS of the structure until someone restarted it."""

import signal
import subprocess
import time

import pytest
from django.db import connection

from accesdirect.messaging.enums import MessageKind, MessageStatus
from accesdirect.messaging.models import Message
from accesdirect.messaging.services import message_queue
from accesdirect.messaging.testing.fake_providers import serve

from .test_crash import _start_worker, _wait_for, _wait_until_up

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a server that terminates connections is PostgreSQL's"
)


def _queue(pau, index: int) -> None:
    message_queue(
        structure_id=pau.pk,
        kind=MessageKind.LOGIN_CODE,
        recipient=f"+3363{index:07d}",
        context={"code": f"{index:06d}"},
        idempotency_key=f"outage:{index}",
    )


def _terminate_other_connections() -> int:
    """What a restart does to the worker: every other session of this database is killed."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_its_connection_being_terminated_and_sends_on(pau):
    _queue(pau, 0)
    with serve("brevo") as fake:
        worker = _start_worker(fake.url, "--no-schedulers", stdout=subprocess.PIPE)
        try:
            _wait_until_up(worker, timeout=60)
            _wait_for(lambda: len(fake.received) == 1, timeout=30)
            assert _terminate_other_connections() >= 1
            time.sleep(0.5)  # the worker polls on its dead connection meanwhile
            for index in range(1, 4):
                _queue(pau, index)
            _wait_for(lambda: len(fake.received) == 4, timeout=60)
            assert worker.poll() is None, "the worker died with its connection"
        finally:
            worker.send_signal(signal.SIGTERM)
            _out, errors = worker.communicate(timeout=30)
    assert "database unavailable" in errors.decode()
    assert Message.all_objects.filter(status=MessageStatus.SENT).count() == 4
