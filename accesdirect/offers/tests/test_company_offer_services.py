"""Offers sent by companies ("J'ai une offre"): received "à confirmer", routed to the CRE who
follows the company or to the structure's pool, alerted by SMS; confirmed (an ordinary open
offer, then matched) or discarded by a CRE; an interview's feedback from the company."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accesdirect.companies.models import Company, CompanyPerson
from accesdirect.core.errors import DomainError
from accesdirect.core.models import AuditEvent
from accesdirect.core.ranges import OutOfRange
from accesdirect.core.scope import structure_scope
from accesdirect.matching.queries import rank_offers
from accesdirect.messaging.enums import Channel, MessageKind, Subject
from accesdirect.messaging.models import Message
from accesdirect.offers.enums import Contract, OfferSource, OfferStatus, PositioningStatus
from accesdirect.offers.models import Offer
from accesdirect.offers.services import (
    company_interview_feedback,
    company_offer_confirm,
    company_offer_reject,
    company_offer_submit,
    positioning_create,
)
from accesdirect.seekers.models import JournalEntry
from accesdirect.structures.enums import Role
from accesdirect.structures.models import Membership
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

MOBILE = "06 12 34 56 78"


@pytest.fixture
def appellation(db):
    return f.AppellationFactory(label="Serveur / Serveuse en restauration")


@pytest.fixture
def pau_commune(db):
    return f.CommuneFactory()


def submit(structure, appellation, commune, **changes):
    values = {
        "structure": structure,
        "company_name": "Brasserie du Palais",
        "contact_name": "Mme Lacoste",
        "contact_phone": MOBILE,
        "appellation": appellation,
        "commune": commune,
        "contract": Contract.CDI,
        "hours_per_week": Decimal(35),
        "starts_on": timezone.localdate() + datetime.timedelta(days=10),
        "description": "Service du midi, week-end libre.",
        "private_link": lambda company: f"https://example.fr/s/{structure.slug}/entreprise/{company.pk}/",
    } | changes
    with structure_scope(structure):
        return company_offer_submit(**values)


def test_an_unknown_company_creates_it_and_one_offer_in_the_pool(
    pau, dominique, appellation, pau_commune, unscoped
):
    offer = submit(pau, appellation, pau_commune, title="")

    offer = Offer.objects.get()
    assert (offer.status, offer.source, offer.captured_by) == (
        OfferStatus.TO_CONFIRM,
        OfferSource.COMPANY_FORM,
        None,
    )
    assert offer.title == "Serveur / Serveuse en restauration"  # the job's name by default
    company = Company.objects.get()
    assert (company.name, company.commune, company.phone) == (
        "Brasserie du Palais",
        pau_commune,
        "+33612345678",
    )
    assert list(CompanyPerson.objects.values_list("name", "phone")) == [("Mme Lacoste", "+33612345678")]
    assert AuditEvent.objects.filter(action="offer.submitted", target_id=offer.pk).exists()


def test_the_company_gets_an_sms_with_its_private_link(pau, dominique, appellation, pau_commune, unscoped):
    offer = submit(pau, appellation, pau_commune)

    message = Message.objects.get(kind=MessageKind.COMPANY_OFFER_RECEIVED)
    assert (message.recipient, message.subject, message.subject_id) == (
        "+33612345678",
        Subject.COMPANY,
        offer.company_id,
    )
    assert "Notre équipe vous rappelle" in message.body
    assert f"https://example.fr/s/acces-pau/entreprise/{offer.company_id}/" in message.body
    assert message.segments <= 2


def test_an_offer_of_the_pool_alerts_the_direction(
    pau, dominique, camille, appellation, pau_commune, unscoped
):
    dominique.phone = "+33622222222"
    dominique.save(update_fields=["phone"])
    submit(pau, appellation, pau_commune)

    alert = Message.objects.get(kind=MessageKind.COMPANY_OFFER_TO_CONFIRM)
    assert (alert.channel, alert.recipient, alert.subject_id) == (Channel.SMS, "+33622222222", dominique.pk)
    assert alert.body == (
        "Accès Pau : offre à confirmer, Serveur / Serveuse en restauration chez Brasserie du Palais (Pau). "
        "Voir Ma journée."
    )
    assert alert.segments == 1


def test_a_company_known_by_its_siret_goes_to_the_cre_who_follows_it(
    pau, camille, dominique, appellation, unscoped
):
    camille.phone = "+33611111111"
    camille.save(update_fields=["phone"])
    known = f.CompanyFactory(structure=pau, name="Palais SARL", followed_by=camille)

    offer = submit(pau, appellation, known.commune, siret=" ".join(known.siret), company_name="Autre nom")

    assert (offer.company, offer.captured_by) == (known, camille)
    assert Company.objects.count() == 1
    alert = Message.objects.get(kind=MessageKind.COMPANY_OFFER_TO_CONFIRM)
    assert (alert.recipient, alert.subject_id) == ("+33611111111", camille.pk)
    assert "Camille" in Message.objects.get(kind=MessageKind.COMPANY_OFFER_RECEIVED).body


def test_a_cre_who_left_the_team_leaves_the_offer_in_the_pool(pau, camille, dominique, appellation, unscoped):
    known = f.CompanyFactory(structure=pau, followed_by=camille)
    camille.memberships.update(is_active=False)

    offer = submit(pau, appellation, known.commune, siret=known.siret)

    assert offer.captured_by is None
    alert = Message.objects.get(kind=MessageKind.COMPANY_OFFER_TO_CONFIRM)
    assert (alert.channel, alert.recipient) == (Channel.EMAIL, dominique.email)


def test_a_company_is_found_by_its_name_whatever_accents_and_case(
    pau, dominique, appellation, pau_commune, unscoped
):
    known = f.CompanyFactory(structure=pau, name="Pâtisserie Élise", siret="", commune=pau_commune)
    elsewhere = f.CompanyFactory(
        structure=pau, name="Patisserie Elise", siret="", commune=f.CommuneFactory(lescar=True)
    )

    offer = submit(pau, appellation, pau_commune, company_name="  PATISSERIE   elise ")

    assert offer.company == known
    assert Company.objects.exclude(pk__in=[known.pk, elsewhere.pk]).count() == 0


def test_another_structures_company_is_never_reused(
    pau, basque, dominique, appellation, pau_commune, unscoped
):
    theirs = f.CompanyFactory(structure=basque, name="Brasserie du Palais", siret="", commune=pau_commune)

    offer = submit(pau, appellation, pau_commune)

    assert offer.company != theirs
    assert offer.company.structure == pau


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"siret": "12345678901234"}, "siret"),
        ({"contact_phone": "12"}, "contact_phone"),
        ({"starts_on": datetime.date(9999, 1, 1)}, "starts_on"),
        ({"hours_per_week": Decimal(200)}, "hours_per_week"),
        ({"contract": Contract.CDD, "duration_months": 900}, "duration_months"),
        ({"company_name": "  "}, "company_name"),
        ({"contact_name": "x" * 201}, "contact_name"),
        ({"contract": "forever"}, "contract"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(
    pau, dominique, appellation, pau_commune, unscoped, changes, field
):
    with pytest.raises(OutOfRange) as refused:
        submit(pau, appellation, pau_commune, **changes)
    assert refused.value.field == field
    assert refused.value.message
    assert not Offer.objects.exists() and not Company.objects.exists() and not Message.objects.exists()


def test_a_cdd_needs_its_duration(pau, dominique, appellation, pau_commune, unscoped):
    with pytest.raises(DomainError, match="durée"):
        submit(pau, appellation, pau_commune, contract=Contract.CDD)
    offer = submit(pau, appellation, pau_commune, contract=Contract.CDD, duration_months=6)
    assert offer.duration_months == 6


def test_a_failure_half_way_leaves_nothing(pau, dominique, appellation, pau_commune, unscoped):
    def broken_link(company):
        raise RuntimeError("the link cannot be built")

    with pytest.raises(RuntimeError):
        submit(pau, appellation, pau_commune, private_link=broken_link)
    assert not Company.objects.exists() and not CompanyPerson.objects.exists()
    assert not Offer.objects.exists() and not Message.objects.exists()


def test_confirming_opens_the_offer_captured_by_the_confirmer_and_then_it_is_matched(
    pau, camille, dominique, appellation, pau_commune, unscoped
):
    person = f.JobSeekerFactory(structure=pau, commune=pau_commune)
    f.TargetJobFactory(job_seeker=person, structure=pau, appellation=appellation, commune=pau_commune)
    offer = submit(pau, appellation, pau_commune)
    with structure_scope(pau):
        assert rank_offers(person, include_filtered=True) == []
        company_offer_confirm(offer=offer, by=camille)
        assert [pair.offer_id for pair in rank_offers(person, include_filtered=True)] == [offer.pk]

    offer.refresh_from_db()
    assert (offer.status, offer.captured_by, offer.captured_on) == (
        OfferStatus.OPEN,
        camille,
        timezone.localdate(),
    )
    assert offer.company.followed_by == camille  # next time, its offers come to Camille
    assert AuditEvent.objects.filter(action="offer.confirmed", actor=camille).exists()


def test_confirming_keeps_the_cre_it_was_routed_to(pau, camille, dominique, appellation, unscoped):
    known = f.CompanyFactory(structure=pau, followed_by=camille)
    offer = submit(pau, appellation, known.commune, siret=known.siret)
    with structure_scope(pau):
        company_offer_confirm(offer=offer, by=dominique)
    offer.refresh_from_db()
    assert offer.captured_by == camille


def test_an_offer_is_confirmed_once(pau, camille, dominique, appellation, pau_commune, unscoped):
    offer = submit(pau, appellation, pau_commune)
    with structure_scope(pau):
        company_offer_confirm(offer=offer, by=camille)
        with pytest.raises(DomainError, match="n'est plus à confirmer"):
            company_offer_confirm(offer=offer, by=dominique)
        with pytest.raises(DomainError, match="n'est plus à confirmer"):
            company_offer_reject(offer=offer, by=dominique, reason="Doublon")


def test_discarding_cancels_the_offer_with_its_reason(
    pau, camille, dominique, appellation, pau_commune, unscoped
):
    offer = submit(pau, appellation, pau_commune)
    with structure_scope(pau):
        with pytest.raises(OutOfRange) as refused:
            company_offer_reject(offer=offer, by=camille, reason=" ")
        assert refused.value.field == "reason"
        company_offer_reject(offer=offer, by=camille, reason="Doublon de l'offre du 3 mars")

    offer.refresh_from_db()
    assert (offer.status, offer.captured_by) == (OfferStatus.CANCELLED, camille)
    event = AuditEvent.objects.get(action="offer.rejected")
    assert event.params == {"reason": "Doublon de l'offre du 3 mars"}


def test_an_offer_to_confirm_cannot_take_a_person(
    pau, camille, dominique, appellation, pau_commune, unscoped
):
    offer = submit(pau, appellation, pau_commune)
    with structure_scope(pau), pytest.raises(DomainError):
        positioning_create(offer=offer, job_seeker=f.JobSeekerFactory(structure=pau), by=camille)


def test_the_company_says_how_the_interview_went_in_the_persons_journal(
    pau, camille, offer, position, unscoped
):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_SCHEDULED)
    before = positioning.interview_at - datetime.timedelta(hours=1)
    with structure_scope(pau):
        with pytest.raises(DomainError, match="Aucun entretien"):
            company_interview_feedback(offer=offer, text="Très bien", now=before)
        entry = company_interview_feedback(
            offer=offer, text="Très motivé, on le prend à l'essai.", now=positioning.interview_at
        )

    entry = JournalEntry.objects.get(pk=entry.pk)
    assert entry.job_seeker == positioning.job_seeker
    assert entry.company == offer.company
    assert entry.author is None
    assert entry.rendered == (
        "Retour de Propreté Paloise sur l'entretien « Agent d'entretien », donné par son lien privé :\n"
        "Très motivé, on le prend à l'essai."
    )
    # The CRE who presented the person reads it at once, by e-mail, in the company's words.
    mail = Message.objects.get(kind=MessageKind.COMPANY_FEEDBACK_RECEIVED)
    assert (mail.channel, mail.recipient) == ("email", positioning.presented_by.email)
    assert "« Très motivé, on le prend à l'essai. »" in mail.body
    assert positioning.job_seeker.full_name in mail.body and "Propreté Paloise" in mail.body


def test_the_companys_feedback_goes_to_the_direction_when_the_cre_has_left(
    pau, camille, dominique, offer, position, unscoped
):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_SCHEDULED)
    with structure_scope(pau):
        Membership.objects.filter(user=positioning.presented_by, structure=pau).update(is_active=False)
        company_interview_feedback(offer=offer, text="Pas retenu.", now=positioning.interview_at)
    recipients = Message.objects.filter(kind=MessageKind.COMPANY_FEEDBACK_RECEIVED).values_list(
        "recipient", flat=True
    )
    assert list(recipients) == [dominique.email]


def test_a_structure_without_direction_alerts_its_whole_team(pau, appellation, pau_commune, unscoped):
    first = f.staff_user(pau, Role.CRE, email="a@acces-pau.fr")
    second = f.staff_user(pau, Role.CRE, email="b@acces-pau.fr")
    submit(pau, appellation, pau_commune)
    alerts = Message.objects.filter(kind=MessageKind.COMPANY_OFFER_TO_CONFIRM)
    assert sorted(alerts.values_list("recipient", flat=True)) == [first.email, second.email]
