"""SMS that people send us: STOP silences every structure that wrote to them, OUI/NON answers
the job follow-up SMS (AUTRE too, to those of survival in employment, handed on to the app that
asked: offers/tests/test_survival_check_ins.py)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accesdirect.messaging import replies
from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource, Reply
from accesdirect.messaging.models import Message, OptOut
from accesdirect.messaging.services import inbound_sms_record, message_queue
from accesdirect.messaging.testing.fake_providers import Callback, serve
from accesdirect.messaging.worker import run_batch

from .conftest import PHONE, TUESDAY_10H, fresh, queue_login_code, replay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("webhook_secrets")]

INBOUND_URLS = {
    "twilio": "http://testserver/webhooks/twilio/inbound/",
    "brevo": "http://testserver/webhooks/brevo/events/",
    "ovh": "http://testserver/webhooks/ovh/inbound/fake-ovh-webhook-secret/",
}


def sent_check_in(structure, *, key: str, sent_at: datetime.datetime, phone: str = PHONE) -> Message:
    message = message_queue(
        structure_id=structure.pk,
        kind=MessageKind.JOB_CHECK_IN,
        recipient=phone,
        context={"structure": "Accès Pau", "first_name": "Léa"},
        idempotency_key=key,
        now=sent_at,
    )
    Message.all_objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=sent_at)
    return message


def inbound(client, provider: str, body: str, sender: str = PHONE):
    with serve(provider) as fake:
        return replay(client, fake.inbound(sender=sender, body=body, url=INBOUND_URLS[provider]))


@pytest.mark.parametrize("provider", ["twilio", "brevo", "ovh"])
def test_stop_records_an_opt_out_in_every_structure_that_wrote_to_the_number(client, pau, basque, provider):
    queue_login_code(pau, key="pau")
    queue_login_code(basque, key="basque")
    response = inbound(client, provider, "STOP")
    assert response.status_code == 200
    opt_outs = OptOut.all_objects.filter(phone=PHONE)
    assert {o.structure_id for o in opt_outs} == {pau.pk, basque.pk}
    assert {o.source for o in opt_outs} == {OptOutSource.SMS_STOP}


def test_twilio_gets_an_empty_twiml_answer(client, pau):
    queue_login_code(pau)
    response = inbound(client, "twilio", "STOP")
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.decode().endswith("<Response/>")


def test_stop_from_a_number_nobody_wrote_to_records_nothing(client, pau):
    queue_login_code(pau)
    inbound(client, "twilio", "STOP", sender="+33698765432")
    assert not OptOut.all_objects.exists()


@pytest.mark.parametrize("body", ["stop", " Stop SMS ", "STOP.", "ARRÊT", "arret", "Arrêter"])
def test_stop_is_understood_whatever_its_case_accents_and_spaces(pau, body):
    queue_login_code(pau)
    assert inbound_sms_record(sender=PHONE, body=body) == "opt_out"
    assert OptOut.all_objects.filter(structure=pau, phone=PHONE).exists()


@pytest.mark.parametrize("body", ["Stoppez tout ça", "non stop", "Pouvez-vous arrêter de m'appeler ?"])
def test_a_sentence_that_merely_contains_stop_is_not_an_opt_out(pau, body):
    queue_login_code(pau)
    inbound_sms_record(sender=PHONE, body=body)
    assert not OptOut.all_objects.exists()


def test_after_stop_a_queued_reminder_is_cancelled_at_send_time(client, pau, file_chain, sent):
    reminder = message_queue(
        structure_id=pau.pk,
        kind=MessageKind.APPOINTMENT_REMINDER,
        recipient=PHONE,
        context={
            "structure": "Accès Pau",
            "date": "mercredi 25",
            "time": "9h30",
            "staff": "Camille",
            "place": "Pau",
        },
        idempotency_key="reminder:1",
        now=TUESDAY_10H,
    )
    inbound(client, "twilio", "Stop")
    run_batch(chain=file_chain, now=reminder.next_attempt_at)
    reminder = fresh(reminder)
    assert reminder.status == MessageStatus.CANCELLED
    assert sent.lines() == []


def test_a_brevo_unsubscribe_event_is_a_stop(client, pau, fake_brevo):
    queue_login_code(pau)
    event = fake_brevo.inbound(sender=PHONE, body="", url=INBOUND_URLS["brevo"])
    unsubscribe = Callback(**{**event.__dict__, "body": event.body.replace(b'"replied"', b'"unsubscribe"')})
    assert replay(client, unsubscribe).status_code == 200
    assert OptOut.all_objects.filter(structure=pau, phone=PHONE).exists()


@pytest.mark.parametrize(
    ("provider", "body", "reply"),
    [("twilio", "OUI", Reply.YES), ("brevo", "oui merci tout va bien", Reply.YES), ("ovh", "Non.", Reply.NO)],
)
def test_oui_or_non_answers_the_latest_job_check_in(client, pau, provider, body, reply):
    now = timezone.now()
    older = sent_check_in(pau, key="check-in:1", sent_at=now - datetime.timedelta(days=30))
    latest = sent_check_in(pau, key="check-in:2", sent_at=now - datetime.timedelta(days=1))
    inbound(client, provider, body)
    latest = fresh(latest)
    assert latest.reply == reply
    assert latest.replied_at is not None
    assert fresh(older).reply is None


def test_a_later_answer_replaces_the_first(pau):
    check_in = sent_check_in(pau, key="check-in:1", sent_at=timezone.now())
    inbound_sms_record(sender=PHONE, body="oui")
    inbound_sms_record(sender=PHONE, body="non")
    assert fresh(check_in).reply == Reply.NO


def test_an_answer_without_a_job_check_in_is_ignored(pau):
    queue_login_code(pau)
    assert inbound_sms_record(sender=PHONE, body="OUI") == "ignored"
    assert not Message.all_objects.filter(reply__isnull=False).exists()


def test_an_answer_is_never_recorded_on_another_numbers_check_in(pau):
    check_in = sent_check_in(pau, key="check-in:1", sent_at=timezone.now(), phone="+33698765432")
    inbound_sms_record(sender=PHONE, body="OUI")
    assert fresh(check_in).reply is None


def test_numbers_are_read_in_every_providers_format(pau):
    queue_login_code(pau)
    for sender in ("33612345678", "0033612345678", "+33 6 12 34 56 78"):
        OptOut.all_objects.all().delete()
        assert inbound_sms_record(sender=sender, body="STOP") == "opt_out"
        assert OptOut.all_objects.filter(phone=PHONE).count() == 1


@pytest.mark.parametrize("provider", ["twilio", "brevo", "ovh"])
def test_an_unauthenticated_inbound_sms_is_refused(client, pau, settings, provider):
    queue_login_code(pau)
    settings.SMS_WEBHOOKS = {
        "twilio": {"auth_token": "another-token"},
        "brevo": {"secret": "another-secret-value"},
        "ovh": {"secret": "another-secret-value", "allowed_ips": []},
    }
    assert inbound(client, provider, "STOP").status_code == 403
    assert not OptOut.all_objects.exists()


@pytest.mark.parametrize(
    "name", ["twilio_inbound", "twilio_status", "brevo_events", "ovh_receipts", "ovh_inbound"]
)
def test_the_webhooks_are_public_and_need_no_csrf_token(name):
    # Providers are not signed in and send no CSRF token: refused for their signature only.
    args = ["not-the-secret"] if name.startswith("ovh") else []
    response = Client(enforce_csrf_checks=True).post(
        reverse(f"messaging:{name}", args=args), {"From": PHONE, "Body": "STOP"}
    )
    assert response.status_code == 403
    assert response.content.decode() == "Authentification du fournisseur invalide."


def sent_survival_check_in(structure, *, key: str, sent_at: datetime.datetime) -> Message:
    message = message_queue(
        structure_id=structure.pk,
        kind=MessageKind.JOB_SURVIVAL_CHECK_IN,
        recipient=PHONE,
        context={"structure": "Accès Pau", "first_name": "Léa"},
        idempotency_key=key,
        now=sent_at,
    )
    Message.all_objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=sent_at)
    return message


@pytest.fixture
def received(monkeypatch):
    """The calls of a reply handler standing for its app's (offers registers the real one)."""
    calls = []
    monkeypatch.setitem(replies._handlers, MessageKind.JOB_SURVIVAL_CHECK_IN, lambda **kw: calls.append(kw))
    return calls


