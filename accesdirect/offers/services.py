"""Writes about offers, positionings (one offer = one person) and employment."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.services import journal_add

from .enums import OfferStatus, PositioningStatus
from .models import Offer, Positioning, PositioningStep


class OfferAlreadyPositioned(ConflictError):
    def __init__(self):
        super().__init__(_("Cette offre est déjà positionnée : une seule personne à la fois par offre."))


def positioning_create(*, offer: Offer, job_seeker: JobSeeker, by, presented_by=None) -> Positioning:
    """Put one person on an offer and close the offer's market until the outcome (principle B).

    Safe under concurrency on both databases: the conditional UPDATE is the gate (only one
    transaction can move the offer from open to positioned; the others see 0 rows), and the
    partial unique constraint on active positionings is the backstop whatever code writes.
    """
    if offer.structure_id != job_seeker.structure_id:
        raise DomainError(_("Cette personne et cette offre ne relèvent pas de la même structure."))
    if job_seeker.status != SeekerStatus.ACTIVE:
        raise DomainError(_("Seule une personne accompagnée peut être positionnée sur une offre."))
    try:
        with transaction.atomic():
            opened = Offer.objects.filter(pk=offer.pk, status=OfferStatus.OPEN).update(
                status=OfferStatus.POSITIONED
            )
            if opened != 1:
                raise OfferAlreadyPositioned
            positioning = _positioning_insert(
                offer=offer, job_seeker=job_seeker, by=by, presented_by=presented_by or offer.captured_by
            )
    except IntegrityError:
        raise OfferAlreadyPositioned from None
    offer.status = OfferStatus.POSITIONED
    return positioning


def _positioning_insert(*, offer: Offer, job_seeker: JobSeeker, by, presented_by) -> Positioning:
    now = timezone.now()
    positioning = Positioning.objects.create(
        structure_id=offer.structure_id,
        offer=offer,
        job_seeker=job_seeker,
        presented_by=presented_by,
        status=PositioningStatus.PROPOSED,
        created_at=now,
    )
    PositioningStep.objects.create(
        structure_id=offer.structure_id,
        positioning=positioning,
        status=PositioningStatus.PROPOSED,
        at=now,
        by=by,
    )
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.PROPOSAL,
        text=_("Proposition de poste : %(title)s chez %(company)s")
        % {"title": offer.title, "company": offer.company.name},
        author=by,
        company=offer.company,
        occurred_at=now,
    )
    return positioning
