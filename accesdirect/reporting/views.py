"""The results pages: "Résultats", "Définitions", "Économies" and the direction's settings.

Staff of the structure (CRE and direction) read their structure's results; a network head may
also read the same over the network's structures, aggregates only (no filter or line that
names one structure's people, CREs, sites or prescribers)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accesdirect.core.access import direction_required, staff_required
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import Programme
from accesdirect.structures.enums import Role
from accesdirect.structures.models import PrescriberOrganisation

from . import services
from .charts import bar_chart, step_chart
from .definitions import BREAKDOWNS, INDICATORS, SECTIONS, Filters, load_data, results
from .enums import Household
from .forms import NETWORK, ReportingSettingsForm, ResultsFilterForm, SavingsForm, SurvivalFilterForm
from .models import ReportingSettings
from .report import report_pdf, report_xlsx
from .savings import DEFAULT_MONTHS, savings
from .scope import filter_form, filters_from, network_ids, shown_breakdowns
from .survival import DEFINITIONS as SURVIVAL_DEFINITIONS
from .survival import MILESTONES, SINCE, SurvivalStep, survival_report
from .templatetags.reporting import figure


def _network_ids(request) -> list[int] | None:
    """The network's structures, when a network head asks for them (?perimetre=reseau)."""
    if request.GET.get("perimetre") != NETWORK:
        return None
    return network_ids(request.membership, request.structure)


def _filter_form(request, form_class, network_ids):
    # Always bound, every filter optional: the page opens on the current year's figures.
    form, cres = filter_form(
        form_class, request.GET or {}, structure=request.structure, network=network_ids is not None
    )
    form.is_valid()
    return form, cres


def _filters(form, request, network_ids) -> Filters:
    return filters_from(form, structure=request.structure, network_ids=network_ids)


def _people_chart(found):
    return bar_chart(
        "people",
        _("Personnes accompagnées, de retour à l'emploi et en emploi durable"),
        [
            (str(item.label), found[item.code], figure(found[item.code]))
            for item in (INDICATORS[0], INDICATORS[3], INDICATORS[5])
        ],
    )


def _breakdown_chart(code, title, rows, column=0, unit=""):
    return bar_chart(
        code, str(title), [(row.label, row.values[column], figure(row.values[column], unit)) for row in rows]
    )


@staff_required
@require_GET
def results_page(request):
    network_ids = _network_ids(request)
    form, cres = _filter_form(request, ResultsFilterForm, network_ids)
    context = {
        "form": form,
        "network": network_ids is not None,
        "can_see_network": request.membership.role == Role.NETWORK_HEAD and request.structure.network_id,
    }
    if form.is_valid():
        settings = ReportingSettings.for_structure(request.structure)
        filters = _filters(form, request, network_ids)
        found = results(filters, settings=settings, cre_names=cres)
        breakdowns = [
            (item, found.breakdowns[item.code]) for item in shown_breakdowns(network=network_ids is not None)
        ]
        objectives = found.breakdowns["objectives"]
        context.update(
            results=found,
            filters=filters,
            sections=[(label, found.lines(code)) for code, label in SECTIONS.items()],
            breakdowns=breakdowns,
            people_chart=_people_chart(found),
            exits_chart=_breakdown_chart(
                "exits", _("Sorties par motif"), found.breakdowns["exits_by_reason"]
            ),
            objectives_chart=(
                bar_chart(
                    "objectives",
                    _("Retour à l'emploi dans le délai, par CRE"),
                    [(row.label, row.values[2], figure(row.values[2], "percent")) for row in objectives],
                    maximum=100,
                    marker=settings.objective_percent,
                    marker_label=_("objectif %(percent)s %%") % {"percent": settings.objective_percent},
                )
                if objectives and network_ids is None
                else None
            ),
        )
    return render(request, "reporting/results.html", context)


@staff_required
@require_GET
def definitions_page(request):
    settings = ReportingSettings.for_structure(request.structure)
    sections = [
        (label, [item for item in INDICATORS if item.section == code]) for code, label in SECTIONS.items()
    ]
    return render(
        request,
        "reporting/definitions.html",
        {
            "sections": sections,
            "breakdowns": BREAKDOWNS,
            "settings": settings,
            "survival": SURVIVAL_DEFINITIONS,
        },
    )


@staff_required
@require_GET
def savings_page(request):
    network_ids = _network_ids(request)
    form, _cres = _filter_form(request, SavingsForm, network_ids)
    context = {"form": form, "network": network_ids is not None}
    if form.is_valid():
        settings = ReportingSettings.for_structure(request.structure)
        filters = _filters(form, request, network_ids)
        found = savings(
            filters,
            form.cleaned_data.get("mois") or DEFAULT_MONTHS,
            household=form.cleaned_data.get("foyer") or Household.SINGLE,
            settings=settings,
        )
        context.update(
            savings=found,
            chart=bar_chart(
                "savings",
                _("RSA évité, coût de l'accompagnement et économie"),
                [
                    (_("RSA évité"), float(found.rsa_avoided), figure(found.rsa_avoided, "euros")),
                    (_("Coût de l'accompagnement"), float(found.cost), figure(found.cost, "euros")),
                    (_("Économie"), float(max(found.saved, 0)), figure(found.saved, "euros")),
                ],
            ),
        )
    return render(request, "reporting/savings.html", context)


