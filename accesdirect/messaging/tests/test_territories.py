"""Quiet hours and public holidays follow the territory of the structure that writes (its head
office's commune): 08:00 in Paris is 03:00 in Guadeloupe, and 20 December rests in La Réunion
but not in Pau. Checked where a message gets its first send time and where the worker sends."""

import datetime
import zoneinfo

import pytest

from accesdirect.messaging.enums import MessageKind, MessageStatus
from accesdirect.messaging.models import Message
from accesdirect.messaging.services import message_queue, message_resend
from accesdirect.messaging.worker import run_batch
from accesdirect.testing import factories as f

from .conftest import PARIS, queue_login_code

pytestmark = pytest.mark.django_db

GUADELOUPE = zoneinfo.ZoneInfo("America/Guadeloupe")
REUNION = zoneinfo.ZoneInfo("Indian/Reunion")
TUESDAY_8H_PARIS = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)  # 03:00 in Guadeloupe
TUESDAY_8H_GUADELOUPE = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=GUADELOUPE)  # 13:00 in Paris
# Monday 20 December 2027, abolition of slavery in La Réunion; 09:00 in Paris.
REUNION_HOLIDAY_NOON = datetime.datetime(2027, 12, 20, 12, 0, tzinfo=REUNION)


@pytest.fixture
def basse_terre():
    commune = f.CommuneFactory(
        insee_code="97105", name="Basse-Terre", postal_codes="97100", departement="971"
    )
    return f.StructureFactory(name="Accès Basse-Terre", commune=commune)


@pytest.fixture
def saint_denis():
    commune = f.CommuneFactory(
        insee_code="97411", name="Saint-Denis", postal_codes="97400", departement="974"
    )
    return f.StructureFactory(name="Accès Saint-Denis", commune=commune)


@pytest.fixture
def chain(file_chain):
    return file_chain


def queue_alert(structure, *, now, key="alert:1", phone="+33612345678") -> Message:
    """A non-urgent SMS: it obeys the quiet hours."""
    return message_queue(
        structure_id=structure.pk,
        kind=MessageKind.POSITIONING_PROPOSAL,
        recipient=phone,
        context={"structure": structure.name, "staff": "Camille M.", "title": "Vendeuse", "commune": "Ville"},
        idempotency_key=key,
        now=now,
    )


def status(message: Message) -> str:
    return Message.all_objects.get(pk=message.pk).status


def test_an_sms_queued_at_8_in_paris_waits_for_8_in_guadeloupe(basse_terre, pau, chain, sent):
    there = queue_alert(basse_terre, now=TUESDAY_8H_PARIS, key="alert:gp")
    here = queue_alert(pau, now=TUESDAY_8H_PARIS, key="alert:pau", phone="+33698765432")

    assert there.next_attempt_at == TUESDAY_8H_GUADELOUPE
    assert here.next_attempt_at == TUESDAY_8H_PARIS

    assert run_batch(chain=chain, now=TUESDAY_8H_PARIS).sent == 1  # Pau's only: 03:00 in Guadeloupe
    assert (status(here), status(there)) == (MessageStatus.SENT, MessageStatus.QUEUED)
    assert run_batch(chain=chain, now=TUESDAY_8H_GUADELOUPE - datetime.timedelta(minutes=1)).claimed == 0

    assert run_batch(chain=chain, now=TUESDAY_8H_GUADELOUPE).sent == 1
    assert status(there) == MessageStatus.SENT
    assert [line["to"] for line in sent.lines()] == ["+33698765432", "+33612345678"]


def test_the_worker_defers_to_the_morning_of_the_territory(basse_terre, pau, chain, sent):
    """Queued in the day, found by a worker that was stopped until 02:00 in Paris (21:00 the
    evening before in Guadeloupe): each waits for 08:00 where it goes."""
    afternoon = datetime.datetime(2026, 11, 24, 14, 0, tzinfo=PARIS)
    there = queue_alert(basse_terre, now=afternoon, key="alert:gp")
    here = queue_alert(pau, now=afternoon, key="alert:pau")

    report = run_batch(chain=chain, now=datetime.datetime(2026, 11, 25, 2, 0, tzinfo=PARIS))

    assert report.deferred == 2
    assert Message.all_objects.get(pk=here.pk).next_attempt_at == datetime.datetime(
        2026, 11, 25, 8, 0, tzinfo=PARIS
    )
    assert Message.all_objects.get(pk=there.pk).next_attempt_at == datetime.datetime(
        2026, 11, 25, 8, 0, tzinfo=GUADELOUPE
    )
    assert sent.lines() == []


def test_a_holiday_of_la_reunion_blocks_non_urgent_sms_there_but_not_in_pau(saint_denis, pau, chain):
    there = queue_alert(saint_denis, now=REUNION_HOLIDAY_NOON, key="alert:re")
    here = queue_alert(pau, now=REUNION_HOLIDAY_NOON, key="alert:pau")
    code = queue_login_code(saint_denis)  # urgent: whatever the day
    Message.all_objects.filter(pk=code.pk).update(next_attempt_at=REUNION_HOLIDAY_NOON)

    report = run_batch(chain=chain, now=REUNION_HOLIDAY_NOON)

    assert report.sent == 2
    assert (status(here), status(code), status(there)) == (
        MessageStatus.SENT,
        MessageStatus.SENT,
        MessageStatus.QUEUED,
    )
    assert Message.all_objects.get(pk=there.pk).next_attempt_at == datetime.datetime(
        2027, 12, 21, 8, 0, tzinfo=REUNION
    )


def test_a_structure_without_commune_follows_paris(chain):
    structure = f.StructureFactory(commune=None)
    message = queue_alert(structure, now=TUESDAY_8H_PARIS)
    assert message.next_attempt_at == TUESDAY_8H_PARIS


def test_a_resent_sms_waits_for_the_territorys_morning(basse_terre, dominique):
    message = queue_alert(basse_terre, now=TUESDAY_8H_GUADELOUPE)
    Message.all_objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)

    resend = message_resend(message=message, by=dominique, now=TUESDAY_8H_PARIS + datetime.timedelta(days=1))

    assert resend.next_attempt_at == TUESDAY_8H_GUADELOUPE + datetime.timedelta(days=1)


def test_the_worker_reads_the_territories_of_a_batch_at_once(
    basse_terre, saint_denis, pau, chain, django_assert_max_num_queries
):
    afternoon = datetime.datetime(2026, 11, 24, 15, 0, tzinfo=PARIS)
    for index, structure in enumerate([basse_terre, saint_denis, pau] * 3):
        queue_alert(structure, now=afternoon, key=f"alert:{index}", phone=f"+3361234567{index}")
    # The claim (4 with its savepoint), the messages, senders and territories; then per
    # message: STOP check, hand-off, outcome.
    with django_assert_max_num_queries(7 + 3 * 9):
        assert run_batch(chain=chain, now=afternoon).sent == 9
