"""Writes about companies, their contact people and the contacts logged with them (principle A)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fr import siret as siret_number

from accesdirect.core import ranges
from accesdirect.core.audit import audit_changes, audit_record
from accesdirect.core.errors import DomainError
from accesdirect.core.phones import normalize_phone
from accesdirect.referentials.models import Commune, NafCode
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.services import journal_add
from accesdirect.structures.models import Structure

from .enums import ContactKind, ContactOutcome, Relationship
from .journal import CONTACTED_FOR
from .models import Company, CompanyContact, CompanyPerson

COMPANY_EDITABLE_FIELDS = frozenset(
    {"siret", "name", "naf", "size_band", "commune", "address", "phone", "email", "followed_by", "notes"}
)


class DuplicateSiret(DomainError):
    def __init__(self):
        super().__init__(_("Une entreprise avec ce SIRET existe déjà dans votre structure."))


def _clean_siret(siret: str) -> str:
    """A SIRET is optional (some employers have none yet); when given it must be valid."""
    compact = siret_number.compact(siret or "")
    if not compact:
        return ""
    try:
        return siret_number.validate(compact)
    except StdnumValidationError:
        raise DomainError(
            _("Le SIRET « %(siret)s » n'est pas valide : il faut 14 chiffres dont une clé de contrôle.")
            % {"siret": siret}
        ) from None


def _clean_phone(phone: str) -> str:
    """A line is optional; when given it must be a phone number, kept in E.164."""
    if not (phone or "").strip():
        return ""
    try:
        return normalize_phone(phone)
    except ValidationError as exc:
        raise ranges.OutOfRange(exc.messages[0], field="phone") from None


def _save_company(company: Company, **save_kwargs) -> None:
    # The partial unique constraint decides (two CREs may create the same company at once);
    # the savepoint keeps the outer transaction usable after the refusal.
    try:
        with transaction.atomic():
            company.save(**save_kwargs)
    except IntegrityError:
        raise DuplicateSiret from None


@transaction.atomic
def company_create(
    *,
    structure: Structure,
    by,
    siret: str,
    name: str,
    naf: NafCode | None,
    size_band: str,
    commune: Commune,
    address: str = "",
    phone: str = "",
    email: str = "",
    followed_by=None,
    notes: str = "",
) -> Company:
    company = Company(
        structure_id=structure.pk,
        siret=_clean_siret(siret),
        name=name.strip(),
        naf=naf,
        size_band=size_band,
        commune=commune,
        address=address,
        phone=_clean_phone(phone),
        email=email,
        followed_by=followed_by,
        notes=notes,
    )
    _save_company(company)
    audit_record(by=by, action="company.created", target=company)
    return company


@transaction.atomic
def company_update(*, company: Company, by, **changes: Any) -> Company:
    """Change the given fields only (see COMPANY_EDITABLE_FIELDS); the relationship is not
    typed in, it follows the contacts."""
    unknown = set(changes) - COMPANY_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"company_update() cannot change {sorted(unknown)}")
    if "siret" in changes:
        changes["siret"] = _clean_siret(changes["siret"])
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    if "phone" in changes:
        changes["phone"] = _clean_phone(changes["phone"])
    changed = audit_changes(company, changes)
    for field, value in changes.items():
        setattr(company, field, value)
    _save_company(company, update_fields=list(changes))
    if changed:
        audit_record(by=by, action="company.updated", target=company, params={"changes": changed})
    return company


@transaction.atomic
def company_person_add(
    *, company: Company, by, name: str, role: str = "", phone: str = "", email: str = ""
) -> CompanyPerson:
    person = CompanyPerson.objects.create(
        structure_id=company.structure_id,
        company=company,
        name=name.strip(),
        role=role,
        phone=_clean_phone(phone),
        email=email,
    )
    audit_record(by=by, action="company_person.added", target=person, params={"company": company.pk})
    return person


@transaction.atomic
def company_contact_log(
    *,
    company: Company,
    by,
    kind: ContactKind,
    occurred_at: datetime.datetime,
    outcome: ContactOutcome,
    notes: str = "",
    next_follow_up_on: datetime.date | None = None,
    person: CompanyPerson | None = None,
    job_seekers: Iterable[JobSeeker] = (),
) -> CompanyContact:
    """Log a contact with a company, move its relationship forward, and tell each person it was
    made for, in their journal ("quelles entreprises ont été contactées pour moi ?")."""
    job_seekers = list(job_seekers)
    if person is not None and person.company_id != company.pk:
        raise DomainError(_("Cet interlocuteur ne travaille pas dans cette entreprise."))
    if any(seeker.structure_id != company.structure_id for seeker in job_seekers):
        raise DomainError(_("Ces personnes et cette entreprise ne relèvent pas de la même structure."))
    ranges.RECORDED.check(occurred_at, field="occurred_at")
    ranges.FOLLOW_UP.check(next_follow_up_on, field="next_follow_up_on")
    # The contact's day where the team works: just after midnight in Paris is still the day
    # before in UTC, and a follow-up "tomorrow" must not be refused as before the contact.
    if next_follow_up_on is not None and next_follow_up_on < timezone.localdate(occurred_at):
        raise DomainError(_("La date de relance ne peut pas précéder le contact."))

    contact = CompanyContact.objects.create(
        structure_id=company.structure_id,
        company=company,
        by=by,
        person=person,
        kind=kind,
        occurred_at=occurred_at,
        outcome=outcome,
        notes=notes,
        next_follow_up_on=next_follow_up_on,
    )
    if job_seekers:
        contact.job_seekers.set(job_seekers)
    company.relationship = _relationship_after_contact(company, outcome)

    for seeker in job_seekers:
        journal_add(
            job_seeker=seeker,
            kind=JournalKind.COMPANY_CONTACT,
            event=CONTACTED_FOR,
            params={"kind": kind, "company": company.name, "outcome": outcome},
            author=by,
            company=company,
            occurred_at=occurred_at,
        )
    audit_record(
        by=by,
        action="company_contact.logged",
        target=company,
        params={
            "contact": contact.pk,
            "kind": kind,
            "outcome": outcome,
            "job_seekers": [seeker.pk for seeker in job_seekers],
        },
    )
    return contact


def _relationship_after_contact(company: Company, outcome: str) -> str:
    if outcome == ContactOutcome.OFFER:
        return company_mark_partner(company=company)
    # A conditional update instead of read-modify-write: it only moves the relationship
    # forward, so concurrent contacts with the same company cannot undo each other.
    companies = Company.objects.filter(pk=company.pk)
    companies.filter(relationship__in=[Relationship.PROSPECT, Relationship.DORMANT]).update(
        relationship=Relationship.CONTACTED
    )
    return companies.values_list("relationship", flat=True).get()


@transaction.atomic
def company_mark_partner(*, company: Company) -> str:
    """A company that entrusts an offer becomes a partner (called by the offers services)."""
    Company.objects.filter(pk=company.pk).exclude(relationship=Relationship.PARTNER).update(
        relationship=Relationship.PARTNER
    )
    company.relationship = Relationship.PARTNER
    return company.relationship
