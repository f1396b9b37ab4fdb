"""The journal of a person: every action about them, shown on their page."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..enums import JournalKind
from ..models import JobSeeker, JournalEntry


def day_text(value: datetime.date) -> str:
    """A date as written in journal texts (French)."""
    return value.strftime("%d/%m/%Y")


@transaction.atomic
def journal_add(
    *,
    job_seeker: JobSeeker,
    kind: JournalKind,
    text: str,
    author=None,
    company=None,
    occurred_at: datetime.datetime | None = None,
) -> JournalEntry:
    """Record an action about a person in their journal (shown on their page)."""
    return JournalEntry.objects.create(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        kind=kind,
        text=text,
        author=author,
        company=company,
        occurred_at=occurred_at or timezone.now(),
    )
