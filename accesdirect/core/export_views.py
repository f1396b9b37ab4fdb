"""Exports of the main lists: at once when small, by the worker when long ("Mes exports").

Direction and CREs only, each in their own structure (the scope): the network head sees
aggregates, never a structure's lists of people."""

import io
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accesdirect.structures.enums import Role

from . import export_jobs
from .access import get_for_user
from .models import ExportFormat, ExportJob, ExportStatus
from .pagination import paginate

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_allowed(membership) -> bool:
    return membership is not None and membership.is_active and membership.role in (Role.CRE, Role.DIRECTION)


def exports_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not export_allowed(request.membership):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _no_store(response):
    # A list of people must not stay in a browser's or a proxy's cache.
    response["Cache-Control"] = "no-store"
    return response


@exports_required
@require_POST
def list_export(request, kind):
    """The list of `kind` with the filters of the page's address, in the format posted."""
    export_kind = export_jobs.export_kind(kind)
    if export_kind is None:
        raise Http404
    export_format = request.POST.get("format", "")
    if export_format not in ExportFormat.values:
        export_format = ExportFormat.XLSX
    params = export_jobs.export_params(request.GET)
    rows = export_jobs.export_rows(kind=export_kind, params=params, user=request.user)
    count = rows.count()
    if count > export_jobs.BACKGROUND_ROWS:
        export_jobs.export_job_create(
            by=request.user,
            structure=request.structure,
            kind=export_kind,
            export_format=export_format,
            params=params,
            rows=count,
        )
        messages.info(
            request,
            _(
                "%(count)s lignes : l'export se prépare en arrière-plan. Vous recevrez un e-mail quand "
                "le fichier sera prêt ; il sera aussi ici, dans « Mes exports »."
            )
            % {"count": f"{count:,}".replace(",", "\u202f")},
        )
        return redirect("exports:list")
    buffer = io.BytesIO()
    written = export_jobs.write_export(buffer, kind=export_kind, export_format=export_format, rows=rows)
    export_jobs.export_made(
        by=request.user,
        structure=request.structure,
        kind=export_kind,
        export_format=export_format,
        params=params,
        rows=written,
    )
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = content_disposition_header(
        True, export_jobs.export_filename(export_kind, export_format)
    )
    return _no_store(response)


def _own_jobs(request):
    return ExportJob.objects.filter(requested_by=request.user).order_by("-created_at", "-pk")


@exports_required
@require_GET
def export_list(request):
    """ "Mes exports": the long exports of the person, ready or in preparation."""
    page_obj = paginate(request, _own_jobs(request))
    for job in page_obj:
        kind = export_jobs.export_kind(job.kind)
        job.label = kind.label if kind else job.kind
    # While a file is being prepared, the list reloads itself (htmx), so that the person who
    # waits on this page sees "Télécharger" appear without the e-mail nor a manual reload.
    preparing = any(job.status in (ExportStatus.PENDING, ExportStatus.RUNNING) for job in page_obj)
    return render(
        request,
        "core/exports.html",
        {"page_obj": page_obj, "keep_days": export_jobs.KEEP_DAYS, "preparing": preparing},
    )


@exports_required
@require_GET
def export_download(request, pk):
    """A ready file, to the person who asked for it only (another gets 404)."""
    job = get_for_user(request, _own_jobs(request).filter(status=ExportStatus.DONE), pk=pk)
    path = export_jobs.export_job_path(job)
    if not path.is_file():
        # Deleted with its expiry between the list and the click.
        messages.error(request, _("Ce fichier n'existe plus : demandez l'export à nouveau depuis la liste."))
        return redirect("exports:list")
    export_jobs.export_job_downloaded(job=job, by=request.user)
    kind = export_jobs.export_kind(job.kind)
    filename = (
        export_jobs.export_filename(kind, job.format, on=timezone.localdate(job.finished_at))
        if kind
        else path.name
    )
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=CONTENT_TYPES[job.format]
    )
    return _no_store(response)
