"""The structure's company file (~3,600 TPE/PME) and its contacts: offers captured, feedback
after interviews, and chains of prospection contacts each relaunched on its follow-up date."""

import datetime
from dataclasses import dataclass

from django.utils.text import slugify
from stdnum import luhn
from stdnum.fr import siret as siret_checker

from accesdirect.companies.enums import ContactOutcome, Relationship
from accesdirect.companies.journal import CONTACTED_FOR
from accesdirect.companies.models import Company, CompanyContact, CompanyPerson
from accesdirect.seekers.enums import JournalKind
from accesdirect.structures.models import User

from .catalogue import (
    CONTACT_KINDS,
    CONTACTED_COMPANY_SHARE,
    CONTACTS_FOR_A_PERSON_SHARE,
    CONTACTS_PER_CRE_PER_MONTH,
    FULL_RATE_DAYS,
    HISTORY_DAYS,
    LEGAL_FORMS,
    NAME_WORDS,
    PERSON_ROLES,
    PROSPECTION_OUTCOMES,
    SIZE_BANDS,
)
from .context import Build
from .journal import journal_add
from .reference import CommuneInfo, SectorInfo
from .timeline import DAY, Weighted
from .writer import ContactSeeker

_contact_kinds = Weighted(CONTACT_KINDS)
_prospection_outcomes = Weighted(PROSPECTION_OUTCOMES)
_size_bands = Weighted(SIZE_BANDS)
_legal_forms = Weighted(LEGAL_FORMS)
AVERAGE_MONTH_DAYS = 30.44


@dataclass
class CompanyInfo:
    company: Company
    sector: SectorInfo
    commune: CommuneInfo
    cre: User
    person: CompanyPerson | None
    prospected: bool
    last_contact_at: datetime.datetime | None = None
    last_contact_by: User | None = None
    filled: bool = False


def companies_build(build: Build) -> None:
    rng, fake, structure_id = build.rng, build.fake, build.structure_id
    sirets: set[str] = set()
    oldest = build.timeline.days_ago(HISTORY_DAYS + 365)
    for _ in range(build.count(build.plan.companies)):
        sector = build.reference.sector_picker.pick(rng)
        commune = build.pick_commune()
        name = _company_name(build, sector, commune)
        created_at = build.timeline.office_time(rng, oldest + rng.randint(0, 365) * DAY)
        company = build.rows.add(
            Company(
                structure_id=structure_id,
                siret=_siret(rng, sirets),
                name=name,
                naf_id=rng.choice(sector.naf_ids) if sector.naf_ids else None,
                size_band=_size_bands.pick(rng),
                commune_id=commune.id,
                address=fake.street_address(),
                phone=_national(build.phones.mobile()),
                email=f"contact@{slugify(name)[:40]}.example" if rng.random() < 0.6 else "",
                created_at=created_at,
            )
        )
        person = None
        if rng.random() < 0.75:
            person = build.rows.add(
                CompanyPerson(
                    structure_id=structure_id,
                    company=company,
                    name=fake.name(),
                    role=rng.choice(PERSON_ROLES),
                    phone=_national(build.phones.mobile()) if rng.random() < 0.5 else "",
                    created_at=created_at,
                )
            )
        info = CompanyInfo(
            company=company,
            sector=sector,
            commune=commune,
            cre=rng.choice(build.cres),
            person=person,
            prospected=rng.random() < CONTACTED_COMPANY_SHARE,
        )
        build.companies.append(info)
        build.companies_by_sector[sector.key].append(info)
        build.companies_by_sector_commune[sector.key, commune.id].append(info)


def company_for_fiche(build: Build, fiche_id: int, near: CommuneInfo) -> CompanyInfo:
    """A company of a sector that hires for this fiche, in the person's commune when possible."""
    rng = build.rng
    sectors = build.reference.sectors_by_fiche.get(fiche_id)
    if not sectors:
        return rng.choice(build.companies)
    key = rng.choice(sectors).key
    nearby = build.companies_by_sector_commune.get((key, near.id))
    if nearby and rng.random() < 0.5:
        return rng.choice(nearby)
    return rng.choice(build.companies_by_sector.get(key) or build.companies)


def contact_add(
    build: Build,
    info: CompanyInfo,
    *,
    by: User,
    at: datetime.datetime,
    outcome: str,
    kind: str | None = None,
    notes: str = "",
    follow_up: datetime.date | None = None,
    people=(),
) -> CompanyContact:
    at = build.timeline.past(at)
    kind = kind or _contact_kinds.pick(build.rng)
    contact = build.rows.add(
        CompanyContact(
            structure_id=build.structure_id,
            company=info.company,
            by_id=by.pk,
            person=info.person,
            kind=kind,
            occurred_at=at,
            outcome=outcome,
            notes=notes,
            next_follow_up_on=follow_up,
            created_at=at,
        )
    )
    for person in people:
        build.rows.add(ContactSeeker(companycontact=contact, jobseeker=person.seeker))
        journal_add(
            build,
            person,
            JournalKind.COMPANY_CONTACT,
            at,
            CONTACTED_FOR,
            {"kind": kind, "company": info.company.name, "outcome": outcome},
            author=by,
            company=info.company,
        )
    if info.last_contact_at is None or at > info.last_contact_at:
        info.last_contact_at, info.last_contact_by = at, by
    return contact


