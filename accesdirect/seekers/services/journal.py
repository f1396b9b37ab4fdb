"""The journal of a person: every action about them, shown on their page."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..enums import JournalKind
from ..journal import EVENTS, stored_params
from ..models import JobSeeker, JournalEntry


@transaction.atomic
def journal_add(
    *,
    job_seeker: JobSeeker,
    kind: JournalKind,
    event: str = "",
    params: dict[str, Any] | None = None,
    text: str = "",
    author=None,
    company=None,
    occurred_at: datetime.datetime | None = None,
) -> JournalEntry:
    """Record an action about a person in their journal (shown on their page).

    `event` is a code declared with seekers.journal.journal_event and `params` its facts: the
    sentence is rendered in the reader's language. `text` is what a person typed, kept as is."""
    if event and event not in EVENTS:
        raise ValueError(f"Unknown journal event {event!r}: declare it with journal_event().")
    if not event and not text:
        raise ValueError("A journal entry needs an event or a text.")
    return JournalEntry.objects.create(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        kind=kind,
        event=event,
        params=stored_params(params or {}),
        text=text,
        author=author,
        company=company,
        occurred_at=occurred_at or timezone.now(),
    )
