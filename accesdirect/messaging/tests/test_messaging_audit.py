"""Messaging in the audit trail: resends, wordings, the sender name and the SMS opt-outs."""

import pytest
from django.urls import reverse

from accesdirect.core.models import AuditEvent
from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource
from accesdirect.messaging.models import Message
from accesdirect.messaging.services import message_queue, opt_out_add, opt_out_from_sms, opt_out_remove
from accesdirect.messaging.templates import DEFAULTS

from .conftest import TUESDAY_10H

pytestmark = pytest.mark.django_db
ALERT = MessageKind.POSITIONING_PROPOSAL
PHONE = "+33612345678"


@pytest.fixture
def dominique_client(client, dominique):
    client.force_login(dominique)
    return client


def lines(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("at", "pk"))


def save_wording(client, body):
    url = reverse("outbox:template_edit")
    return client.post(f"{url}?type={ALERT}", {"kind": ALERT, "body": body})


def queue_check_in(structure):
    return message_queue(
        structure_id=structure.pk,
        kind=MessageKind.JOB_CHECK_IN,
        recipient=PHONE,
        context={"structure": structure.name, "first_name": "Sami"},
        idempotency_key="job-check-in:1",
        now=TUESDAY_10H,
    )


def test_a_resend_records_who_resent_which_message(camille_client, camille, pau, unscoped):
    message = queue_check_in(pau)
    Message.all_objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)

    camille_client.post(reverse("outbox:resend", args=[message.pk]), {"confirm": "on", "recipient": PHONE})

    [event] = lines(action="message.resent")
    resend = Message.all_objects.exclude(pk=message.pk).get()
    assert (event.actor, event.target_id, event.structure_id) == (camille, message.pk, pau.pk)
    assert event.params == {"kind": MessageKind.JOB_CHECK_IN, "resend": resend.pk, "recipient_changed": False}


def test_a_new_wording_records_the_old_and_new_text(dominique_client, dominique, unscoped):
    body = "{{ structure }} : nouvelle offre, {{ title }} à {{ commune }}. Appelez {{ staff }} !"

    save_wording(dominique_client, body)
    save_wording(dominique_client, body)  # saved again unchanged: nothing new to record

    [event] = lines(action="message_template.changed")
    assert event.actor == dominique
    assert event.params["kind"] == ALERT
    assert event.params["changes"]["body"] == {"old": DEFAULTS[ALERT], "new": body}


def test_back_to_the_default_wording_is_recorded_once(dominique_client, dominique, unscoped):
    save_wording(dominique_client, "{{ title }} à {{ commune }}")
    for _attempt in range(2):
        dominique_client.post(reverse("outbox:template_reset"), {"kind": ALERT})

    [event] = lines(action="message_template.reset")
    assert (event.actor, event.params) == (dominique, {"kind": ALERT})


def test_the_sender_name_change_records_old_and_new(dominique_client, dominique, pau, unscoped):
    dominique_client.post(reverse("outbox:sender"), {"sms_sender": "ACCESPAU"})

    [event] = lines(action="sms_sender.changed")
    assert (event.actor, event.target_id, event.structure_id) == (dominique, pau.pk, pau.pk)
    assert event.params == {"changes": {"sms_sender": {"old": "ACCES", "new": "ACCESPAU"}}}


def test_opt_outs_record_the_staff_member_or_the_persons_stop(pau, camille, unscoped):
    queue_check_in(pau)
    opt_out_add(structure_id=pau.pk, phone=PHONE, source=OptOutSource.STAFF, by=camille)
    opt_out_add(structure_id=pau.pk, phone=PHONE, source=OptOutSource.STAFF, by=camille)  # already
    opt_out_remove(structure_id=pau.pk, phone=PHONE, by=camille)
    opt_out_remove(structure_id=pau.pk, phone=PHONE, by=camille)  # nothing left to remove
    opt_out_from_sms(phone=PHONE)
    # A caller that records its own line (the person's page) passes no author: no second line.
    opt_out_remove(structure_id=pau.pk, phone=PHONE)
    opt_out_add(structure_id=pau.pk, phone=PHONE, source=OptOutSource.STAFF)

    events = lines(action__startswith="opt_out.")
    assert [(event.action, event.actor, event.params["source"]) for event in events] == [
        ("opt_out.added", camille, OptOutSource.STAFF),
        ("opt_out.removed", camille, OptOutSource.STAFF),
        ("opt_out.added", None, OptOutSource.SMS_STOP),
    ]
    assert {event.target_label for event in events} == {PHONE}
