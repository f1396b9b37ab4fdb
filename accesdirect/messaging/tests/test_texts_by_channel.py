"""The texts as people read them: an SMS keeps every letter GSM-7 carries (à é è ù É) and
replaces only the others; an e-mail is sent exactly as written."""

import pytest

from accesdirect.messaging.enums import Channel, MessageKind
from accesdirect.messaging.gsm import is_gsm7
from accesdirect.messaging.models import MessageTemplate
from accesdirect.messaging.services import message_queue
from accesdirect.messaging.templates import DEFAULTS, EMAIL_ONLY_KINDS

from .conftest import PHONE, TUESDAY_10H

pytestmark = pytest.mark.django_db

APPOINTMENT = {
    "structure": "Aide à domicile à Pau",
    "date": "mercredi 25 novembre",
    "time": "9h30",
    "staff": "Camille M.",
    "place": "Antenne du Hédas",
}


def queue(structure, kind, context, *, channel=Channel.SMS, recipient=PHONE, key="k:1"):
    return message_queue(
        structure_id=structure.pk,
        kind=kind,
        channel=channel,
        recipient=recipient,
        context=context,
        idempotency_key=key,
        now=TUESDAY_10H,
    )


def test_an_sms_keeps_the_accents_gsm7_carries(pau):
    message = queue(pau, MessageKind.APPOINTMENT_CONFIRMATION, APPOINTMENT)

    assert message.body == (
        "Aide à domicile à Pau : RDV le mercredi 25 novembre à 9h30 avec Camille M., "
        "Antenne du Hédas. Prévenez-nous si vous ne pouvez pas venir."
    )
    assert message.segments == 1


def test_the_follow_up_sms_asks_for_an_answer_in_french(pau):
    message = queue(pau, MessageKind.JOB_CHECK_IN, {"structure": "Accès Pau", "first_name": "Aimé"})

    assert message.body.endswith("Aimé, tout se passe bien dans votre emploi ? Répondez OUI ou NON.")


def test_an_sms_replaces_only_what_gsm7_cannot_carry(pau):
    MessageTemplate.objects.create(
        structure=pau,
        kind=MessageKind.POSITIONING_PROPOSAL,
        body="{{ structure }} : « {{ title }} » à {{ commune }}, ça vous intéresse ? Fenêtre d’été…",
    )
    message = queue(
        pau,
        MessageKind.POSITIONING_PROPOSAL,
        {"structure": "Accès Pau", "staff": "Camille M.", "title": "Cœur de métier", "commune": "Billère"},
    )

    assert message.body == (
        'Accès Pau : " Coeur de métier " à Billère, ca vous intéresse ? Fenetre d\'été...'
    )
    assert is_gsm7(message.body)


@pytest.mark.parametrize("kind", sorted(EMAIL_ONLY_KINDS))
def test_default_emails_are_written_with_their_accents(kind):
    assert any(letter in DEFAULTS[kind] for letter in "éèàê")


def test_an_email_is_never_transliterated(pau):
    message = queue(
        pau,
        MessageKind.PER_ENDING,
        {"number": "2", "person": "Aimé N’Diaye", "date": "mardi 1er décembre"},
        channel=Channel.EMAIL,
        recipient="camille@acces-pau.fr",
    )

    assert message.body == "Le PER 2 de Aimé N’Diaye se termine le mardi 1er décembre : prévoir le RDV."
    assert message.segments == 0


def test_an_email_to_a_company_keeps_what_an_sms_would_replace(pau):
    MessageTemplate.objects.create(
        structure=pau,
        kind=MessageKind.COMPANY_OFFER_RECEIVED,
        body="{{ structure }} : votre offre « {{ title }} » est bien reçue d'Aimé. {{ staff }} rappelle.",
    )
    context = {"structure": "Accès Pau", "title": "Pâtissier·ère", "staff": "Camille M."}

    email = queue(
        pau, MessageKind.COMPANY_OFFER_RECEIVED, context, channel=Channel.EMAIL, recipient="rh@example.fr"
    )
    sms = queue(pau, MessageKind.COMPANY_OFFER_RECEIVED, context, key="k:2")

    assert email.body == (
        "Accès Pau : votre offre « Pâtissier·ère » est bien reçue d'Aimé. Camille M. rappelle."
    )
    assert (
        sms.body == 'Accès Pau : votre offre " Patissier.ère " est bien recue d\'Aimé. Camille M. rappelle.'
    )
