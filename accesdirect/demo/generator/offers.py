"""Offers, positionings with their steps, employments and in-job follow-ups.

One offer = one person: an offer carries positionings one after the other, never two at
once; it is reused by a later person only after its previous positioning ended, and it is
closed for good by a hire. Offers still carrying an active positioning are POSITIONED."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from accesdirect.companies.enums import ContactKind, ContactOutcome
from accesdirect.offers import journal as events
from accesdirect.offers.enums import Contract, OfferSource, OfferStatus, PositioningStatus
from accesdirect.offers.models import (
    SURVIVAL_MONTHS,
    Employment,
    JobFollowUp,
    Offer,
    Positioning,
    PositioningStep,
)
from accesdirect.offers.services.employment import FOLLOW_UP_AFTER_DAYS, FOLLOW_UP_AFTER_MONTHS
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import add_months

from .catalogue import (
    CONTRACT_KINDS,
    EMPLOYER_CHANGE,
    EMPLOYER_CHANGE_AFTER_THE_CONTRACT,
    HOURS_PER_WEEK,
    OFFER_CONTRACTS,
    OFFER_OPEN_DAYS,
    OFFER_WORK_CONDITIONS,
    SURVIVAL_BY_SMS,
    SURVIVAL_STAY,
    SURVIVAL_UNREACHED,
    WORK_CONDITIONS_SHARE,
)
from .companies import CompanyInfo, company_for_fiche, contact_add
from .context import Build
from .journal import journal_add
from .reference import AppellationInfo
from .timeline import DAY, Weighted, conditions_pick

_offer_contracts = Weighted(OFFER_CONTRACTS)
_work_conditions = Weighted(OFFER_WORK_CONDITIONS)
_hours = Weighted(HOURS_PER_WEEK)
_sources = Weighted(((OfferSource.PROSPECTION, 75), (OfferSource.COMPANY_FORM, 18), (OfferSource.OTHER, 7)))
_conditions = ("Horaires de journée.", "Travail le samedi matin.", "Horaires décalés possibles.", "")
# An offer is reused by another person only if captured less than this many days before.
REUSE_DAYS = 40
# What the CRE notes after an in-job follow-up call.
_WELL_NOTES = (
    "",
    "La personne est contente de son poste.",
    "L'employeur est satisfait, contrat en bonne voie.",
)
_DIFFICULT_NOTES = (
    "Quelques difficultés : point prévu avec l'employeur.",
    "Horaires difficiles à tenir, solution de garde à trouver.",
)
# What the CRE notes after a call of survival in employment: (in a job, same employer) → notes.
_SURVIVAL_NOTES = {
    (True, True): ("", "Toujours en poste, contrat renouvelé.", "Toujours chez le même employeur, en CDI."),
    (True, False): ("", "A trouvé un autre emploi, en CDI.", "En intérim, missions régulières."),
    (False, None): ("Sans emploi depuis la fin de son contrat.", "Sans emploi : lui proposer de revenir."),
}
_SMS_EVENTS = {
    (True, True): events.FOLLOW_UP_SMS_SAME_EMPLOYER,
    (True, False): events.FOLLOW_UP_SMS_OTHER_EMPLOYER,
    (False, None): events.FOLLOW_UP_SMS_NO_JOB,
}


@dataclass
class OfferInfo:
    offer: Offer
    company: CompanyInfo
    contract_key: str
    free_from: datetime.date
    active: bool = False
    filled: bool = False

    @property
    def closed(self) -> bool:
        return self.active or self.filled


@dataclass
class StepPlan:
    """Day offsets of a positioning's steps from the proposal."""

    accepted: int
    scheduled: int
    interview: int
    decision: int

    @classmethod
    def draw(cls, rng: random.Random) -> "StepPlan":
        accepted = rng.randint(0, 2)
        scheduled = accepted + rng.randint(1, 3)
        interview = scheduled + rng.randint(2, 7)
        return cls(accepted, scheduled, interview, interview + rng.randint(1, 4))


def duration_months(rng: random.Random, contract_key: str) -> int | None:
    return {
        "cdd_short": lambda: rng.randint(1, 6),
        "cdd_long": lambda: rng.randint(7, 12),
        "subsidised": lambda: rng.choice((6, 9, 12)),
        "work_study": lambda: rng.choice((12, 24)),
    }.get(contract_key, lambda: None)()


