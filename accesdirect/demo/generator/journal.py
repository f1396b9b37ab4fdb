"""Every generated action about a person leaves its line in their journal, as the services do."""

import datetime

from accesdirect.seekers.models import JournalEntry

from .context import Build


def journal_add(
    build: Build, person, kind: str, at: datetime.datetime, text: str, *, author=None, company=None
) -> None:
    at = build.timeline.past(at)
    build.rows.add(
        JournalEntry(
            structure=build.structure,
            job_seeker=person.seeker,
            kind=kind,
            occurred_at=at,
            author=author,
            text=text,
            company=company,
            created_at=at,
        )
    )


def french_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
