"""Reads about job seekers, for their pages. Every query runs in the structure scope."""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accesdirect.core.collation import french_order
from accesdirect.referentials.text import fold

from .enums import JournalKind, PeriodStatus
from .models import EngagementPeriod, JobSeeker, JournalEntry

CURRENT_PERIOD_STATUSES = [PeriodStatus.DRAFT, PeriodStatus.ACTIVE]
JOURNAL_ON_PAGE = 50


def job_seekers_for_list(
    *,
    search: str = "",
    status: str = "",
    programme: str = "",
    site=None,
    without_proposal_weeks: int | None = None,
    period_ending_days: int | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[JobSeeker]:
    """The job seekers list with its filters, annotated with what each row shows:
    the current PER (number, status, end) and the date of the last journal entry.

    "Sans proposition depuis N semaines": no proposition de poste (journal kind PROPOSAL,
    written by positioning_create) in the last N weeks."""
    seekers = JobSeeker.objects.select_related("commune", "site")
    if search.strip():
        seekers = seekers.search(search.strip())
    if status:
        seekers = seekers.filter(status=status)
    if programme:
        seekers = seekers.filter(programme=programme)
    if site is not None:
        seekers = seekers.filter(site=site)
    if without_proposal_weeks:
        since = (now or timezone.now()) - datetime.timedelta(weeks=without_proposal_weeks)
        recent_proposals = JournalEntry.objects.filter(
            job_seeker=OuterRef("pk"), kind=JournalKind.PROPOSAL, occurred_at__gte=since
        )
        seekers = seekers.exclude(Exists(recent_proposals))
    if period_ending_days is not None:
        # "PER à renouveler": a signed PER whose term falls within the next N days (or passed).
        today = timezone.localdate(now) if now else timezone.localdate()
        ending = EngagementPeriod.objects.filter(
            job_seeker=OuterRef("pk"),
            status=PeriodStatus.ACTIVE,
            ends_on__lte=today + datetime.timedelta(days=period_ending_days),
        )
        seekers = seekers.filter(Exists(ending))
    current_period = EngagementPeriod.objects.filter(
        job_seeker=OuterRef("pk"), status__in=CURRENT_PERIOD_STATUSES
    ).order_by("-number")
    last_entry = JournalEntry.objects.filter(job_seeker=OuterRef("pk")).order_by("-occurred_at")
    return seekers.annotate(
        current_period_number=Subquery(current_period.values("number")[:1]),
        current_period_status=Subquery(current_period.values("status")[:1]),
        current_period_ends_on=Subquery(current_period.values("ends_on")[:1]),
        last_journal_at=Subquery(last_entry.values("occurred_at")[:1]),
    ).order_by(*french_order("last_name", "first_name", "pk"))


def journal_for(job_seeker: JobSeeker, *, limit: int | None = JOURNAL_ON_PAGE) -> QuerySet[JournalEntry]:
    """The person's journal, newest first (the last `limit` entries, or all of them)."""
    entries = job_seeker.journal.select_related("author", "company").order_by("-occurred_at", "-pk")
    return entries[:limit] if limit else entries


def companies_contacted_for(job_seeker: JobSeeker) -> QuerySet:
    """ "Quelles entreprises ont été contactées pour moi ?": the companies contacted for this
    person (journal entries of kind COMPANY_CONTACT naming a company), the latest first,
    as dicts {company_id, company__name, contact_count, last_contacted_at}."""
    return (
        job_seeker.journal.filter(kind=JournalKind.COMPANY_CONTACT, company__isnull=False)
        .values("company_id", "company__name")
        .annotate(contact_count=Count("pk"), last_contacted_at=Max("occurred_at"))
        .order_by("-last_contacted_at", "company__name")
    )


def companies_contacted_in(entries) -> list[dict]:
    """The same as companies_contacted_for, read from the person's whole journal already loaded
    (the printable record and its PDF): one query fewer."""
    found: dict[int, dict] = {}
    for entry in entries:
        if entry.kind != JournalKind.COMPANY_CONTACT or entry.company_id is None:
            continue
        row = found.setdefault(
            entry.company_id,
            {
                "company_id": entry.company_id,
                "company__name": entry.company.name,
                "contact_count": 0,
                "last_contacted_at": entry.occurred_at,
            },
        )
        row["contact_count"] += 1
        row["last_contacted_at"] = max(row["last_contacted_at"], entry.occurred_at)
    rows = sorted(found.values(), key=lambda row: row["company__name"])
    return sorted(rows, key=lambda row: row["last_contacted_at"], reverse=True)


def possible_duplicates(
    *, phone: str = "", first_name: str = "", last_name: str = "", birth_date: datetime.date | None = None
) -> list[JobSeeker]:
    """The people of the structure who may be this person: the same mobile (E.164), or the
    same name and birth date, accents, case, hyphens and spaces folded ("Hélène Dupont-Léger"
    is "helene dupont leger"). There is no NIR by design: this is how one person keeps one file."""
    query = Q()
    if phone:
        query |= Q(phone=phone)
    if birth_date and first_name.strip() and last_name.strip():
        query |= Q(birth_date=birth_date)
    if not query:
        return []
    name = (fold(first_name), fold(last_name))
    return [
        seeker
        for seeker in JobSeeker.objects.filter(query).select_related("commune").order_by("pk")
        if (phone and seeker.phone == phone) or (fold(seeker.first_name), fold(seeker.last_name)) == name
    ]
