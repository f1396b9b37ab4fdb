"""The person's page lists every message sent to them (a part fetched when it scrolls into view),
and lets staff stop or allow again the SMS when the person asks (the "STOP" told to a CRE rather
than sent by SMS)."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource, Subject
from accesdirect.messaging.models import Message, OptOut
from accesdirect.messaging.providers.console import ConsoleProvider
from accesdirect.messaging.services import message_queue
from accesdirect.messaging.worker import FailoverChain, run_batch
from accesdirect.seekers.enums import JournalKind
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TUESDAY_10H = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


@pytest.fixture
def sami(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Durand", phone="+33612345678")


def queue_check_in(seeker, key, *, phone=None):
    return message_queue(
        structure_id=seeker.structure_id,
        kind=MessageKind.JOB_CHECK_IN,
        recipient=phone or seeker.phone,
        context={"structure": "Accès Pau", "first_name": seeker.first_name},
        idempotency_key=key,
        subject=Subject.JOB_SEEKER,
        subject_id=seeker.pk,
        now=TUESDAY_10H,
    )


def set_status(message, status, **fields):
    Message.all_objects.filter(pk=message.pk).update(status=status, **fields)


def page(client, seeker):
    """The person's page with its messages part, as the browser shows it."""
    detail = client.get(reverse("seekers:detail", args=[seeker.pk])).text
    assert reverse("seekers:messages", args=[seeker.pk]) in detail
    return detail + messages_part(client, seeker)


def messages_part(client, seeker):
    return client.get(reverse("seekers:messages", args=[seeker.pk]), headers={"HX-Request": "true"}).text


def set_sms(client, seeker, value):
    return client.post(reverse("seekers:sms_consent", args=[seeker.pk]), {"sms": value}, follow=True)


def test_the_page_lists_the_messages_sent_to_the_person_with_their_state(camille_client, pau, sami):
    delivered = queue_check_in(sami, "a")
    set_status(delivered, MessageStatus.DELIVERED, sent_at=TUESDAY_10H, delivered_at=TUESDAY_10H)
    queue_check_in(sami, "b", phone="05 59 00 00 00")  # failed at once: not a mobile
    other = f.JobSeekerFactory(structure=pau, first_name="Léa")
    queue_check_in(other, "c")

    text = page(camille_client, sami)

    assert "Messages (SMS et e-mails)" in text
    assert text.count("bonjour Sami, tout se passe bien dans votre emploi") == 2
    assert "bonjour Lea" not in text
    assert "Distribué" in text and "24 nov. 2026 10:00" in text
    assert "Échec" in text and "mobile" in text  # the failure and its reason
    assert reverse("outbox:detail", args=[delivered.pk]) in text


def test_staff_stop_the_sms_and_a_waiting_sms_is_cancelled_when_sent(
    camille_client, pau, sami, tmp_path, unscoped
):
    waiting = queue_check_in(sami, "job-check-in:1")

    response = set_sms(camille_client, sami, "stop")

    assert "Plus aucun SMS ne sera envoyé à Sami Durand" in response.text
    assert "Réautoriser les SMS" in messages_part(camille_client, sami)
    opt_out = OptOut.objects.get()
    assert (opt_out.phone, opt_out.source) == ("+33612345678", OptOutSource.STAFF)
    assert sami.journal.filter(kind=JournalKind.SMS, event="seekers.sms_stopped").exists()

    sent_file = tmp_path / "sms.jsonl"
    report = run_batch(chain=FailoverChain([ConsoleProvider(path=str(sent_file))]), now=TUESDAY_10H)

    assert report.cancelled == 1
    assert not sent_file.exists()
    waiting.refresh_from_db()
    assert waiting.status == MessageStatus.CANCELLED


def test_staff_allow_the_sms_again(camille_client, pau, sami, tmp_path, unscoped):
    set_sms(camille_client, sami, "stop")

    response = set_sms(camille_client, sami, "allow")

    assert "Les SMS à Sami Durand sont réautorisés" in response.text
    assert "Ne plus envoyer de SMS à cette personne" in messages_part(camille_client, sami)
    assert not OptOut.objects.exists()
    assert sami.journal.filter(kind=JournalKind.SMS, event="seekers.sms_allowed").exists()
    message = queue_check_in(sami, "job-check-in:2")
    run_batch(chain=FailoverChain([ConsoleProvider(path=str(tmp_path / "sms.jsonl"))]), now=TUESDAY_10H)
    message.refresh_from_db()
    # Sent, or waiting for the sending window when the test runs at night: not cancelled.
    assert message.status in (MessageStatus.SENT, MessageStatus.QUEUED)


def test_a_stop_sent_by_sms_shows_on_the_page(camille_client, pau, sami):
    OptOut.objects.create(structure=pau, phone=sami.phone, source=OptOutSource.SMS_STOP)
    text = page(camille_client, sami)
    assert "SMS arrêtés" in text
    assert "Réautoriser les SMS" in text


def test_a_person_without_mobile_has_no_sms_switch(camille_client, pau, unscoped):
    seeker = f.JobSeekerFactory(structure=pau, phone="")

    assert "Pas de téléphone mobile" in page(camille_client, seeker)
    response = set_sms(camille_client, seeker, "stop")
    assert "aucun SMS ne lui est envoyé" in response.text
    assert not OptOut.objects.exists()


def test_switching_the_sms_needs_a_post(camille_client, sami):
    assert camille_client.get(reverse("seekers:sms_consent", args=[sami.pk])).status_code == 405


def test_the_page_makes_the_same_number_of_queries_whatever_the_messages(client, pau, camille):
    few, many = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau)
    queue_check_in(few, "few")
    for index in range(30):
        queue_check_in(many, f"many-{index}")
    client.force_login(camille)
    with CaptureQueriesContext(connection) as few_queries:
        messages_part(client, few)
    with CaptureQueriesContext(connection) as many_queries:
        messages_part(client, many)
    assert len(many_queries) == len(few_queries)


def test_the_messages_part_opens_as_a_page_without_script(camille_client, sami):
    queue_check_in(sami, "a")
    response = camille_client.get(reverse("seekers:messages", args=[sami.pk]))
    assert "<html" in response.text and "Sami Durand" in response.text
    assert "bonjour Sami, tout se passe bien dans votre emploi" in response.text


def test_the_messages_of_another_structure_s_person_are_not_found(client, bixente, sami):
    client.force_login(bixente)
    assert client.get(reverse("seekers:messages", args=[sami.pk])).status_code == 404
