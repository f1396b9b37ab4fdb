"""Large histories written with bulk_create, row for row as the services write them, for the
study's tables (tests) and the report bench. Creating 12,127 people through the services
takes minutes; these are the same rows, written in a few statements:

- `referral_create`: the JobSeeker, its Referral (accepted the day it is referred), and the
  journal entry `seekers.referred` (params organisation, programme, day);
- `intake_complete`: the Intake (completed), the referral's `intake_on`, the person ACTIVE and
  the journal entry `seekers.intake_completed` written by the CRE;
- `employment_record`: the Employment and its journal entry `offers.employed` or
  `offers.employed_durable`;
- `job_seeker_exit`: the person LEFT with `exit_reason`/`exited_on`, and the journal entry
  `seekers.exited` (params day, reason).
Left out, because the report reads none of them: the audit trail's lines, the in-job
follow-ups planned at each hire, the data version token. The boundary cases of the tests go
through the services themselves.
"""

import dataclasses
import datetime

from accesdirect.core.calendar import PARIS
from accesdirect.offers import journal as offer_events
from accesdirect.offers.models import Employment, is_durable
from accesdirect.seekers import journal as events
from accesdirect.seekers.enums import JournalKind, Programme, SeekerStatus
from accesdirect.seekers.journal import stored_params
from accesdirect.seekers.models import Intake, JobSeeker, JournalEntry, Referral

BATCH = 2000


@dataclasses.dataclass(frozen=True)
class Job:
    contract: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Path:
    """One person's path: referred on `entry`, their jobs, and their exit if they left."""

    entry: datetime.date
    exit: datetime.date | None = None
    exit_reason: str = ""
    jobs: tuple[Job, ...] = ()
    programme: str = Programme.RSA


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def bulk_paths(
    *, structure, organisation, cre, commune, paths: list[Path], site=None, name="Bulk"
) -> list[int]:
    """Write `paths` for `structure` (inside its scope); returns the people's ids in order."""
    people = JobSeeker.objects.bulk_create(
        [
            JobSeeker(
                structure_id=structure.pk,
                first_name=name,
                last_name=f"{name}{index}",
                commune=commune,
                site=site,
                programme=path.programme,
                status=SeekerStatus.LEFT if path.exit else SeekerStatus.ACTIVE,
                exit_reason=path.exit_reason if path.exit else "",
                exited_on=path.exit,
                created_at=_moment(path.entry, 9),
            )
            for index, path in enumerate(paths)
        ],
        batch_size=BATCH,
    )
    referrals, intakes, journal, employments = [], [], [], []
    for person, path in zip(people, paths, strict=True):
        common = {"structure_id": structure.pk, "job_seeker_id": person.pk}
        referrals.append(
            Referral(
                **common,
                organisation=organisation,
                programme=path.programme,
                referred_on=path.entry,
                accepted_on=path.entry,
                intake_on=path.entry,
                created_at=_moment(path.entry, 9),
            )
        )
        intakes.append(
            Intake(
                **common,
                held_on=path.entry,
                by=cre,
                frame_explained=True,
                agreed_to_engage=True,
                completed_at=_moment(path.entry, 10),
                created_at=_moment(path.entry, 9),
            )
        )
        journal.append(
            JournalEntry(
                **common,
                kind=JournalKind.REFERRAL,
                event=events.REFERRED,
                params=stored_params(
                    {"organisation": organisation.name, "programme": path.programme, "day": path.entry}
                ),
                occurred_at=_moment(path.entry, 9),
                author=cre,
            )
        )
        journal.append(
            JournalEntry(
                **common,
                kind=JournalKind.INTAKE,
                event=events.INTAKE_COMPLETED,
                params={"jobs": ""},
                occurred_at=_moment(path.entry, 10),
                author=cre,
            )
        )
        for job in path.jobs:
            employments.append(
                Employment(
                    **common,
                    employer_name="Employeur",
                    job_title="Poste",
                    contract=job.contract,
                    starts_on=job.starts_on,
                    ends_on=job.ends_on,
                    recorded_by=cre,
                    created_at=_moment(job.starts_on, 11),
                )
            )
            durable = is_durable(job.contract, job.starts_on, job.ends_on)
            journal.append(
                JournalEntry(
                    **common,
                    kind=JournalKind.EMPLOYMENT,
                    event=offer_events.EMPLOYED_DURABLE if durable else offer_events.EMPLOYED,
                    params=stored_params(
                        {
                            "title": "Poste",
                            "employer": "Employeur",
                            "contract": job.contract,
                            "start": job.starts_on,
                        }
                    ),
                    occurred_at=_moment(job.starts_on, 11),
                    author=cre,
                )
            )
        if path.exit:
            journal.append(
                JournalEntry(
                    **common,
                    kind=JournalKind.EXIT,
                    event=events.EXITED,
                    params=stored_params({"day": path.exit, "reason": path.exit_reason}),
                    occurred_at=_moment(path.exit, 17),
                    author=cre,
                )
            )
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    Intake.objects.bulk_create(intakes, batch_size=BATCH)
    Employment.objects.bulk_create(employments, batch_size=BATCH)
    JournalEntry.objects.bulk_create(journal, batch_size=BATCH)
    return [person.pk for person in people]