def offer_create(
    build: Build,
    *,
    appellation: AppellationInfo,
    company: CompanyInfo,
    captured_on: datetime.date,
    contract_key: str | None = None,
) -> OfferInfo:
    rng = build.rng
    contract_key = contract_key or _offer_contracts.pick(rng)
    contract = CONTRACT_KINDS[contract_key]
    by = company.cre if rng.random() < 0.7 else rng.choice(build.cres)
    at = build.timeline.past(build.timeline.office_time(rng, captured_on))
    source = _sources.pick(rng)
    hours = _hours.pick(rng)
    title = appellation.label[:200]
    licence = rng.random() < 0.2
    offer = build.rows.add(
        Offer(
            structure_id=build.structure_id,
            company=company.company,
            captured_by=by,
            captured_on=captured_on,
            appellation_id=appellation.id,
            title=title,
            contract=contract,
            duration_months=duration_months(rng, contract_key),
            hours_per_week=Decimal(hours),
            commune_id=company.commune.id,
            starts_on=captured_on + rng.randint(7, 30) * DAY,
            description=f"{company.company.name} recherche une personne pour un poste de {title.lower()}, "
            f"{hours} h par semaine.",
            conditions="Permis B exigé." if licence else rng.choice(_conditions),
            requires_driving_licence=licence,
            work_conditions=conditions_pick(rng, _work_conditions, WORK_CONDITIONS_SHARE),
            source=source,
            created_at=at,
        )
    )
    if source == OfferSource.PROSPECTION:
        contact_add(
            build,
            company,
            by=by,
            at=at,
            outcome=ContactOutcome.OFFER,
            kind=rng.choice((ContactKind.VISIT, ContactKind.CALL)),
            notes=f"Offre recueillie : {title}.",
        )
    info = OfferInfo(offer=offer, company=company, contract_key=contract_key, free_from=captured_on)
    build.offers.append(info)
    build.offers_by_appellation[appellation.id].append(info)
    return info


def offer_for(
    build: Build, person, appellation: AppellationInfo, day: datetime.date, contract_key: str | None = None
) -> OfferInfo:
    """An offer to present to the person on `day`: one freed by an earlier candidate, or a new one."""
    rng = build.rng
    for info in build.offers_by_appellation.get(appellation.id, ()):
        if (
            not info.closed
            and info.free_from < day
            and info.offer.captured_on >= day - REUSE_DAYS * DAY
            and (contract_key is None or info.contract_key == contract_key)
            and rng.random() < 0.6
        ):
            return _within_means(info, person)
    company = company_for_fiche(build, appellation.fiche_id, person.commune)
    captured_on = build.timeline.working_day(day - rng.randint(0, 12) * DAY)
    info = offer_create(
        build, appellation=appellation, company=company, captured_on=captured_on, contract_key=contract_key
    )
    return _within_means(info, person)


def _within_means(info: OfferInfo, person) -> OfferInfo:
    """A CRE presents an offer only to someone who can meet its working conditions."""
    unavailable = set(person.seeker.unavailable_conditions)
    conditions = info.offer.work_conditions
    if unavailable & set(conditions):
        info.offer.work_conditions = [condition for condition in conditions if condition not in unavailable]
    return info


def positioning_add(
    build: Build, person, info: OfferInfo, *, start: datetime.date, steps: StepPlan, outcome: str | None
) -> Positioning:
    """A positioning proposed on `start`, ended with `outcome`, or still active today (None)."""
    rng, timeline = build.rng, build.timeline
    offer, by = info.offer, info.offer.captured_by
    plan = [
        (PositioningStatus.PROPOSED, 0),
        (PositioningStatus.ACCEPTED, steps.accepted),
        (PositioningStatus.INTERVIEW_SCHEDULED, steps.scheduled),
        (PositioningStatus.INTERVIEW_HELD, steps.interview),
    ]
    if outcome is None:
        plan = [step for step in plan if start + step[1] * DAY < build.today]
    elif outcome == PositioningStatus.WITHDRAWN:
        cut = rng.randint(1, 3)
        plan = [*plan[:cut], (outcome, plan[cut - 1][1] + rng.randint(1, 3))]
    else:
        plan.append((outcome, steps.decision))
    times = [
        timeline.at(start + offset * DAY, min(17, 9 + 2 * index), rng.choice((0, 30)))
        for index, (_, offset) in enumerate(plan)
    ]
    reached = {status for status, _ in plan}
    interview_at = None
    if PositioningStatus.INTERVIEW_SCHEDULED in reached:
        # Before the "interview held" step, recorded at 15:00 that day.
        interview_at = timeline.at(start + steps.interview * DAY, rng.randint(9, 14))
    positioning = build.rows.add(
        Positioning(
            structure_id=build.structure_id,
            offer=offer,
            job_seeker=person.seeker,
            presented_by=by,
            status=plan[-1][0],
            interview_at=interview_at,
            ended_at=times[-1] if outcome else None,
            created_at=times[0],
        )
    )
    for (status, _), at in zip(plan, times, strict=True):
        build.rows.add(
            PositioningStep(
                structure_id=build.structure_id, positioning=positioning, status=status, at=at, by_id=by.pk
            )
        )
    _positioning_journal(build, person, info, plan, times, interview_at)
    if outcome is None:
        info.active = True
    elif outcome == PositioningStatus.HIRED:
        info.filled = info.company.filled = True
    else:
        info.free_from = start + plan[-1][1] * DAY
    if outcome in (PositioningStatus.HIRED, PositioningStatus.NOT_RETAINED):
        contact_add(
            build,
            info.company,
            by=by,
            at=times[-1] - datetime.timedelta(hours=1),
            outcome=ContactOutcome.FEEDBACK,
            kind=ContactKind.CALL,
            notes=f"Retour après l'entretien de {person.seeker.full_name}.",
            people=(person,),
        )
    return positioning