def prospection_contacts_build(build: Build) -> None:
    """Chains of prospection contacts, ~90 a month per CRE over the generated density.

    A follow-up date in the past is always honoured by the next contact of the chain, so
    the follow-ups left due are the recent ones, as on a CRE's real home page."""
    rng, timeline = build.rng, build.timeline
    start = timeline.days_ago(HISTORY_DAYS)
    span = timeline.weighted_span(start, build.today)
    target = CONTACTS_PER_CRE_PER_MONTH * len(build.cres) * build.scale * span / AVERAGE_MONTH_DAYS
    prospected = [info for info in build.companies if info.prospected] or build.companies
    written = 0
    while written < target:
        info = rng.choice(prospected)
        day = timeline.working_day(timeline.sample_day(rng, start, build.today))
        written += _contact_chain(build, info, day)


def _contact_chain(build: Build, info: CompanyInfo, day: datetime.date) -> int:
    rng, timeline = build.rng, build.timeline
    by = info.cre if rng.random() < 0.8 else rng.choice(build.cres)
    recent = timeline.days_ago(FULL_RATE_DAYS)
    written = 0
    while True:
        outcome = _prospection_outcomes.pick(rng)
        follow_up = None
        if outcome == ContactOutcome.INTERESTED:
            follow_up = day + rng.randint(7, 30) * DAY
        elif outcome == ContactOutcome.UNREACHABLE:
            follow_up = day + rng.randint(3, 10) * DAY
        elif rng.random() < 0.4:
            follow_up = day + rng.randint(60, 120) * DAY
        people = ()
        if day >= recent and rng.random() < CONTACTS_FOR_A_PERSON_SHARE:
            people = _person_for(build, info, day)
        contact_add(
            build,
            info,
            by=by,
            at=timeline.office_time(rng, day),
            outcome=outcome,
            notes=_PROSPECTION_NOTES[outcome],
            follow_up=follow_up,
            people=people,
        )
        written += 1
        if follow_up is None or follow_up > build.today - 4 * DAY:
            return written
        day = timeline.working_day(follow_up + rng.randint(0, 3) * DAY)


def _person_for(build: Build, info: CompanyInfo, day: datetime.date):
    candidates = build.active_by_sector.get(info.sector.key)
    if not candidates:
        return ()
    person = build.rng.choice(candidates)
    return (person,) if person.intake_on is not None and person.intake_on < day else ()


def companies_settle(build: Build) -> None:
    """Relationship and follow-up CRE, from what happened to each company."""
    one_year_ago = build.timeline.at(build.timeline.days_ago(365), 0)
    for info in build.companies:
        company = info.company
        if info.filled:
            company.relationship = Relationship.PARTNER
        elif info.last_contact_at is None:
            company.relationship = Relationship.PROSPECT
        elif info.last_contact_at >= one_year_ago:
            company.relationship = Relationship.CONTACTED
        else:
            company.relationship = Relationship.DORMANT
        company.followed_by = info.last_contact_by


def _company_name(build: Build, sector: SectorInfo, commune: CommuneInfo) -> str:
    rng, fake = build.rng, build.fake
    pattern = rng.choice(sector.name_patterns)
    name = pattern.format(
        last=fake.last_name(), first=fake.first_name(), place=commune.name, word=rng.choice(NAME_WORDS)
    )
    return name + _legal_forms.pick(rng)


def _siret(rng, taken: set[str]) -> str:
    """A SIRET valid under the Luhn check: a valid SIREN, an establishment number, a key."""
    while True:
        siren_base = f"{rng.randint(10_000_000, 99_999_999)}"
        siren = siren_base + luhn.calc_check_digit(siren_base)
        establishment = f"{siren}{rng.randint(1, 99):04d}"
        siret = establishment + luhn.calc_check_digit(establishment)
        if siret not in taken and siret_checker.is_valid(siret):
            taken.add(siret)
            return siret


def _national(e164: str) -> str:
    digits = "0" + e164[3:]
    return " ".join(digits[index : index + 2] for index in range(0, 10, 2))


_PROSPECTION_NOTES = {
    ContactOutcome.INTERESTED: "Intéressée par la démarche, à relancer.",
    ContactOutcome.NO_NEED: "Pas de besoin pour le moment.",
    ContactOutcome.UNREACHABLE: "Gérant·e absent·e, rappeler.",
}
