"""The "Messages envoyés" page: every message of the structure, newest first, with filters."""

import datetime

import pytest
from django.urls import reverse

from accesdirect.messaging.enums import Channel, MessageKind, MessageStatus, Subject
from accesdirect.messaging.models import Message
from accesdirect.messaging.services import message_queue
from accesdirect.testing import factories as f

from .conftest import TUESDAY_10H

pytestmark = pytest.mark.django_db
URL = reverse("outbox:list")


def queue(structure, key, *, kind=MessageKind.POSITIONING_PROPOSAL, subject=None, now=TUESDAY_10H, **fields):
    subject = subject or f.JobSeekerFactory(structure=structure)
    return message_queue(
        structure_id=structure.pk,
        kind=kind,
        recipient=fields.pop("recipient", "+33612345678"),
        context={"structure": structure.name, "staff": "Camille M.", "title": key, "commune": "Pau"},
        idempotency_key=key,
        subject=Subject.JOB_SEEKER,
        subject_id=subject.pk,
        now=now,
        **fields,
    )


def set_status(message, status, **fields):
    Message.all_objects.filter(pk=message.pk).update(status=status, **fields)


def test_the_page_lists_the_structures_messages_only(camille_client, pau, basque):
    sami = f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Durand")
    queue(pau, "Vendeuse a Pau", subject=sami)
    queue(basque, "Conserveur a Bayonne")

    response = camille_client.get(URL)

    assert response.status_code == 200
    assert "Vendeuse a Pau" in response.text
    assert "Sami Durand" in response.text  # who the message is about, linked to their page
    assert reverse("seekers:detail", args=[sami.pk]) in response.text
    assert "06 12 34 56 78" in response.text
    assert "Conserveur a Bayonne" not in response.text


def test_newest_messages_come_first(camille_client, pau):
    queue(pau, "Le plus ancien", now=TUESDAY_10H - datetime.timedelta(days=2))
    queue(pau, "Le plus recent", now=TUESDAY_10H)

    text = camille_client.get(URL).text

    assert text.index("Le plus recent") < text.index("Le plus ancien")


def test_filter_by_status_channel_and_kind(camille_client, pau):
    delivered = queue(pau, "Vendeuse deja distribuee")
    set_status(delivered, MessageStatus.DELIVERED, delivered_at=TUESDAY_10H)
    queue(pau, "Vendeuse pas encore partie")
    queue(pau, "Rappel", kind=MessageKind.JOB_CHECK_IN)

    text = camille_client.get(URL, {"status": MessageStatus.DELIVERED}).text
    assert "Vendeuse deja distribuee" in text
    assert "Vendeuse pas encore partie" not in text
    text = camille_client.get(URL, {"kind": MessageKind.JOB_CHECK_IN}).text
    assert "tout se passe bien" in text
    assert "Vendeuse" not in text
    assert (
        "1 message"
        in camille_client.get(URL, {"kind": MessageKind.JOB_CHECK_IN, "channel": Channel.SMS}).text
    )
    assert "0 message" in camille_client.get(URL, {"channel": Channel.EMAIL}).text


def test_to_check_shows_failures_uncertain_sends_and_sms_without_receipt(camille_client, pau):
    queue(pau, "Mauvais numero", recipient="05 59 00 00 00")  # visibly failed at once
    set_status(queue(pau, "Incertain"), MessageStatus.UNCERTAIN, last_error="Envoi interrompu")
    set_status(queue(pau, "Sans accuse"), MessageStatus.SENT, undelivered_flagged=True)
    set_status(queue(pau, "Bien recu"), MessageStatus.DELIVERED)
    queue(pau, "Pas encore parti")

    text = camille_client.get(URL, {"to_check": "on"}).text

    assert "3 messages" in text
    assert "Mauvais numero" in text and "mobile" in text  # the reason is shown
    assert "Incertain" in text and "Envoi interrompu" in text
    assert "Sans accuse" in text and "accusé de réception après 24 h" in text
    assert "Bien recu" not in text
    assert "Pas encore parti" not in text


def test_htmx_gets_only_the_results(camille_client, pau):
    queue(pau, "Vendeuse")
    response = camille_client.get(URL, headers={"HX-Request": "true"})
    assert "Vendeuse" in response.text
    assert "<html" not in response.text


def test_the_list_is_paginated(camille_client, pau, settings):
    settings.PAGE_SIZE = 2
    for index in range(3):
        queue(pau, f"Offre {index}")
    assert "Page 1 sur 2" in camille_client.get(URL).text
    assert "Page 2 sur 2" in camille_client.get(URL, {"page": 2}).text


def test_the_list_needs_a_constant_number_of_queries(
    camille_client, pau, camille, django_assert_max_num_queries
):
    company = f.CompanyFactory(structure=pau)
    for index in range(25):
        queue(pau, f"Offre {index}")
        message_queue(
            structure_id=pau.pk,
            kind=MessageKind.COMPANY_OFFER_RECEIVED,
            channel=Channel.EMAIL,
            recipient="rh@example.org",
            context={"structure": "Accès Pau", "title": f"Offre {index}", "staff": "Camille M."},
            idempotency_key=f"company:{index}",
            subject=Subject.COMPANY,
            subject_id=company.pk,
        )
        message_queue(
            structure_id=pau.pk,
            kind=MessageKind.PER_ENDING,
            channel=Channel.EMAIL,
            recipient=camille.email,
            context={"number": "1", "person": "Sami", "date": "lundi 30 novembre"},
            idempotency_key=f"staff:{index}",
            subject=Subject.STAFF,
            subject_id=camille.pk,
        )
    # Session, user, membership, count, page, then one query per kind of subject.
    with django_assert_max_num_queries(8):
        response = camille_client.get(URL, {"page": 2})
    assert response.status_code == 200


def test_the_navigation_links_to_the_messages(camille_client):
    assert f'href="{URL}"' in camille_client.get(reverse("dashboard:home")).text


def test_the_demo_tells_that_sms_are_printed_not_sent(camille_client, settings):
    settings.DEMO_MODE = True
    assert "ne sont pas réellement envoyés" in camille_client.get(URL).text
    settings.DEMO_MODE = False
    assert "ne sont pas réellement envoyés" not in camille_client.get(URL).text


def test_only_the_direction_is_offered_the_wording_of_the_messages(client, camille, dominique):
    client.force_login(camille)
    assert reverse("outbox:templates") not in client.get(URL).text
    client.force_login(dominique)
    assert reverse("outbox:templates") in client.get(URL).text