def _positioning_journal(build, person, info: OfferInfo, plan, times, interview_at) -> None:
    """The proposal (and its SMS), then each step, as positioning_create and _advance write them."""
    offer, by, company = info.offer, info.offer.captured_by, info.company.company
    facts = {"title": offer.title, "company": company.name}
    journal_add(build, person, JournalKind.SMS, times[0], events.PROPOSAL_SENT, facts, author=by)
    journal_add(
        build, person, JournalKind.PROPOSAL, times[0], events.PROPOSED, facts, author=by, company=company
    )
    for (status, _), at in zip(plan[1:], times[1:], strict=True):
        if status == PositioningStatus.INTERVIEW_SCHEDULED:
            event, params = events.INTERVIEW, {**facts, "step": status, "when": interview_at}
        else:
            event, params = events.STEP, {**facts, "step": status}
        journal_add(build, person, JournalKind.PROPOSAL, at, event, params, author=by, company=company)


def employment_add(
    build: Build,
    person,
    *,
    start: datetime.date,
    contract_key: str,
    title: str,
    employer_name: str,
    months: int | None,
    hours: Decimal,
    company: CompanyInfo | None = None,
    positioning: Positioning | None = None,
    searching_after: bool = False,
) -> Employment:
    """`searching_after`: the person is back in the active file once this job is over (a short
    first contract), without a job until today."""
    rng, timeline = build.rng, build.timeline
    contract = CONTRACT_KINDS[contract_key]
    if contract == Contract.INTERIM:
        ends_on = start + rng.randint(5, 60) * DAY
    elif months:
        ends_on = add_months(start, months) - DAY
    else:
        ends_on = None
    recorded_at = timeline.at(start, 9)
    employment = build.rows.add(
        Employment(
            structure_id=build.structure_id,
            job_seeker=person.seeker,
            positioning=positioning,
            company=company.company if company else None,
            employer_name=employer_name[:200],
            job_title=title[:200],
            contract=contract,
            starts_on=start,
            ends_on=ends_on,
            hours_per_week=hours,
            recorded_by=person.cre,
            created_at=recorded_at,
        )
    )
    journal_add(
        build,
        person,
        JournalKind.EMPLOYMENT,
        recorded_at,
        events.EMPLOYED_DURABLE if employment.is_durable else events.EMPLOYED,
        {
            "title": employment.job_title,
            "employer": employment.employer_name,
            "contract": contract,
            "start": start,
        },
        author=person.cre,
        company=employment.company,
    )
    _follow_ups_add(build, person, employment)
    _survival_follow_ups_add(build, person, employment, searching_after=searching_after)
    return employment


def _follow_ups_add(build: Build, person, employment: Employment) -> None:
    """The check-ins in the post planned as the service plans them (a week, a month), each
    while the job lasts (the first one always)."""
    rng, today, start = build.rng, build.today, employment.starts_on
    due_dates = [start + days * DAY for days in FOLLOW_UP_AFTER_DAYS]
    in_the_post = [months for months in FOLLOW_UP_AFTER_MONTHS if months not in SURVIVAL_MONTHS]
    due_dates += [add_months(start, months) for months in in_the_post]
    for index, due in enumerate(due_dates):
        if index and employment.ends_on is not None and due > employment.ends_on:
            break
        done_on = due + rng.randint(0, 4) * DAY
        done = done_on <= today and rng.random() < 0.92
        going_well = rng.random() < 0.85 if done else None
        notes = ""
        if done:
            notes = rng.choice(_WELL_NOTES) if going_well else rng.choice(_DIFFICULT_NOTES)
            journal_add(
                build,
                person,
                JournalKind.EMPLOYMENT,
                build.timeline.office_time(rng, done_on),
                events.FOLLOW_UP_WELL if going_well else events.FOLLOW_UP_DIFFICULT,
                {"title": employment.job_title, "employer": employment.employer_name},
                text=notes,
                author=person.cre,
                company=employment.company,
            )
        build.rows.add(
            JobFollowUp(
                structure_id=build.structure_id,
                employment=employment,
                due_on=due,
                done_on=done_on if done else None,
                by=person.cre if done else None,
                going_well=going_well,
                notes=notes,
                created_at=employment.created_at,
            )
        )


