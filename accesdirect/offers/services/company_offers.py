"""Offers sent by companies themselves ("J'ai une offre", the public page or the API).

An offer arrives "à confirmer": routed to the CRE who follows the company if they are still in
the team, else to the structure's pool (no captor). Matching ranks open offers only, so it
waits out of the market until a CRE has called the company and confirmed it (an ordinary open
offer captured by them) or discarded it. The company follows its offers through a private link
and says there how an interview went."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fr import siret as siret_number

from accesdirect.companies.models import Company, CompanyPerson
from accesdirect.companies.services import (
    DuplicateSiret,
    company_create,
    company_mark_partner,
    company_person_add,
)
from accesdirect.core.audit import audit_record
from accesdirect.core.calendar import paris_date
from accesdirect.core.errors import DomainError
from accesdirect.core.phones import normalize_phone
from accesdirect.core.ranges import OutOfRange
from accesdirect.core.versions import data_version_bump
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.referentials.text import fold
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import JournalEntry
from accesdirect.seekers.services import journal_add
from accesdirect.structures.models import Membership, Structure
from accesdirect.structures.queries import staff_in_charge

from .. import journal as events
from ..enums import Contract, OfferSource, OfferStatus
from ..models import Offer, Positioning
from ..notifications import (
    queue_company_feedback_received,
    queue_company_offer_received,
    queue_company_offer_to_confirm,
)
from .offers import _check_duration, _check_terms

# The longest texts a company may type; the public form and the API say the same.
MAX_NAME = 200
MAX_DESCRIPTION = 2000
MAX_REASON = 500
MAX_FEEDBACK = 2000


def _text(value: str, *, field: str, max_length: int, required: bool, label: str, lines: bool = False) -> str:
    """A typed text, trimmed (on one line unless `lines`), refused in French on its field when
    missing or too long."""
    text = (value or "").strip() if lines else " ".join((value or "").split())
    if required and not text:
        raise OutOfRange(_("Indiquez %(label)s.") % {"label": label}, field=field)
    if len(text) > max_length:
        raise OutOfRange(
            _("%(label)s : %(max)s caractères au plus.") % {"label": label.capitalize(), "max": max_length},
            field=field,
        )
    return text


def clean_siret(value: str) -> str:
    """A SIRET is optional; when given it must pass the INSEE check (python-stdnum)."""
    compact = siret_number.compact(value or "")
    if not compact:
        return ""
    try:
        return siret_number.validate(compact)
    except StdnumValidationError:
        raise OutOfRange(
            _(
                "Ce SIRET n'est pas valide : il a 14 chiffres, dont une clé de contrôle. "
                "Vérifiez-le ou laissez-le vide."
            ),
            field="siret",
        ) from None


def _clean_contact_phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except ValidationError as exc:
        raise OutOfRange(exc.messages[0], field="contact_phone") from None


def _company_for_submission(
    *, structure: Structure, siret: str, name: str, commune: Commune, phone: str
) -> Company:
    """The structure's company with this SIRET, else (without SIRET) of this name in this
    commune, accents and case aside; else a new one."""
    companies = Company.objects.filter(structure=structure)
    if siret:
        found = companies.filter(siret=siret).first()
    else:
        folded = fold(name)
        found = next(
            (c for c in companies.filter(commune=commune).order_by("pk") if fold(c.name) == folded), None
        )
    if found is not None:
        return found
    try:
        return company_create(
            structure=structure,
            by=None,
            siret=siret,
            name=name,
            naf=None,
            size_band="",
            commune=commune,
            phone=phone,
        )
    except DuplicateSiret:
        # Sent twice at once: the other submission created it (the unique SIRET decided).
        return companies.get(siret=siret)


def _contact_person(*, company: Company, name: str, phone: str) -> CompanyPerson:
    person = CompanyPerson.objects.filter(company=company, phone=phone).order_by("pk").first()
    return person or company_person_add(company=company, by=None, name=name, phone=phone)


def _follower_in_team(company: Company):
    """The CRE who follows the company, if they still work in its structure; else None (the pool)."""
    if company.followed_by_id is None:
        return None
    in_team = Membership.objects.filter(
        structure_id=company.structure_id, user_id=company.followed_by_id, is_active=True
    ).exists()
    return company.followed_by if in_team else None


def _alerted_staff(offer: Offer) -> list:
    """Who hears of the offer: its CRE; for the pool, the direction, who dispatch it, or the
    whole team of a structure without direction."""
    if offer.captured_by_id is not None:
        return [offer.captured_by]
    direction = staff_in_charge({offer.pk: (offer.structure_id, None)})[offer.pk]
    if direction:
        return direction
    members = Membership.objects.filter(structure_id=offer.structure_id, is_active=True)
    return [membership.user for membership in members.select_related("user").order_by("pk")]


@transaction.atomic
def company_offer_submit(
    *,
    structure: Structure,
    company_name: str,
    siret: str = "",
    company_commune: Commune | None = None,
    contact_name: str,
    contact_phone: str,
    appellation: Appellation,
    title: str = "",
    commune: Commune,
    contract: str,
    starts_on: datetime.date | None = None,
    hours_per_week: Decimal | None = None,
    duration_months: int | None = None,
    description: str = "",
    private_link: Callable[[Company], str] | None = None,
    now: datetime.datetime | None = None,
) -> Offer:
    """Record an offer sent by a company: the company (found by SIRET, or by name in its
    commune, else created with its contact person), the offer "à confirmer" routed to the CRE
    who follows the company or to the pool, an SMS to that CRE (or the direction) and one to
    the company with its private link (`private_link(company)`, built by the edge that knows
    the site's address). Everything or nothing."""
    now = now or timezone.now()
    if contract not in Contract.values:
        raise OutOfRange(_("Choisissez un type de contrat."), field="contract")
    _check_duration(contract, duration_months)
    _check_terms(
        {"duration_months": duration_months, "hours_per_week": hours_per_week, "starts_on": starts_on}
    )
    company_name = _text(
        company_name,
        field="company_name",
        max_length=MAX_NAME,
        required=True,
        label=_("le nom de l'entreprise"),
    )
    contact_name = _text(
        contact_name, field="contact_name", max_length=MAX_NAME, required=True, label=_("votre nom")
    )
    title = _text(title, field="title", max_length=MAX_NAME, required=False, label=_("l'intitulé"))
    description = _text(
        description,
        field="description",
        max_length=MAX_DESCRIPTION,
        required=False,
        label=_("la description"),
        lines=True,
    )
    siret = clean_siret(siret)
    contact_phone = _clean_contact_phone(contact_phone)

    company = _company_for_submission(
        structure=structure,
        siret=siret,
        name=company_name,
        commune=company_commune or commune,
        phone=contact_phone,
    )
    person = _contact_person(company=company, name=contact_name, phone=contact_phone)
    offer = Offer.objects.create(
        structure_id=structure.pk,
        company=company,
        captured_by=_follower_in_team(company),
        captured_on=paris_date(now),
        appellation=appellation,
        title=title or appellation.label,
        contract=contract,
        duration_months=duration_months if contract == Contract.CDD else None,
        hours_per_week=hours_per_week,
        commune=commune,
        starts_on=starts_on,
        description=description,
        source=OfferSource.COMPANY_FORM,
        status=OfferStatus.TO_CONFIRM,
    )
    audit_record(
        by=None,
        action="offer.submitted",
        target=offer,
        params={"company": company.pk, "contact": person.pk, "routed_to": offer.captured_by_id},
    )
    queue_company_offer_received(
        offer, phone=person.phone, link=private_link(company) if private_link else "", now=now
    )
    queue_company_offer_to_confirm(offer, recipients=_alerted_staff(offer), now=now)
    data_version_bump(structure_id=structure.pk)
    return offer


def _locked_to_confirm(offer: Offer) -> Offer:
    # Locked: two CREs clicking at once must not both confirm (or one confirm, one discard).
    locked = Offer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
    if locked.status != OfferStatus.TO_CONFIRM:
        raise DomainError(
            _("Cette offre n'est plus à confirmer : elle est déjà %(status)s.")
            % {"status": OfferStatus(locked.status).label.lower()}
        )
    return locked


@transaction.atomic
def company_offer_confirm(*, offer: Offer, by) -> Offer:
    """The CRE called the company: the offer becomes an ordinary open offer, captured today by
    its CRE (the confirmer, for an offer of the pool), who then follows the company if nobody did."""
    locked = _locked_to_confirm(offer)
    offer.status = OfferStatus.OPEN
    offer.captured_by_id = locked.captured_by_id or by.pk
    # Its time on the market (and its expiry) counts from now, not from the company's message.
    offer.captured_on = timezone.localdate()
    offer.save(update_fields=["status", "captured_by", "captured_on"])
    Company.objects.filter(pk=offer.company_id, followed_by__isnull=True).update(followed_by=by)
    company_mark_partner(company=offer.company)
    audit_record(by=by, action="offer.confirmed", target=offer)
    data_version_bump(structure_id=offer.structure_id)  # A new offer to match.
    return offer


@transaction.atomic
def company_offer_reject(*, offer: Offer, by, reason: str) -> Offer:
    """Discard an offer sent by a company (a joke, a duplicate, no real job): cancelled, with
    the reason in the audit trail. It leaves "à confirmer" with somebody in charge (the
    database requires a captor then), the CRE who discarded it for the pool's."""
    reason = _text(reason, field="reason", max_length=MAX_REASON, required=True, label=_("le motif"))
    locked = _locked_to_confirm(offer)
    offer.status = OfferStatus.CANCELLED
    offer.captured_by_id = locked.captured_by_id or by.pk
    offer.save(update_fields=["status", "captured_by"])
    audit_record(by=by, action="offer.rejected", target=offer, params={"reason": reason})
    data_version_bump(structure_id=offer.structure_id)
    return offer


def interview_positioning(offer: Offer, *, now: datetime.datetime) -> Positioning | None:
    """The positioning a company can speak of: the latest one of the offer whose interview
    time has come (held or passed, still active or closed since)."""
    return (
        Positioning.objects.filter(offer=offer, interview_at__isnull=False, interview_at__lte=now)
        .select_related("job_seeker")
        .order_by("-interview_at", "-pk")
        .first()
    )


@transaction.atomic
def company_interview_feedback(
    *, offer: Offer, text: str, now: datetime.datetime | None = None
) -> JournalEntry:
    """What the company says of an interview, through its private link: a line of the person's
    journal (read by their CRE), in the company's own words."""
    now = now or timezone.now()
    text = _text(
        text, field="text", max_length=MAX_FEEDBACK, required=True, label=_("votre retour"), lines=True
    )
    positioning = interview_positioning(offer, now=now)
    if positioning is None:
        raise DomainError(_("Aucun entretien n'a encore eu lieu pour cette offre."))
    entry = journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.COMPANY_FEEDBACK,
        params={"title": offer.title, "company": offer.company.name},
        text=text,
        company=offer.company,
        occurred_at=now,
    )
    audit_record(
        by=None, action="positioning.company_feedback", target=offer, params={"positioning": positioning.pk}
    )
    # The CRE who presented the person is told at once: a company's word on an interview is the
    # moment to call the person (hired? another try?), not a line found days later.
    recipients = staff_in_charge({positioning.pk: (offer.structure_id, positioning.presented_by_id)})
    queue_company_feedback_received(
        positioning,
        text=text,
        recipients=recipients[positioning.pk],
        key=f"company-feedback-received:{entry.pk}",
        now=now,
    )
    return entry
