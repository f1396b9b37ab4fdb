"""Every generated action about a person leaves its line in their journal, as the services do:
an event declared with seekers.journal.journal_event and its parameters, rendered in the
reader's language; `text` holds only what a person would have typed (a note, a call summary)."""

import datetime
from typing import Any

from accesdirect.seekers.journal import EVENTS, stored_params
from accesdirect.seekers.models import JournalEntry

from .context import Build


def journal_add(
    build: Build,
    person,
    kind: str,
    at: datetime.datetime,
    event: str = "",
    params: dict[str, Any] | None = None,
    *,
    text: str = "",
    author=None,
    company=None,
) -> None:
    # The same checks as seekers.services.journal_add: an unknown code would show as a code.
    assert not event or event in EVENTS, f"Undeclared journal event {event!r}"
    assert event or text, "A journal entry needs an event or a text."
    at = build.timeline.past(at)
    build.rows.add(
        JournalEntry(
            structure_id=build.structure_id,
            job_seeker=person.seeker,
            kind=kind,
            occurred_at=at,
            author_id=author.pk if author else None,
            event=event,
            params=stored_params(params) if params else {},
            text=text,
            company=company,
            created_at=at,
        )
    )
