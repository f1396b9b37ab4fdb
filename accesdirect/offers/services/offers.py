"""Offers: capture, edit, cancel, expire."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.companies.models import Company
from accesdirect.companies.services import company_mark_partner
from accesdirect.core import ranges
from accesdirect.core.audit import audit_changes, audit_record
from accesdirect.core.errors import DomainError
from accesdirect.core.versions import data_version_bump
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.seekers.enums import WorkCondition

from ..enums import (
    Contract,
    OfferSource,
    OfferStatus,
)
from ..models import Offer
from ..notifications import queue_company_offer_received

OFFER_EDITABLE_FIELDS = frozenset(
    {
        "appellation",
        "title",
        "contract",
        "duration_months",
        "hours_per_week",
        "commune",
        "starts_on",
        "description",
        "conditions",
        "requires_driving_licence",
        "work_conditions",
        "source",
    }
)


# --- Offers ---------------------------------------------------------------------------


def _check_duration(contract: str, duration_months: int | None) -> None:
    if contract == Contract.CDD and not duration_months:
        raise DomainError(_("Un CDD a une durée : indiquez-la en mois."))


def _check_terms(values: dict) -> None:
    """The duration, hours and start of an offer within their plausible ranges (core.ranges)."""
    for field, refusal in (
        ("duration_months", ranges.duration_refusal(values.get("duration_months"))),
        ("hours_per_week", ranges.hours_refusal(values.get("hours_per_week"))),
    ):
        if refusal:
            raise ranges.OutOfRange(refusal, field=field)
    ranges.OFFER_START.check(values.get("starts_on"), field="starts_on")


def _checked_conditions(work_conditions) -> list[str]:
    """Distinct values of WorkCondition (a JSON list), refused in French otherwise."""
    values = list(work_conditions or ())
    if not all(isinstance(value, str) for value in values) or not set(values) <= set(WorkCondition.values):
        raise DomainError(_("Conditions de travail : valeur inconnue."))
    return list(dict.fromkeys(values))


@transaction.atomic
def offer_create(
    *,
    company: Company,
    by,
    appellation: Appellation,
    title: str,
    contract: Contract,
    duration_months: int | None = None,
    hours_per_week: Decimal | None = None,
    commune: Commune | None = None,
    starts_on: datetime.date | None = None,
    description: str = "",
    conditions: str = "",
    requires_driving_licence: bool = False,
    work_conditions: list[str] | tuple[str, ...] = (),
    source: OfferSource = OfferSource.PROSPECTION,
) -> Offer:
    """Capture an offer. The CRE who captures it presents it (principle B), so captured_by is
    the author; the company entrusting an offer becomes a partner."""
    _check_duration(contract, duration_months)
    _check_terms(
        {"duration_months": duration_months, "hours_per_week": hours_per_week, "starts_on": starts_on}
    )
    offer = Offer.objects.create(
        structure_id=company.structure_id,
        company=company,
        captured_by=by,
        captured_on=timezone.localdate(),
        appellation=appellation,
        title=title.strip() or appellation.label,
        contract=contract,
        duration_months=duration_months,
        hours_per_week=hours_per_week,
        commune=commune or company.commune,
        starts_on=starts_on,
        description=description,
        conditions=conditions,
        requires_driving_licence=requires_driving_licence,
        work_conditions=_checked_conditions(work_conditions),
        source=source,
    )
    company_mark_partner(company=company)
    if source == OfferSource.COMPANY_FORM:
        # The company signalled the offer itself ("J'ai une offre"): it is told that it arrived.
        # An offer captured by a CRE was just discussed with the company, no message needed.
        queue_company_offer_received(offer)
    audit_record(by=by, action="offer.created", target=offer)
    data_version_bump(structure_id=offer.structure_id)  # A new offer to match.
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, by, **changes: Any) -> Offer:
    """Change the given fields (see OFFER_EDITABLE_FIELDS) of an offer still on the market."""
    unknown = set(changes) - OFFER_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"offer_update() cannot change {sorted(unknown)}")
    # Lock the offer: a concurrent fill or cancel must not slip between the check and the save.
    status = Offer.objects.select_for_update(of=("self",)).values_list("status", flat=True).get(pk=offer.pk)
    # An offer sent by a company is often put right (the job, the hours) while confirming it.
    if status not in (OfferStatus.TO_CONFIRM, OfferStatus.OPEN, OfferStatus.POSITIONED):
        raise DomainError(_("Une offre pourvue, annulée ou expirée ne se modifie plus."))
    _check_duration(
        changes.get("contract", offer.contract), changes.get("duration_months", offer.duration_months)
    )
    _check_terms(changes)
    if "title" in changes:
        changes["title"] = changes["title"].strip() or changes.get("appellation", offer.appellation).label
    if "work_conditions" in changes:
        changes["work_conditions"] = _checked_conditions(changes["work_conditions"])
    changed = audit_changes(offer, changes)
    for field, value in changes.items():
        setattr(offer, field, value)
    offer.status = status
    offer.save(update_fields=list(changes))
    if changed:
        audit_record(by=by, action="offer.updated", target=offer, params={"changes": changed})
    if changes:
        data_version_bump(structure_id=offer.structure_id)
    return offer


def _offer_close(offer: Offer, *, to_status: OfferStatus, from_statuses=(OfferStatus.OPEN,)) -> None:
    # Conditional update: only an offer on the market can leave it, whatever runs at the same time.
    closed = Offer.objects.filter(pk=offer.pk, status__in=from_statuses).update(status=to_status)
    if closed != 1:
        status = Offer.objects.values_list("status", flat=True).get(pk=offer.pk)
        if status == OfferStatus.POSITIONED:
            raise DomainError(
                _(
                    "Une personne est positionnée sur cette offre : "
                    "clôturez d'abord son positionnement (abandon ou non retenu·e)."
                )
            )
        raise DomainError(
            _("Cette offre n'est plus ouverte (%(status)s).") % {"status": OfferStatus(status).label}
        )
    offer.status = to_status


@transaction.atomic
def offer_cancel(*, offer: Offer, by) -> Offer:
    _offer_close(offer, to_status=OfferStatus.CANCELLED)
    audit_record(by=by, action="offer.cancelled", target=offer)
    data_version_bump(structure_id=offer.structure_id)  # Off the market, out of the pool.
    return offer


@transaction.atomic
def offer_expire(*, offer: Offer, by=None) -> Offer:
    # An offer a company sent that nobody confirmed in time expires too: it never reached the
    # market, and the pool must not keep it for ever.
    _offer_close(
        offer, to_status=OfferStatus.EXPIRED, from_statuses=(OfferStatus.OPEN, OfferStatus.TO_CONFIRM)
    )
    # by is None when the scheduler expires an offer left open too long.
    audit_record(by=by, action="offer.expired", target=offer)
    data_version_bump(structure_id=offer.structure_id)
    return offer
