"""The results over JSON (/api/v1/results/…): the same figures as the Résultats, Économies and
survival pages and the funder report, read from the one definition of each figure
(reporting.definitions, reporting.savings, reporting.survival) with the page's filters.

Staff only. The filters are those of the pages, under English names, checked by the pages' own
form: a date outside 01/01/2000–31/12/2100, an end before the start, a period of more than 20
years, or a site, prescriber or CRE that is not the structure's is refused with a 422 on its
parameter, in French. `perimeter=network` reads every structure of the network, for a network
head only (403 otherwise): aggregates, without the per-CRE breakdowns nor the filters that name
one structure's sites, prescribers or CREs (422).

Numbers are JSON numbers (a rate in percent with one decimal, a share of survival between 0
and 1, unrounded), or null when they have no denominator. Amounts of money are strings of
euros with two decimals ("1285600.00"): exact to the cent, as the savings compute them."""

import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from accesdirect.core.calendar import paris_today
from accesdirect.core.forms import FIRST_DAY, LAST_DAY
from accesdirect.core.ranges import MAX_ID
from accesdirect.reporting.definitions import SECTIONS, Filters, Results, results
from accesdirect.reporting.enums import CostBasis, Household, Unit
from accesdirect.reporting.forms import ResultsFilterForm, SavingsForm, SurvivalFilterForm
from accesdirect.reporting.models import MAX_GRACE_DAYS, ReportingSettings
from accesdirect.reporting.savings import DEFAULT_MONTHS, MAX_MONTHS, rounded, savings
from accesdirect.reporting.scope import (
    PERSON_FILTERS,
    filter_form,
    filters_from,
    network_ids,
    shown_breakdowns,
)
from accesdirect.reporting.survival import MILESTONES, survival_report
from accesdirect.seekers.enums import Programme

from .schemas import errors

router = Router(tags=["résultats"])

DAYS = f"entre le {FIRST_DAY:%d/%m/%Y} et le {LAST_DAY:%d/%m/%Y}"
# The API's parameter → the pages' form field, whose errors come back under the parameter.
FORM_FIELDS = {
    "start": "debut",
    "end": "fin",
    "site_id": "antenne",
    "programme": "dispositif",
    "prescriber_id": "prescripteur",
    "cre_id": "cre",
    "grace_days": "delai",
    "six_months_or_more": "six_mois",
    "months": "mois",
    "household": "foyer",
}
PARAMETERS = {field: name for name, field in FORM_FIELDS.items()}


class Perimeter(StrEnum):
    STRUCTURE = "structure"
    NETWORK = "network"


# Query parameters -------------------------------------------------------------------------


class PerimeterQuery(Schema):
    perimeter: Perimeter = Field(
        Perimeter.STRUCTURE,
        description="structure (défaut) ; network : les structures du réseau, pour une tête de réseau",
    )


class ResultsQuery(PerimeterQuery):
    start: datetime.date | None = Field(
        None, description=f"Premier jour de la période, {DAYS} (défaut : le 1er janvier de l'année en cours)"
    )
    end: datetime.date | None = Field(
        None,
        description=f"Dernier jour, {DAYS} (défaut : le 31 décembre de l'année du début) ; 20 ans au plus",
    )
    site_id: int | None = Field(None, ge=1, le=MAX_ID, description="Une antenne de la structure")
    programme: Programme | None = Field(None, description="Le dispositif de la prescription")
    prescriber_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Un organisme prescripteur de la structure"
    )
    cre_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Un ou une CRE de la structure (son compte)"
    )
    grace_days: int | None = Field(
        None,
        ge=0,
        le=MAX_GRACE_DAYS,
        description="Délai de grâce en jours (défaut : le réglage de la structure)",
    )
    six_months_or_more: bool = Field(
        False, description="Compter les CDD de six mois ou plus comme emploi durable"
    )


class SavingsQuery(ResultsQuery):
    months: int = Field(DEFAULT_MONTHS, ge=1, le=MAX_MONTHS, description="Mois de RSA évités")
    household: Household = Field(Household.SINGLE, description="Foyer retenu pour le montant du RSA")


class SurvivalQuery(PerimeterQuery):
    start: datetime.date | None = Field(
        None, description=f"Premiers emplois commencés à partir de ce jour, {DAYS} (défaut : tous)"
    )
    end: datetime.date | None = Field(None, description=f"… jusqu'à ce jour, {DAYS} (défaut : tous)")


# Answers ----------------------------------------------------------------------------------

Number = int | float | None
# Amounts of money: exact to the cent, as text (a JSON number would be a binary float).
Euros = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", examples=["1285600.00"])]


class PeriodOut(Schema):
    start: datetime.date
    end: datetime.date
    months: int = Field(..., description="Mois civils que la période touche")


class ScopeOut(Schema):
    perimeter: Perimeter
    structures: int = Field(..., description="Nombre de structures dont les chiffres sont réunis")