# The curves drawn: every start together, then the latest cohorts (the table has them all).
DRAWN_COHORTS = 5


def _percent(step: SurvivalStep) -> float | None:
    return None if step.survival is None else round(float(step.survival) * 100, 1)


def _curve(label: str, steps: list[SurvivalStep]):
    points = [(step.months, _percent(step)) for step in steps]
    known = [(months, percent) for months, percent in points if percent is not None]
    if known:
        months, percent = known[-1]
        text = _("%(label)s : %(percent)s à %(since)s") % {
            "label": label,
            "percent": figure(percent, "percent"),
            "since": SINCE[months],
        }
    else:
        text = _("%(label)s : pas encore de suivi") % {"label": label}
    return (label, points, text)


def _survival_context(report):
    everyone = str(_("Ensemble"))
    drawn = list(report.cohorts.items())[-DRAWN_COHORTS:]
    chart = step_chart(
        "survival",
        _("Part des personnes toujours en emploi après leur premier emploi, par cohorte"),
        [_curve(everyone, report.overall)] + [_curve(str(year), steps) for year, steps in drawn],
        x_max=MILESTONES[-1],
        x_ticks=list(SINCE.items()),
        bold_first=True,
    )
    rows = [(everyone, report.starts, report.overall)] + [
        (str(year), report.cohort_sizes[year], steps) for year, steps in report.cohorts.items()
    ]
    return {
        "report": report,
        "chart": chart,
        "milestones": [SINCE[months] for months in MILESTONES],
        "rows": [
            (label, starts, [(step, _percent(step)) for step in steps]) for label, starts, steps in rows
        ],
        "definitions": SURVIVAL_DEFINITIONS,
        "four_years": _percent(report.overall[-1]),
        "other_employer": (
            None
            if report.study.other_employer_share is None
            else round(float(report.study.other_employer_share) * 100, 1)
        ),
    }


@staff_required
@require_GET
def survival_page(request):
    """Survival in employment: of the people who started a job, how many are still in work 6
    months, 1, 2 and 4 years later, per yearly cohort (all starts unless a period is chosen)."""
    network_ids = _network_ids(request)
    form = SurvivalFilterForm(request.GET or {})
    context = {
        "form": form,
        "network": network_ids is not None,
        "can_see_network": request.membership.role == Role.NETWORK_HEAD and request.structure.network_id,
    }
    if form.is_valid():
        report = survival_report(
            structure_ids=network_ids or [request.structure.pk],
            start=form.cleaned_data.get("debut"),
            end=form.cleaned_data.get("fin"),
        )
        context.update(_survival_context(report))
    return render(request, "reporting/survival.html", context)


@direction_required
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    current = ReportingSettings.for_structure(request.structure)
    form = ReportingSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.reporting_settings_update(structure=request.structure, by=request.user, **values)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Réglages des résultats enregistrés."))
            return redirect("reporting:settings")
    return render(request, "reporting/settings.html", {"form": form, "uses_defaults": current.pk is None})


@staff_required
@require_GET
def funder_report(request, fmt):
    """The annual report for a funder, as XLSX or PDF: the page's filters (period, programme,
    prescriber…), the same figures, the savings and the definitions; in the audit trail."""
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    network_ids = _network_ids(request)
    form, cres = _filter_form(request, ResultsFilterForm, network_ids)
    if not form.is_valid():
        messages.error(request, _("Corrigez les filtres avant de télécharger le rapport."))
        return redirect("reporting:results")
    settings = ReportingSettings.for_structure(request.structure)
    filters = _filters(form, request, network_ids)
    # Read once for both: the figures and the savings come from the same rows.
    loaded = load_data(filters, settings=settings, cre_names=cres)
    found = results(filters, settings=settings, cre_names=cres, data=loaded)
    saved = savings(filters, settings=settings, data=loaded) if network_ids is None else None
    # Every first job up to the period's end: survival needs years of follow-up behind it.
    survived = survival_report(structure_ids=list(filters.structure_ids), end=filters.end)
    data = form.cleaned_data
    # What the report covers, written at its head: (label, value) pairs.
    scope = [
        (_("Réseau") if network_ids is not None else _("Structure"), str(request.structure)),
        (_("Début de la période"), filters.start),
        (_("Fin de la période"), filters.end),
    ]
    if data.get("dispositif"):
        scope.append((_("Dispositif"), str(Programme(data["dispositif"]).label)))
    if data.get("prescripteur"):
        organisation = PrescriberOrganisation.objects.filter(pk=data["prescripteur"]).first()
        if organisation is not None:
            scope.append((_("Prescripteur"), organisation.name))
    title = _("Rapport d'activité — %(structure)s") % {"structure": request.structure}
    audit_record(
        by=request.user,
        action="reporting.report_downloaded",
        structure_id=request.structure.pk,
        params={"format": fmt, "filters": request.GET.urlencode()[:500]},
    )
    name = f"rapport-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    if fmt == "xlsx":
        body = report_xlsx(found, saved, title=_("Rapport"), scope=scope, survival=survived)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = report_pdf(found, saved, title=title, scope=scope, survival=survived)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
