"""A message's page: its text, its delivery receipts, and "renvoyer" for a failed or
uncertain message (a new message, never silently, the first one kept for the record)."""

import pytest
from django.urls import reverse

from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource, Subject
from accesdirect.messaging.models import DeliveryEvent, Message
from accesdirect.messaging.services import message_queue, opt_out_add
from accesdirect.testing import factories as f

from .conftest import TUESDAY_10H

pytestmark = pytest.mark.django_db


@pytest.fixture
def sami(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Durand", phone="+33612345678")


def check_in(structure, seeker, *, phone="+33612345678", key="job-check-in:1"):
    return message_queue(
        structure_id=structure.pk,
        kind=MessageKind.JOB_CHECK_IN,
        recipient=phone,
        context={"structure": structure.name, "first_name": seeker.first_name},
        idempotency_key=key,
        subject=Subject.JOB_SEEKER,
        subject_id=seeker.pk,
        now=TUESDAY_10H,
    )


def set_status(message, status, **fields):
    Message.all_objects.filter(pk=message.pk).update(status=status, **fields)


def detail(client, message):
    return client.get(reverse("outbox:detail", args=[message.pk]))


def resend(client, message, **data):
    return client.post(reverse("outbox:resend", args=[message.pk]), {"confirm": "on", **data}, follow=True)


def test_the_page_shows_the_message_and_its_delivery_receipts(camille_client, pau, sami):
    message = check_in(pau, sami)
    set_status(message, MessageStatus.DELIVERED, delivered_at=TUESDAY_10H, provider="brevo")
    DeliveryEvent.objects.create(
        message=message, provider="brevo", status=MessageStatus.SENT, occurred_at=TUESDAY_10H, raw={}
    )
    DeliveryEvent.objects.create(
        message=message, provider="brevo", status=MessageStatus.DELIVERED, occurred_at=TUESDAY_10H, raw={}
    )

    response = detail(camille_client, message)

    assert response.status_code == 200
    assert "tout se passe bien dans votre emploi" in response.text
    assert "Sami Durand" in response.text
    assert response.text.count("brevo") >= 3  # the provider and its two receipts
    assert "Distribué" in response.text
    assert "Renvoyer" not in response.text  # delivered: nothing to resend


def test_another_structure_never_sees_the_message(client, pau, sami, bixente):
    client.force_login(bixente)
    assert detail(client, check_in(pau, sami)).status_code == 404


def test_a_failed_message_is_resent_as_a_new_message(camille_client, pau, sami, unscoped):
    failed = check_in(pau, sami)
    set_status(failed, MessageStatus.FAILED, last_error="Numéro injoignable")

    response = resend(camille_client, failed, recipient="06 12 34 56 78")

    resent = Message.objects.exclude(pk=failed.pk).get()
    assert resent.idempotency_key == "job-check-in:1/resend-1"
    assert resent.status == MessageStatus.QUEUED
    assert resent.body == failed.body
    assert resent.recipient == "+33612345678"
    assert (resent.subject, resent.subject_id) == (Subject.JOB_SEEKER, sami.pk)
    failed.refresh_from_db()
    assert failed.status == MessageStatus.FAILED  # kept as it was, for the record
    assert response.redirect_chain[-1][0] == reverse("outbox:detail", args=[resent.pk])
    assert "Le message est renvoyé" in response.text


def test_resending_needs_the_staffs_confirmation(camille_client, pau, sami, unscoped):
    failed = check_in(pau, sami)
    set_status(failed, MessageStatus.FAILED)

    response = camille_client.post(reverse("outbox:resend", args=[failed.pk]), {"recipient": "+33612345678"})

    assert "Cochez la case pour confirmer le renvoi" in response.text
    assert Message.objects.count() == 1


def test_a_wrong_number_is_corrected_when_resending(camille_client, pau, sami, unscoped):
    failed = check_in(pau, sami, phone="05 59 00 00 00")
    assert failed.status == MessageStatus.FAILED

    response = resend(camille_client, failed, recipient="05 59 00 00 00")
    assert "mobile" in response.text
    assert Message.objects.count() == 1

    resend(camille_client, failed, recipient="07 81 23 45 67")
    assert Message.objects.exclude(pk=failed.pk).get().recipient == "+33781234567"


def test_a_message_is_resent_once_until_the_resend_fails_too(camille_client, pau, sami, unscoped):
    failed = check_in(pau, sami)
    set_status(failed, MessageStatus.FAILED)
    resend(camille_client, failed, recipient="+33612345678")

    response = resend(camille_client, failed, recipient="+33612345678")
    assert "déjà été renvoyé" in response.text
    assert Message.objects.count() == 2

    first_resend = Message.objects.get(idempotency_key="job-check-in:1/resend-1")
    set_status(first_resend, MessageStatus.FAILED)
    resend(camille_client, first_resend, recipient="+33612345678")
    assert Message.objects.filter(idempotency_key="job-check-in:1/resend-2").exists()
    chain_page = detail(camille_client, failed).text
    assert "Envois de ce message" in chain_page
    assert reverse("outbox:detail", args=[first_resend.pk]) in chain_page


def test_an_uncertain_message_asks_to_check_with_the_person_first(camille_client, pau, sami, unscoped):
    uncertain = check_in(pau, sami)
    set_status(uncertain, MessageStatus.UNCERTAIN, last_error="Envoi interrompu")

    page = detail(camille_client, uncertain).text
    assert "la personne n&#x27;a pas reçu ce message" in page or "la personne n'a pas reçu ce message" in page

    resend(camille_client, uncertain, recipient="+33612345678")
    assert Message.objects.filter(idempotency_key="job-check-in:1/resend-1").exists()


def test_a_message_sent_or_waiting_is_not_resent(camille_client, pau, sami, unscoped):
    queued = check_in(pau, sami)
    response = resend(camille_client, queued, recipient="+33612345678")
    assert "Seul un message en échec ou incertain se renvoie" in response.text
    assert Message.objects.count() == 1


def test_a_number_that_said_stop_is_not_written_to_again(camille_client, pau, sami, unscoped):
    failed = check_in(pau, sami)
    set_status(failed, MessageStatus.FAILED)
    opt_out_add(structure_id=pau.pk, phone="+33612345678", source=OptOutSource.SMS_STOP)

    response = resend(camille_client, failed, recipient="+33612345678")

    assert "ne plus recevoir de SMS" in response.text
    assert Message.objects.count() == 1


def test_another_structure_cannot_resend(client, pau, sami, bixente, unscoped):
    failed = check_in(pau, sami)
    set_status(failed, MessageStatus.FAILED)
    client.force_login(bixente)
    response = client.post(
        reverse("outbox:resend", args=[failed.pk]), {"confirm": "on", "recipient": "+33612345678"}
    )
    assert response.status_code == 404
    assert Message.objects.count() == 1
