"""The outbox's long-running services, as production runs them: `run_worker --no-schedulers`
sends, `run_scheduler` queues the time-based messages once a minute; each stops cleanly on
SIGTERM (systemd) and freezes its start-up objects for the garbage collector.

The commands run in this process; what they do (a batch sent, a scheduler called) sends the
SIGTERM that stops them, so that no test waits on a timer."""

import gc
import logging
import os
import signal

import pytest
from django.core.management import call_command

from accesdirect.messaging import schedule
from accesdirect.messaging.enums import MessageKind, MessageStatus
from accesdirect.messaging.services import message_queue

pytestmark = pytest.mark.django_db


def _terminate_this_process():
    os.kill(os.getpid(), signal.SIGTERM)


@pytest.fixture(autouse=True)
def signals_and_collector_restored():
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    yield
    for signum, handler in handlers.items():
        signal.signal(signum, handler)
    gc.unfreeze()


@pytest.fixture
def scheduler_calls():
    """A scheduler registered beside the domain apps' ones, which records its calls; its
    `stop_after` call asks the process to stop (none if left empty)."""
    calls = []
    stop_after = []

    def probe_scheduler(*, now):
        calls.append(now)
        if stop_after and len(calls) == stop_after[0]:
            _terminate_this_process()
        return 0

    schedule.register_scheduler(probe_scheduler)
    yield calls, stop_after
    del schedule._schedulers[schedule.scheduler_name(probe_scheduler)]


class _StopAfterFirstBatch(logging.Handler):
    def emit(self, record):
        if record.getMessage().startswith("outbox batch"):
            _terminate_this_process()


@pytest.mark.parametrize(("arguments", "scheduler_runs"), [((), True), (("--no-schedulers",), False)])
def test_the_worker_sends_and_leaves_the_schedulers_to_their_service_when_told(
    pau, scheduler_calls, arguments, scheduler_runs
):
    calls, _stop_after = scheduler_calls
    message = message_queue(
        structure_id=pau.pk,
        kind=MessageKind.LOGIN_CODE,
        recipient="+33612345678",
        context={"code": "123456"},
        idempotency_key="service:worker",
    )
    worker_logger = logging.getLogger("accesdirect.messaging.worker")
    handler, level = _StopAfterFirstBatch(), worker_logger.level
    worker_logger.addHandler(handler)
    worker_logger.setLevel(logging.INFO)
    try:
        call_command("run_worker", *arguments, "--poll-interval", "0.05")
    finally:
        worker_logger.removeHandler(handler)
        worker_logger.setLevel(level)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert bool(calls) is scheduler_runs
    assert gc.get_freeze_count() > 0


def test_the_scheduler_service_runs_the_schedulers_and_stops_on_sigterm(scheduler_calls, capsys):
    calls, stop_after = scheduler_calls
    stop_after.append(1)
    call_command("run_scheduler")
    assert len(calls) == 1
    assert gc.get_freeze_count() > 0
    assert "Planificateur des messages démarré" in capsys.readouterr().out


def test_the_scheduler_service_runs_again_after_its_interval(scheduler_calls):
    calls, stop_after = scheduler_calls
    stop_after.append(2)
    call_command("run_scheduler", "--interval", "0.05")
    assert len(calls) == 2
    assert calls[1] > calls[0]
