"""Offers left open settings.OFFER_OPEN_DAYS days after their capture expire (offers/expiry.py),
through the schedulers the outbox worker runs every minute; the CRE who captured the offer is
told by e-mail, once, and sees it on their home page."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import Channel, MessageKind, Subject
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import registered_schedulers, run_schedulers
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.expiry import expire_stale_offers
from accesdirect.offers.models import Offer
from accesdirect.offers.services import positioning_create
from accesdirect.structures.enums import Role
from accesdirect.structures.models import Membership
from accesdirect.testing import factories as f
from accesdirect.testing.clock import PARIS_TUESDAY_0030, SERVER_ZONES, server_time_zone

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# A Tuesday at 10:00: every scheduler runs, SMS ones included.
NOW = datetime.datetime(2027, 3, 16, 10, 0, tzinfo=PARIS)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def sixty_days(settings):
    settings.OFFER_OPEN_DAYS = 60


def offer(structure, cre, *, open_days: int, **fields) -> Offer:
    return f.OfferFactory(
        structure=structure,
        company__structure=structure,
        company__name="Boulangerie Lacoste",
        captured_by=cre,
        captured_on=TODAY - datetime.timedelta(days=open_days),
        **fields,
    )


def status(offer: Offer) -> str:
    with scopes_disabled():
        return Offer.objects.get(pk=offer.pk).status


def expiry_emails() -> list[Message]:
    with scopes_disabled():
        return list(Message.objects.filter(kind=MessageKind.OFFER_EXPIRED).order_by("recipient"))


def test_the_offers_app_registers_the_expiry_with_the_outbox():
    assert expire_stale_offers in registered_schedulers()


def test_an_offer_open_sixty_days_expires_and_its_cre_is_told_once(pau, camille):
    old = offer(pau, camille, open_days=60, title="Agent / Agente d'entretien de locaux")
    recent = offer(pau, camille, open_days=59)

    run_schedulers(now=NOW)
    run_schedulers(now=NOW + datetime.timedelta(minutes=1))

    assert status(old) == OfferStatus.EXPIRED
    assert status(recent) == OfferStatus.OPEN
    [email] = expiry_emails()
    assert (email.channel, email.recipient, email.subject, email.subject_id) == (
        Channel.EMAIL,
        camille.email,
        Subject.STAFF,
        camille.pk,
    )
    assert email.email_subject == "Offre expirée : Agent / Agente d'entretien de locaux (Boulangerie Lacoste)"
    assert "recueillie le vendredi 15 janvier" in email.body
    assert "ouverte 60 jours" in email.body
    # E-mails do not wait for the SMS hours.
    assert email.next_attempt_at == NOW


def test_the_next_day_expires_the_next_offer(pau, camille):
    tomorrow_s = offer(pau, camille, open_days=59)
    run_schedulers(now=NOW)
    assert status(tomorrow_s) == OfferStatus.OPEN
    run_schedulers(now=NOW + datetime.timedelta(days=1))
    assert status(tomorrow_s) == OfferStatus.EXPIRED


def test_the_setting_decides_how_long_an_offer_stays_open(pau, camille, settings):
    settings.OFFER_OPEN_DAYS = 30
    month_old = offer(pau, camille, open_days=30)
    run_schedulers(now=NOW)
    assert status(month_old) == OfferStatus.EXPIRED
    assert "ouverte 30 jours" in expiry_emails()[0].body


def test_an_offer_with_a_person_positioned_never_expires_under_them(pau, camille):
    positioned = offer(pau, camille, open_days=90)
    with structure_scope(pau):
        positioning_create(offer=positioned, job_seeker=f.JobSeekerFactory(structure=pau), by=camille)
    run_schedulers(now=NOW)
    assert status(positioned) == OfferStatus.POSITIONED
    assert expiry_emails() == []


def test_filled_and_cancelled_offers_are_left_as_they_are(pau, camille):
    filled = offer(pau, camille, open_days=90, status=OfferStatus.FILLED)
    cancelled = offer(pau, camille, open_days=90, status=OfferStatus.CANCELLED)
    run_schedulers(now=NOW)
    assert (status(filled), status(cancelled)) == (OfferStatus.FILLED, OfferStatus.CANCELLED)
    assert expiry_emails() == []


def test_the_direction_is_told_when_the_cre_has_left_the_structure(pau, camille, dominique):
    Membership.all_objects.filter(user=camille).update(is_active=False)
    offer(pau, camille, open_days=60)
    run_schedulers(now=NOW)
    assert [email.recipient for email in expiry_emails()] == [dominique.email]


def test_each_structure_expires_its_own_offers_and_tells_its_own_cre(pau, basque, camille, bixente):
    offer(pau, camille, open_days=60)
    offer(basque, bixente, open_days=60)
    f.staff_user(basque, Role.DIRECTION, email="direction@acces-basque.fr")
    run_schedulers(now=NOW)
    assert {(email.structure_id, email.recipient) for email in expiry_emails()} == {
        (pau.pk, camille.email),
        (basque.pk, bixente.email),
    }


@pytest.mark.parametrize("zone", SERVER_ZONES)
def test_the_days_are_counted_in_paris_whatever_the_servers_zone(pau, camille, zone):
    # 00:30 on Tuesday 16 March in Paris, still Monday on the server: 60 days since 15 January.
    captured_on_15_january = offer(pau, camille, open_days=60)
    with server_time_zone(zone):
        expire_stale_offers(now=PARIS_TUESDAY_0030)
    assert status(captured_on_15_january) == OfferStatus.EXPIRED


def test_the_cre_sees_their_expired_offers_on_their_home_page(camille_client, pau, camille, bixente, basque):
    offer(pau, camille, open_days=70, title="Plongeur / Plongeuse")
    offer(basque, bixente, open_days=70, title="Serveur / Serveuse")
    # Expired this morning in real time: the page reads the real today.
    with scopes_disabled():
        Offer.objects.update(captured_on=timezone.localdate() - datetime.timedelta(days=60))
    expire_stale_offers(now=timezone.now())
    page = camille_client.get("/").content.decode()
    assert "Mes offres expirées sans être pourvues" in page
    assert "Plongeur / Plongeuse" in page
    assert "Serveur / Serveuse" not in page


def test_an_offer_expired_long_ago_leaves_the_home_page(camille_client, pau, camille):
    offer(pau, camille, open_days=0, title="Plongeur / Plongeuse")
    with scopes_disabled():
        Offer.objects.update(
            captured_on=timezone.localdate() - datetime.timedelta(days=60 + 15), status=OfferStatus.EXPIRED
        )
    assert "Plongeur / Plongeuse" not in camille_client.get("/").content.decode()


def test_an_offer_sent_by_a_company_and_never_confirmed_expires_too(pau, camille, dominique):
    """Sent through "J'ai une offre" and never confirmed: routed to Camille, who follows the
    company, or waiting in the pool (no captor), it expires like any other, and whoever had it
    to confirm (Camille, the direction for the pool) is told it was never confirmed."""
    routed = offer(pau, camille, open_days=60, status=OfferStatus.TO_CONFIRM, title="Vendeuse")
    pooled = offer(pau, None, open_days=60, status=OfferStatus.TO_CONFIRM, title="Plongeur")
    recent = offer(pau, None, open_days=10, status=OfferStatus.TO_CONFIRM)

    run_schedulers(now=NOW)

    assert (status(routed), status(pooled), status(recent)) == (
        OfferStatus.EXPIRED,
        OfferStatus.EXPIRED,
        OfferStatus.TO_CONFIRM,
    )
    with scopes_disabled():
        assert Offer.objects.get(pk=pooled.pk).captured_by is None
    emails = {email.recipient: email.body for email in expiry_emails()}
    assert set(emails) == {camille.email, dominique.email}
    assert (
        "n'a pas été confirmée en 60 jours" in emails[camille.email] and "Vendeuse" in emails[camille.email]
    )
    assert "Plongeur" in emails[dominique.email]
