"""Messages queued by the offers services: the proposition de poste to the person, and
"offre reçue" to a company that signalled its offer itself."""

import pytest
from django.db import transaction

from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import Channel, MessageKind, MessageStatus, Subject
from accesdirect.messaging.models import Message
from accesdirect.offers.enums import Contract, OfferSource
from accesdirect.offers.services import OfferAlreadyPositioned, offer_create, positioning_create
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def camille_martin(camille):
    camille.last_name = "Martin"
    camille.save(update_fields=["last_name"])
    return camille


def test_proposing_an_offer_sends_one_sms_to_the_person(pau, camille_martin, offer, unscoped):
    seeker = f.JobSeekerFactory(structure=pau, phone="+33612345678")
    with structure_scope(pau):
        positioning = positioning_create(offer=offer, job_seeker=seeker, by=camille_martin)

    message = Message.objects.get()
    assert message.kind == MessageKind.POSITIONING_PROPOSAL
    assert message.idempotency_key == f"positioning-proposal:{positioning.pk}"
    assert message.recipient == "+33612345678"
    assert (message.subject, message.subject_id) == (Subject.JOB_SEEKER, seeker.pk)
    assert message.body == (
        "Accès Pau : Camille M. a une offre pour vous : Agent d'entretien à Pau. Rappelez-nous."
    )


def test_a_refused_positioning_leaves_no_message(pau, camille, offer, unscoped):
    first, second = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        positioning_create(offer=offer, job_seeker=first, by=camille)
        with pytest.raises(OfferAlreadyPositioned):
            positioning_create(offer=offer, job_seeker=second, by=camille)
    assert list(Message.objects.values_list("subject_id", flat=True)) == [first.pk]


def test_a_positioning_rolled_back_afterwards_leaves_no_message(pau, camille, offer, unscoped):
    seeker = f.JobSeekerFactory(structure=pau)
    with pytest.raises(RuntimeError), structure_scope(pau), transaction.atomic():
        positioning_create(offer=offer, job_seeker=seeker, by=camille)
        raise RuntimeError("the caller's transaction fails afterwards")
    assert not Message.objects.exists()
    assert not offer.positionings.exists()


def test_a_person_without_mobile_is_positioned_without_sms(pau, camille, offer, unscoped):
    seeker = f.JobSeekerFactory(structure=pau, phone="")
    with structure_scope(pau):
        positioning_create(offer=offer, job_seeker=seeker, by=camille)
    assert offer.positionings.exists()
    assert not Message.objects.exists()


# --- "Offre reçue": the company that signalled the offer ---------------------------------


def capture(company, by, *, source):
    with structure_scope(company.structure_id):
        return offer_create(
            company=company,
            by=by,
            appellation=f.AppellationFactory(),
            title="Vendeuse",
            contract=Contract.CDI,
            source=source,
        )


def test_a_company_that_signals_an_offer_gets_an_sms_on_its_mobile(pau, camille_martin, unscoped):
    company = f.CompanyFactory(structure=pau, phone="06 98 76 54 32", email="rh@boulangerie.fr")

    offer = capture(company, camille_martin, source=OfferSource.COMPANY_FORM)

    message = Message.objects.get()
    assert message.kind == MessageKind.COMPANY_OFFER_RECEIVED
    assert (message.channel, message.recipient) == (Channel.SMS, "+33698765432")
    assert (message.subject, message.subject_id) == (Subject.COMPANY, company.pk)
    assert message.idempotency_key == f"company-offer-received:{offer.pk}"
    assert (
        message.body == "Accès Pau : votre offre Vendeuse est bien recue. Camille M. vous rappelle très vite."
    )


def test_a_company_with_a_landline_is_written_to_by_email(pau, camille, unscoped):
    company = f.CompanyFactory(structure=pau, phone="05 59 12 34 56", email="rh@boulangerie.fr")

    capture(company, camille, source=OfferSource.COMPANY_FORM)

    message = Message.objects.get()
    assert (message.channel, message.recipient) == (Channel.EMAIL, "rh@boulangerie.fr")
    assert message.email_subject == "Votre offre « Vendeuse » est bien reçue"
    assert message.status == MessageStatus.QUEUED


def test_an_offer_captured_by_a_cre_sends_nothing_to_the_company(pau, camille, unscoped):
    company = f.CompanyFactory(structure=pau, phone="06 98 76 54 32")
    capture(company, camille, source=OfferSource.PROSPECTION)
    assert not Message.objects.exists()


def test_a_company_without_mobile_nor_email_gets_nothing(pau, camille, unscoped):
    company = f.CompanyFactory(structure=pau, phone="05 59 12 34 56", email="")
    capture(company, camille, source=OfferSource.COMPANY_FORM)
    assert not Message.objects.exists()