class SectionOut(Schema):
    code: str
    label: str


class IndicatorOut(Schema):
    code: str
    section: str
    label: str
    unit: Unit
    value: Number = Field(..., description="null quand l'indicateur n'a pas de dénominateur")
    definition: str


class RowOut(Schema):
    key: str | int | None = Field(
        ..., description="Le code de la ligne (motif, origine, décision) ou l'id du compte"
    )
    label: str
    values: list[Number]


class BreakdownOut(Schema):
    code: str
    label: str
    definition: str
    columns: list[str]
    rows: list[RowOut]


class ResultsOut(ScopeOut):
    period: PeriodOut
    grace_days: int
    six_months_or_more: bool
    sections: list[SectionOut]
    indicators: list[IndicatorOut]
    breakdowns: list[BreakdownOut]


class SavingsOut(ScopeOut):
    period: PeriodOut
    months: int = Field(..., description="Mois de RSA évités")
    household: Household
    household_label: str
    people_accompanied: int
    people_durable: int = Field(..., description="Personnes entrées en emploi durable dans la période")
    rsa_year: int | None = Field(..., description="Année du barème retenu (null : aucun montant enregistré)")
    rsa_monthly: Euros | None = Field(..., description="RSA mensuel du foyer (null : aucun montant)")
    rsa_source: str
    rsa_avoided: Euros
    cost_basis: CostBasis
    cost_per_person: Euros
    convention_amount: Euros
    cost: Euros
    saved: Euros
    saved_rounded: Euros = Field(
        ..., description="L'économie à la centaine d'euros, comme le communiqué de l'étude"
    )


class SurvivalStepOut(Schema):
    months: int
    at_risk: int = Field(..., description="Suivis ayant répondu à ce point")
    events: int = Field(..., description="Plus en emploi")
    censored: int = Field(..., description="Suivis jusque-là, sans réponse à ce point")
    survival: float | None = Field(..., ge=0, le=1, description="Part toujours en emploi ; null sans suivi")


class CohortOut(Schema):
    year: int
    starts: int
    steps: list[SurvivalStepOut]


class StudyFiguresOut(Schema):
    starts: int
    followed_four_years: int
    still_in_job_four_years: float | None = Field(..., ge=0, le=1)
    in_job_four_years_with_employer_known: int
    other_employer_share: float | None = Field(..., ge=0, le=1)


class SurvivalOut(ScopeOut):
    start: datetime.date | None
    end: datetime.date | None
    milestones: list[int] = Field(..., description="Les suivis, en mois après le début du premier emploi")
    starts: int = Field(..., description="Premiers emplois suivis")
    overall: list[SurvivalStepOut] = Field(..., description="Toutes les cohortes ensemble")
    cohorts: list[CohortOut]
    study: StudyFiguresOut


# Access and filters -----------------------------------------------------------------------


def _require_staff(request) -> None:
    if request.membership is None or not request.membership.is_staff:
        raise HttpError(403, _("Réservé aux équipes des structures."))


def _structure_ids(request, perimeter: Perimeter) -> list[int] | None:
    """The network's structures for `perimeter=network` (a network head only), else None."""
    if perimeter != Perimeter.NETWORK:
        return None
    ids = network_ids(request.membership, request.structure)
    if ids is None:
        raise HttpError(
            403,
            _("Le périmètre du réseau est réservé à la tête de réseau d'une structure membre d'un réseau."),
        )
    return ids


def _form_data(query: Schema) -> dict[str, str]:
    data = {}
    for name, value in query.dict().items():
        if name not in FORM_FIELDS or value is None or value is False:
            continue
        data[FORM_FIELDS[name]] = "on" if value is True else str(getattr(value, "value", value))
    return data


def _refused(items: list[tuple[str, str, str]]):
    return ValidationError([{"type": kind, "loc": ["query", name], "msg": msg} for name, kind, msg in items])


def _checked(form):
    """The form, valid; else its French errors as a 422 on the API's parameters."""
    if not form.is_valid():
        raise _refused(
            [
                (PARAMETERS.get(field, field), error.code or "invalid", message)
                for field, field_errors in form.errors.as_data().items()
                for error in field_errors
                for message in error.messages
            ]
        )
    return form


def _valid_form(request, form_class, query: Schema, ids: list[int] | None):
    """The page's filter form for `query`, valid, and the structure's CRE names."""
    data = _form_data(query)
    if ids is not None:
        named = [PARAMETERS[field] for field in PERSON_FILTERS if field in data]
        if named:
            message = _(
                "Sur le réseau, les résultats sont agrégés : pas de filtre par antenne, prescripteur ou CRE."
            )
            raise _refused([(name, "network_filter", message) for name in named])
    form, cres = filter_form(form_class, data, structure=request.structure, network=ids is not None)
    return _checked(form), cres