def _survival_follow_ups_add(build: Build, person, employment: Employment, *, searching_after: bool) -> None:
    """The follow-ups of survival in employment, 6, 12, 24 and 48 months after the start, planned
    whatever becomes of the job (as the service keeps them at its end), answered when past: by
    SMS (OUI, AUTRE, NON) or after a CRE's call. A person out of work, or not reached, at one
    check-in answers none of the later ones (the survival figures follow them no further)."""
    rng, today, start = build.rng, build.today, employment.starts_on
    in_job, same_employer, followed = True, True, True
    for months in SURVIVAL_MONTHS:
        due = add_months(start, months)
        done_on = due + rng.randint(0, 10) * DAY
        answer = None
        if followed and done_on <= today and rng.random() < SURVIVAL_UNREACHED:
            followed = False  # Not reached: followed no further.
        elif followed and done_on <= today:
            contract_over = employment.ends_on is not None and employment.ends_on < due
            if searching_after:
                # Back in the active file after a short contract: without a job until today.
                in_job = not contract_over
            else:
                in_job = rng.random() < SURVIVAL_STAY[months]
                change = EMPLOYER_CHANGE_AFTER_THE_CONTRACT if contract_over else EMPLOYER_CHANGE[months]
                same_employer = same_employer and rng.random() >= change
            answer = (True, same_employer) if in_job else (False, None)
            followed = in_job
        build.rows.add(_survival_follow_up(build, person, employment, due, done_on, answer))


def _survival_follow_up(build: Build, person, employment: Employment, due, done_on, answer) -> JobFollowUp:
    row = JobFollowUp(
        structure_id=build.structure_id, employment=employment, due_on=due, created_at=employment.created_at
    )
    if answer is None:
        return row
    rng = build.rng
    row.done_on = done_on
    row.still_employed, row.same_employer = answer
    facts = {"title": employment.job_title, "employer": employment.employer_name}
    if rng.random() < SURVIVAL_BY_SMS:
        at = build.timeline.at(done_on, rng.randint(8, 20), rng.randint(0, 59))
        event, author = _SMS_EVENTS[answer], None
    else:
        row.by, row.going_well = person.cre, answer[0] and rng.random() < 0.9
        row.notes = rng.choice(_SURVIVAL_NOTES[answer])
        at, author = build.timeline.office_time(rng, done_on), person.cre
        event = events.FOLLOW_UP_WELL if row.going_well else events.FOLLOW_UP_DIFFICULT
    journal_add(
        build,
        person,
        JournalKind.EMPLOYMENT,
        at,
        event,
        facts,
        text=row.notes,
        author=author,
        company=employment.company,
    )
    return row


def _is_open(build: Build, info: OfferInfo) -> bool:
    return not info.closed and info.offer.captured_on > build.today - OFFER_OPEN_DAYS * DAY


def offers_top_up(build: Build, appellation_in_demand) -> None:
    """Offers no one was presented on: expired or cancelled in the past, open in the last weeks."""
    rng, timeline = build.rng, build.timeline
    history_end = build.today - OFFER_OPEN_DAYS * DAY
    history_start = timeline.days_ago(3 * 365)
    for _ in range(len(build.offers) // 5):
        day = timeline.working_day(timeline.sample_day(rng, history_start, history_end))
        _offer_anywhere(build, appellation_in_demand(), day)
    missing = build.count(build.plan.open_offers) - sum(_is_open(build, info) for info in build.offers)
    for _ in range(max(0, missing)):
        day = timeline.working_day(build.today - rng.randint(0, OFFER_OPEN_DAYS - 1) * DAY)
        _offer_anywhere(build, appellation_in_demand(), day)


def _offer_anywhere(build: Build, appellation: AppellationInfo, day: datetime.date) -> OfferInfo:
    company = company_for_fiche(build, appellation.fiche_id, build.pick_commune())
    return offer_create(build, appellation=appellation, company=company, captured_on=day)


def offers_settle(build: Build) -> None:
    rng = build.rng
    for info in build.offers:
        if info.filled:
            status = OfferStatus.FILLED
        elif info.active:
            status = OfferStatus.POSITIONED
        elif _is_open(build, info):
            status = OfferStatus.OPEN
        else:
            status = OfferStatus.EXPIRED if rng.random() < 0.85 else OfferStatus.CANCELLED
        info.offer.status = status
