"""Offers left open too long expire: the scheduler run every minute by the outbox worker
(registered in OffersConfig.ready()) expires, through `offer_expire`, every offer still open
settings.OFFER_OPEN_DAYS days after its capture (or sent by a company that long ago and never
confirmed), and tells the CRE who captured it by e-mail
(or the structure's direction if that CRE has left it); their home page lists it too.

An offer with a person positioned on it is not open, so it never expires under their feet.
Works across every structure; running it again finds nothing more to do (an expired offer is no
longer open, and the e-mail's idempotency key is per offer and recipient)."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django_scopes import scopes_disabled

from accesdirect.core.calendar import paris_date
from accesdirect.core.errors import DomainError
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.formats import sms_date
from accesdirect.messaging.services import email_staff
from accesdirect.structures.queries import staff_in_charge

from .enums import OfferStatus
from .models import Offer
from .services import offer_expire

logger = logging.getLogger(__name__)

# Expired offers stay on their CRE's home page this long.
SHOWN_FOR = datetime.timedelta(days=14)


def expiry_cutoff(today: datetime.date) -> datetime.date:
    """Offers captured on or before this day have been open OFFER_OPEN_DAYS days by `today`."""
    return today - datetime.timedelta(days=settings.OFFER_OPEN_DAYS)


def expired_recently(*, captured_by, today: datetime.date):
    """The offers of this CRE that expired in the last two weeks (for their home page): an
    offer expires OFFER_OPEN_DAYS after its capture, so its capture date dates the expiry."""
    return (
        Offer.objects.filter(
            captured_by=captured_by,
            status=OfferStatus.EXPIRED,
            captured_on__gt=expiry_cutoff(today) - SHOWN_FOR,
        )
        .select_related("company")
        .order_by("-captured_on", "-pk")
    )


def offer_expired_key(offer: Offer, user_id: int) -> str:
    return f"offer-expired:{offer.pk}:{user_id}"


def _recipients(offers: list[Offer]) -> dict[int, list]:
    """Per offer: the CRE who captured it if still in the team, else the structure's direction."""
    return staff_in_charge({offer.pk: (offer.structure_id, offer.captured_by_id) for offer in offers})


def queue_offer_expired(
    offer: Offer, *, recipients: list, now: datetime.datetime, unconfirmed: bool = False
) -> int:
    """E-mail to staff: this offer expired unfilled; capture it again if the company still hires."""
    context = {
        "title": offer.title,
        "company": offer.company.name,
        "date": sms_date(offer.captured_on),
        "days": str(settings.OFFER_OPEN_DAYS),
        # Sent by the company and never confirmed: the e-mail says so.
        "unconfirmed": "oui" if unconfirmed else "",
    }
    return email_staff(
        structure_id=offer.structure_id,
        kind=MessageKind.OFFER_EXPIRED,
        recipients=recipients,
        context=context,
        key=lambda user_id: offer_expired_key(offer, user_id),
        email_subject=f"Offre expirée : {offer.title} ({offer.company.name})",
        now=now,
    )


def expire_stale_offers(*, now: datetime.datetime) -> int:
    """Expire the offers open too long and tell their CREs; returns the e-mails queued."""
    with scopes_disabled():
        offers = list(
            Offer.objects.filter(
                status__in=[OfferStatus.OPEN, OfferStatus.TO_CONFIRM],
                captured_on__lte=expiry_cutoff(paris_date(now)),
            )
            .select_related("company")
            .order_by("captured_on", "pk")
        )
        recipients = _recipients(offers)
        queued = 0
        for offer in offers:
            try:
                # The expiry and its e-mail in one transaction: both or neither.
                with transaction.atomic():
                    unconfirmed = offer.status == OfferStatus.TO_CONFIRM
                    offer_expire(offer=offer, by=None)
                    queued += queue_offer_expired(
                        offer, recipients=recipients[offer.pk], now=now, unconfirmed=unconfirmed
                    )
            except DomainError:
                # Positioned, filled or cancelled since it was read (another worker, a CRE).
                logger.info("offer %s left open: it changed while expiring", offer.pk)
        return queued