def _scope(ids: list[int] | None) -> dict:
    return {
        "perimeter": Perimeter.NETWORK if ids is not None else Perimeter.STRUCTURE,
        "structures": len(ids) if ids is not None else 1,
    }


def _period(filters: Filters) -> dict:
    return {"start": filters.start, "end": filters.end, "months": filters.months()}


def _euros(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def _share(value) -> float | None:
    return None if value is None else float(value)


def _results_out(found: Results, ids: list[int] | None) -> dict:
    return {
        **_scope(ids),
        "period": _period(found.filters),
        "grace_days": found.grace_days,
        "six_months_or_more": found.filters.six_months_or_more,
        "sections": [{"code": code, "label": str(label)} for code, label in SECTIONS.items()],
        "indicators": [
            {
                "code": item.code,
                "section": item.section,
                "label": str(item.label),
                "unit": item.unit,
                "value": value,
                "definition": str(item.definition),
            }
            for item, value in found.lines()
        ],
        "breakdowns": [
            {
                "code": item.code,
                "label": str(item.label),
                "definition": str(item.definition),
                "columns": [str(column) for column in item.columns],
                "rows": [
                    {"key": row.key, "label": row.label, "values": list(row.values)}
                    for row in found.breakdowns[item.code]
                ],
            }
            for item in shown_breakdowns(network=ids is not None)
        ],
    }


def _steps(steps) -> list[dict]:
    return [
        {
            "months": step.months,
            "at_risk": step.at_risk,
            "events": step.events,
            "censored": step.censored,
            "survival": _share(step.survival),
        }
        for step in steps
    ]


# Endpoints --------------------------------------------------------------------------------


@router.get(
    "/",
    response={200: ResultsOut, **errors(401, 403, 422)},
    summary="Every indicator and breakdown of the Résultats page, for its filters",
)
def get_results(request, query: Query[ResultsQuery]):
    _require_staff(request)
    ids = _structure_ids(request, query.perimeter)
    form, cres = _valid_form(request, ResultsFilterForm, query, ids)
    filters = filters_from(form, structure=request.structure, network_ids=ids, today=paris_today())
    settings = ReportingSettings.for_structure(request.structure)
    return _results_out(results(filters, settings=settings, cre_names=cres), ids)


@router.get(
    "/savings",
    response={200: SavingsOut, **errors(401, 403, 422)},
    summary="The public savings, line by line (the Économies page)",
)
def get_savings(request, query: Query[SavingsQuery]):
    _require_staff(request)
    ids = _structure_ids(request, query.perimeter)
    form, _cres = _valid_form(request, SavingsForm, query, ids)
    filters = filters_from(form, structure=request.structure, network_ids=ids, today=paris_today())
    settings = ReportingSettings.for_structure(request.structure)
    found = savings(filters, query.months, household=query.household, settings=settings)
    return {
        **_scope(ids),
        "period": _period(filters),
        "months": found.months,
        "household": found.household,
        "household_label": found.household_label,
        "people_accompanied": found.people_accompanied,
        "people_durable": found.people_durable,
        "rsa_year": found.rsa_year,
        "rsa_monthly": None if found.rsa_monthly is None else _euros(found.rsa_monthly),
        "rsa_source": found.rsa_source,
        "rsa_avoided": _euros(found.rsa_avoided),
        "cost_basis": found.cost_basis,
        "cost_per_person": _euros(found.cost_per_person),
        "convention_amount": _euros(found.convention_amount),
        "cost": _euros(found.cost),
        "saved": _euros(found.saved),
        "saved_rounded": _euros(rounded(found.saved)),
    }


@router.get(
    "/survival",
    response={200: SurvivalOut, **errors(401, 403, 422)},
    summary="Survival in employment after a first job, per yearly cohort, and the study's figures",
)
def get_survival(request, query: Query[SurvivalQuery]):
    _require_staff(request)
    ids = _structure_ids(request, query.perimeter)
    form = _checked(SurvivalFilterForm(_form_data(query)))
    start, end = form.cleaned_data.get("debut"), form.cleaned_data.get("fin")
    report = survival_report(structure_ids=ids or [request.structure.pk], start=start, end=end)
    study = report.study
    return {
        **_scope(ids),
        "start": start,
        "end": end,
        "milestones": list(MILESTONES),
        "starts": report.starts,
        "overall": _steps(report.overall),
        "cohorts": [
            {"year": year, "starts": report.cohort_sizes[year], "steps": _steps(steps)}
            for year, steps in report.cohorts.items()
        ],
        "study": {
            "starts": study.starts,
            "followed_four_years": study.followed_four_years,
            "still_in_job_four_years": _share(study.still_in_job_four_years),
            "in_job_four_years_with_employer_known": study.in_job_four_years_with_employer_known,
            "other_employer_share": _share(study.other_employer_share),
        },
    }
