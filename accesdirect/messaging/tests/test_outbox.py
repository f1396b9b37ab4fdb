import datetime
import threading

import pytest
from django.db import connections, transaction
from django_scopes import scopes_disabled

from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource
from accesdirect.messaging.gsm import is_gsm7
from accesdirect.messaging.models import Message
from accesdirect.messaging.services import message_queue, opt_out_add
from accesdirect.messaging.worker import run_batch

from .conftest import PARIS, TUESDAY_10H

pytestmark = pytest.mark.django_db


def queue_reminder(structure, *, key="appointment-reminder:1", phone="06 12 34 56 78", now=TUESDAY_10H):
    return message_queue(
        structure_id=structure.pk,
        kind=MessageKind.APPOINTMENT_REMINDER,
        recipient=phone,
        context={
            "structure": "Accès Pau",
            "date": "mercredi 25",
            "time": "9h30",
            "staff": "Camille",
            "place": "Pau",
        },
        idempotency_key=key,
        now=now,
    )


def test_a_rolled_back_business_change_leaves_no_message(pau):
    class BusinessError(Exception):
        pass

    with pytest.raises(BusinessError), transaction.atomic():
        queue_reminder(pau)
        raise BusinessError
    assert not Message.all_objects.exists()


def test_queueing_the_same_event_twice_sends_once(pau, file_chain, sent):
    first = queue_reminder(pau)
    second = queue_reminder(pau)
    assert first.pk == second.pk
    run_batch(chain=file_chain, now=TUESDAY_10H)
    run_batch(chain=file_chain, now=TUESDAY_10H)
    assert len(sent.lines()) == 1
    assert sent.lines()[0]["to"] == "+33612345678"
    first.refresh_from_db()
    assert first.status == MessageStatus.SENT
    assert first.provider == "console"


def test_the_body_is_plain_gsm7_with_the_structures_sender(pau, file_chain, sent):
    pau.sms_sender = "ACCESPAU"
    pau.save(update_fields=["sms_sender"])
    queue_reminder(pau)
    run_batch(chain=file_chain, now=TUESDAY_10H)
    line = sent.lines()[0]
    assert line["from"] == "ACCESPAU"
    assert is_gsm7(line["body"])
    assert line["body"].startswith("Accès Pau : rappel, RDV le mercredi 25 à 9h30")


def test_a_message_queued_at_21h_goes_at_8h_the_next_morning(pau, file_chain, sent):
    evening = datetime.datetime(2026, 11, 24, 21, 0, tzinfo=PARIS)
    message = queue_reminder(pau, now=evening)
    assert message.next_attempt_at == datetime.datetime(2026, 11, 25, 8, 0, tzinfo=PARIS)
    run_batch(chain=file_chain, now=evening + datetime.timedelta(hours=2))
    assert sent.lines() == []
    run_batch(chain=file_chain, now=datetime.datetime(2026, 11, 25, 8, 0, tzinfo=PARIS))
    assert len(sent.lines()) == 1


def test_login_codes_are_urgent_and_go_at_night(pau, file_chain, sent):
    night = datetime.datetime(2026, 12, 25, 23, 30, tzinfo=PARIS)
    message_queue(
        structure_id=pau.pk,
        kind=MessageKind.LOGIN_CODE,
        recipient="+33612345678",
        context={"code": "482913"},
        idempotency_key="login:1",
        now=night,
    )
    run_batch(chain=file_chain, now=night)
    assert "482913" in sent.lines()[0]["body"]


def test_stop_between_queueing_and_sending_cancels_the_message(pau, file_chain, sent):
    message = queue_reminder(pau)
    opt_out_add(structure_id=pau.pk, phone="+33612345678", source=OptOutSource.SMS_STOP)
    run_batch(chain=file_chain, now=TUESDAY_10H)
    assert sent.lines() == []
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED


def test_stop_does_not_block_a_login_code(pau, file_chain, sent):
    opt_out_add(structure_id=pau.pk, phone="+33612345678", source=OptOutSource.SMS_STOP)
    message_queue(
        structure_id=pau.pk,
        kind=MessageKind.LOGIN_CODE,
        recipient="+33612345678",
        context={"code": "111222"},
        idempotency_key="login:2",
        now=TUESDAY_10H,
    )
    run_batch(chain=file_chain, now=TUESDAY_10H)
    assert len(sent.lines()) == 1


def test_stop_of_one_structure_does_not_silence_another(pau, basque, file_chain, sent):
    opt_out_add(structure_id=basque.pk, phone="+33612345678", source=OptOutSource.SMS_STOP)
    queue_reminder(pau)
    run_batch(chain=file_chain, now=TUESDAY_10H)
    assert len(sent.lines()) == 1


def test_an_invalid_number_is_kept_as_a_visible_failure(pau, file_chain, sent):
    message = queue_reminder(pau, phone="05 59 00 00 00")
    assert message.status == MessageStatus.FAILED
    assert "mobile" in message.last_error
    run_batch(chain=file_chain, now=TUESDAY_10H)
    assert sent.lines() == []


def test_the_scoped_manager_shows_messages_of_the_structure_only(pau, basque):
    queue_reminder(pau, key="a")
    queue_reminder(basque, key="b")
    from accesdirect.core.scope import structure_scope

    with structure_scope(pau):
        assert [m.idempotency_key for m in Message.objects.all()] == ["a"]


@pytest.mark.django_db(transaction=True)
def test_several_workers_at_once_never_send_a_message_twice(pau, file_chain, sent):
    with scopes_disabled():
        for index in range(60):
            queue_reminder(pau, key=f"k{index}", phone=f"+336123456{index:02d}")
    barrier = threading.Barrier(4)
    errors = []

    def work():
        try:
            barrier.wait(timeout=10)
            for _ in range(10):
                run_batch(chain=file_chain, limit=7, now=TUESDAY_10H)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    recipients = [line["to"] for line in sent.lines()]
    assert len(recipients) == 60
    assert len(set(recipients)) == 60
    assert Message.all_objects.filter(status=MessageStatus.SENT).count() == 60
