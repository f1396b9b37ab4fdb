"""Exports of the main lists (people, companies, offers) as CSV or XLSX, small ones at once,
long ones in the background.

Core names no app: each app registers the lists it exports (`register_export_kind`, from its
`exports` module, discovered at start-up) with their columns and a function giving the list's
rows from the page's filters, the same query the page shows. The outbox registers the worker's
step (`export_jobs_run`) and the e-mail telling the person their file is ready.

Every export is in the audit trail: who, which list, which filters, how many rows, when.
"""

import datetime
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from .audit import audit_record, register_actions
from .exports import Column, write_csv, write_xlsx
from .models import ExportFormat, ExportJob, ExportStatus
from .scope import structure_scope

logger = logging.getLogger(__name__)

# Above this many rows, the export goes to the worker: a page does not wait for it.
BACKGROUND_ROWS = 5000
# A ready file is kept this long, then deleted with its line.
KEEP_DAYS = 3
# A job still "running" after this long died with its worker: it is marked failed.
STALE_AFTER = datetime.timedelta(hours=1)
# Filters kept from the page's address: never the page number nor the format.
IGNORED_PARAMS = frozenset({"page", "format"})


@dataclass(frozen=True)
class ExportKind:
    code: str
    label: Any  # lazy, plural: "Personnes"
    filename: str  # French, no accents: "personnes"
    columns: Callable[[], list[Column]]
    # rows(filters, user): the list's rows, in the current structure scope.
    rows: Callable[[QueryDict, Any], QuerySet]


_KINDS: dict[str, ExportKind] = {}

# Called with a finished job inside the transaction that marks it ready (the outbox's e-mail).
_notifiers: list[Callable[[ExportJob], None]] = []


def register_export_kind(kind: ExportKind) -> None:
    _KINDS[kind.code] = kind


def export_kind(code: str) -> ExportKind | None:
    return _KINDS.get(code)


def register_export_notifier(notifier: Callable[[ExportJob], None]) -> None:
    if notifier not in _notifiers:
        _notifiers.append(notifier)


def export_params(query: QueryDict) -> dict[str, list[str]]:
    """The list's filters from the page's address, as JSON: {name: [values]}, empty ones left out."""
    return {
        name: [value[:200] for value in values if value][:20]
        for name, values in sorted(query.lists())
        if name not in IGNORED_PARAMS and any(values)
    }


def _query(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, list(values))
    return query


def export_rows(*, kind: ExportKind, params: dict[str, list[str]], user) -> QuerySet:
    return kind.rows(_query(params), user)


def export_filename(kind: ExportKind, export_format: str, *, on: datetime.date | None = None) -> str:
    return f"{kind.filename}-{on or timezone.localdate():%Y-%m-%d}.{export_format}"


def write_export(out, *, kind: ExportKind, export_format: str, rows) -> int:
    columns = kind.columns()
    if export_format == ExportFormat.XLSX:
        return write_xlsx(out, columns=columns, rows=rows, title=str(kind.label))
    return write_csv(out, columns=columns, rows=rows)


@transaction.atomic
def export_made(*, by, structure, kind: ExportKind, export_format: str, params: dict, rows: int) -> None:
    """Record an export served at once."""
    audit_record(
        by=by,
        action="export.made",
        structure_id=structure.pk,
        params={"kind": kind.code, "format": export_format, "filters": params, "rows": rows},
    )


@transaction.atomic
def export_job_create(
    *, by, structure, kind: ExportKind, export_format: str, params: dict, rows: int
) -> ExportJob:
    """A long export, queued for the worker."""
    job = ExportJob.objects.create(
        structure=structure, requested_by=by, kind=kind.code, format=export_format, params=params
    )
    audit_record(
        by=by,
        action="export.requested",
        target=job,
        params={"kind": kind.code, "format": export_format, "filters": params, "rows": rows},
    )
    return job


def exports_dir() -> Path:
    return Path(getattr(settings, "EXPORTS_DIR", Path(settings.VAR_DIR) / "exports"))


