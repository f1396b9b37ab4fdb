"""Outbox throughput: queue N messages, then let one worker send them through the Brevo
adapter to the local fake Brevo server (real HTTP on 127.0.0.1). Prints one JSON line.

    python bench/bench_outbox.py [N]           # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accesdirect_bench python bench/bench_outbox.py

Login codes are used because they are urgent: the figure does not depend on the hour the
benchmark runs (other kinds wait for the sending window)."""

import json
import sys
import time

from _setup import django_with_fresh_database


def main(count: int) -> None:
    django_with_fresh_database()
    from django.db import connection, transaction

    from accesdirect.messaging.enums import MessageKind, MessageStatus
    from accesdirect.messaging.models import Message
    from accesdirect.messaging.providers.brevo import BrevoProvider
    from accesdirect.messaging.services import message_queue
    from accesdirect.messaging.testing.fake_providers import serve
    from accesdirect.messaging.worker import FailoverChain, run_batch
    from accesdirect.structures.models import Structure

    structure = Structure.objects.create(name="Bench", slug="bench", sms_sender="BENCH")
    started = time.perf_counter()
    for index in range(count):
        # One transaction per message, as a business change would do.
        with transaction.atomic():
            message_queue(
                structure_id=structure.pk,
                kind=MessageKind.LOGIN_CODE,
                recipient=f"+3361{index:07d}",
                context={"code": f"{index:06d}"},
                idempotency_key=f"bench:{index}",
            )
    queued_seconds = time.perf_counter() - started

    with serve("brevo") as fake:
        chain = FailoverChain([BrevoProvider(**fake.provider_kwargs())])
        started = time.perf_counter()
        while run_batch(chain=chain, limit=100).claimed:
            pass
        sent_seconds = time.perf_counter() - started
        received = len(fake.received)
    sent = Message.all_objects.filter(status=MessageStatus.SENT).count()
    print(
        json.dumps(
            {
                "bench": "outbox",
                "database": connection.vendor,
                "messages": count,
                "sent": sent,
                "received_by_provider": received,
                "messages_per_s": round(sent / sent_seconds, 1),
                "queued_per_s": round(count / queued_seconds, 1),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
