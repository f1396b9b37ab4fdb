"""New offers alert the people they suit, by SMS, for those who asked (JobSeeker.offer_alerts).

A scheduler run every minute by the outbox worker (registered in MatchingConfig.ready()): every
open offer captured in the last days and not handled yet is ranked once, the best few compatible
people whose target job it is get an SMS, and the offer is recorded as handled (OfferAlertRun).
Works across every structure, one matching pool per structure and pass; quiet hours and STOP
apply as to any message that is not essential."""

import datetime
import itertools
from operator import attrgetter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.calendar import Territory
from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.formats import staff_name
from accesdirect.messaging.models import Message, OptOut
from accesdirect.messaging.schedule import sending_structures
from accesdirect.messaging.services import message_queue
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JobSeeker

from .loader import MatchingContext
from .models import OfferAlertRun
from .queries import alert_candidates

# An offer is news for this many days after its capture (a weekend, a stopped worker).
ALERT_DAYS = 3
ALERTS_PER_OFFER = 5


def offer_alert_key(offer_id: int, job_seeker_id: int) -> str:
    return f"offer-alert:{offer_id}:{job_seeker_id}"


def new_offers(*, today: datetime.date) -> list[Offer]:
    """Every structure's open offers captured lately whose alerts are not queued yet, grouped
    by structure (run with scopes disabled)."""
    return list(
        Offer.objects.filter(
            status=OfferStatus.OPEN,
            captured_on__gte=today - datetime.timedelta(days=ALERT_DAYS),
            captured_on__lte=today,
            alert_run__isnull=True,
        )
        .select_related("structure", "commune", "captured_by")
        .order_by("structure_id", "captured_on", "pk")
    )


def alert_recipients(*, structure_id: int, since: datetime.datetime) -> dict[int, str]:
    """The mobile of each active person of the structure who wants the alerts, has not
    answered STOP and has had no alert since `since` (one a day at most), by person id."""
    opted_out = OptOut.all_objects.filter(structure_id=structure_id).values("phone")
    alerted = Message.all_objects.filter(
        structure_id=structure_id,
        kind=MessageKind.OFFER_ALERT,
        subject=Subject.JOB_SEEKER,
        created_at__gte=since,
    ).values("subject_id")
    return dict(
        JobSeeker.objects.filter(structure_id=structure_id, offer_alerts=True, status=SeekerStatus.ACTIVE)
        .exclude(phone="")
        .exclude(phone__in=opted_out)
        .exclude(pk__in=alerted)
        .values_list("id", "phone")
    )


@transaction.atomic
def offer_alerts_queue(
    *,
    offer: Offer,
    recipients: dict[int, str],
    context: MatchingContext,
    now: datetime.datetime,
    territory: Territory | None = None,
) -> OfferAlertRun:
    """Queue the SMS of one new offer to the best compatible people among `recipients` (who are
    then removed from it), and record the offer as handled. Raises IntegrityError (and queues
    nothing) when another run handled it at the same moment."""
    pairs = (
        alert_candidates(offer, among=list(recipients), limit=ALERTS_PER_OFFER, context=context)
        if recipients
        else []
    )
    text_context = {
        "structure": offer.structure.name,
        "title": offer.title,
        "commune": offer.commune.name,
        "staff": staff_name(offer.captured_by),
    }
    for pair in pairs:
        # One alert a day at most: the next new offers of the pass go to other people.
        phone = recipients.pop(pair.job_seeker_id)
        message_queue(
            structure_id=offer.structure_id,
            kind=MessageKind.OFFER_ALERT,
            recipient=phone,
            context=text_context,
            idempotency_key=offer_alert_key(offer.pk, pair.job_seeker_id),
            subject=Subject.JOB_SEEKER,
            subject_id=pair.job_seeker_id,
            now=now,
            territory=territory,
        )
    return OfferAlertRun.objects.create(structure_id=offer.structure_id, offer=offer, alerted=len(pairs))


def queue_offer_alerts(*, now: datetime.datetime) -> int:
    """For the structures whose sending window is open now, each in its territory's calendar."""
    territories = sending_structures(now)
    if not territories:
        return 0
    with scopes_disabled():
        offers = new_offers(today=timezone.localtime(now).date())
    queued = 0
    for structure_id, structure_offers in itertools.groupby(offers, key=attrgetter("structure_id")):
        territory = territories.get(structure_id)
        if territory is None:
            continue  # night or holiday where this structure works
        today = territory.date(now)
        with structure_scope(structure_id):
            start_of_day = territory.day_start(today)
            recipients = alert_recipients(structure_id=structure_id, since=start_of_day)
            context = MatchingContext(structure_id, today=today)
            for offer in structure_offers:
                try:
                    queued += offer_alerts_queue(
                        offer=offer, recipients=recipients, context=context, now=now, territory=territory
                    ).alerted
                except IntegrityError:
                    continue  # another worker handled this offer at the same moment
    return queued