def export_job_path(job: ExportJob) -> Path:
    return exports_dir() / job.file_name


def export_jobs_run(*, now: datetime.datetime, limit: int = 3) -> int:
    """The worker's step: write the files of the jobs waiting (at most `limit` per call, the
    oldest first), then delete the expired ones. Returns the number of jobs handled."""
    handled = 0
    with scopes_disabled():
        _fail_stale(now)
        pending = list(
            ExportJob.objects.filter(status=ExportStatus.PENDING).order_by("created_at", "pk")[:limit]
        )
    for job in pending:
        # Claimed by a conditional update: two workers never write the same job.
        with scopes_disabled():
            claimed = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.PENDING).update(
                status=ExportStatus.RUNNING, started_at=now
            )
        if claimed:
            _run(job, now=now)
            handled += 1
    export_jobs_cleanup(now=now)
    return handled


def _fail_stale(now: datetime.datetime) -> None:
    ExportJob.objects.filter(status=ExportStatus.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=ExportStatus.FAILED, finished_at=now, error="interrupted"
    )


def _run(job: ExportJob, *, now: datetime.datetime) -> None:
    kind = export_kind(job.kind)
    folder = exports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # A random name: nobody can guess another person's file, even on the server.
    file_name = f"{job.structure_id}-{uuid.uuid4().hex}.{job.format}"
    path = folder / file_name
    try:
        if kind is None:
            raise LookupError(f"unknown export kind {job.kind}")
        with structure_scope(job.structure), path.open("wb") as out:
            rows = export_rows(kind=kind, params=job.params, user=job.requested_by).iterator(chunk_size=2000)
            count = write_export(out, kind=kind, export_format=job.format, rows=rows)
    except Exception as exc:  # the job fails alone; the worker goes on with the others
        logger.exception("export job %s failed", job.pk)
        path.unlink(missing_ok=True)
        with scopes_disabled():
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:1000]
            )
        return
    finished = timezone.now()
    with transaction.atomic(), scopes_disabled():
        job.status = ExportStatus.DONE
        job.file_name = file_name
        job.row_count = count
        job.finished_at = finished
        job.expires_at = finished + datetime.timedelta(days=KEEP_DAYS)
        job.save(update_fields=["status", "file_name", "row_count", "finished_at", "expires_at"])
        for notify in _notifiers:
            notify(job)


def export_jobs_cleanup(*, now: datetime.datetime) -> int:
    """Delete the files and lines of expired exports (and of failed ones after as long)."""
    with scopes_disabled():
        expired = list(
            ExportJob.objects.filter(expires_at__lte=now)
            | ExportJob.objects.filter(
                status=ExportStatus.FAILED, finished_at__lte=now - datetime.timedelta(days=KEEP_DAYS)
            )
        )
        for job in expired:
            if job.file_name:
                export_job_path(job).unlink(missing_ok=True)
        ExportJob.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return len(expired)


@transaction.atomic
def export_job_downloaded(*, job: ExportJob, by) -> None:
    audit_record(
        by=by,
        action="export.downloaded",
        target=job,
        params={"kind": job.kind, "format": job.format, "rows": job.row_count},
    )


def _describe(params: dict) -> str:
    kind = export_kind(params.get("kind", ""))
    text = gettext("%(list)s, %(format)s, %(rows)s lignes") % {
        "list": kind.label if kind else params.get("kind", ""),
        "format": str(params.get("format", "")).upper(),
        "rows": params.get("rows", "?"),
    }
    filters = params.get("filters") or {}
    if filters:
        text += " · " + gettext("filtres : %(filters)s") % {
            "filters": ", ".join(f"{name}={'|'.join(values)}" for name, values in filters.items())
        }
    return text


register_actions(
    {
        "export.made": _("a exporté une liste"),
        "export.requested": _("a demandé l'export d'une liste"),
        "export.downloaded": _("a téléchargé un export"),
    },
    {"export.made": _describe, "export.requested": _describe, "export.downloaded": _describe},
)