@pytest.mark.parametrize(("body", "reply"), [("OUI", Reply.YES), ("Autre !", Reply.OTHER), ("non", Reply.NO)])
def test_the_answer_to_a_survival_check_in_goes_to_the_handler_its_app_registered(pau, received, body, reply):
    question = sent_survival_check_in(pau, key="job-check-in:7", sent_at=timezone.now())
    at = timezone.now()

    assert inbound_sms_record(sender=PHONE, body=body, received_at=at) == "reply"

    assert fresh(question).reply == reply
    [call] = received
    assert (call["message"].pk, call["reply"], call["replied_at"]) == (question.pk, reply, at)


def test_autre_answers_only_the_questions_that_offer_it(pau, received):
    now = timezone.now()
    sent_survival_check_in(pau, key="job-check-in:7", sent_at=now - datetime.timedelta(days=30))
    latest = sent_check_in(pau, key="job-check-in:8", sent_at=now)

    assert inbound_sms_record(sender=PHONE, body="AUTRE") == "ignored"

    assert fresh(latest).reply is None
    assert received == []


def test_only_a_message_that_asks_a_question_takes_a_reply_handler():
    with pytest.raises(ValueError, match="ask no question"):
        replies.register_reply_handler(MessageKind.LOGIN_CODE, lambda **kw: None)
