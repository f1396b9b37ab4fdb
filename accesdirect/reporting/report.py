"""The annual report for a funder (a programme, a prescriber organisation, a period) as XLSX
and PDF: the same figures as the Résultats page (definitions.results), the exits, reviews and
offers in detail, the savings and the survival in employment, with the definition of every
figure. No number is computed here, only laid out."""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from accesdirect.core.exports import Column, pdf_from_typst, typst_text, xlsx_bytes

from .definitions import BREAKDOWNS, INDICATORS, SECTIONS, Results
from .savings import Savings
from .survival import DEFINITIONS as SURVIVAL_DEFINITIONS
from .survival import SINCE, SurvivalReport
from .templatetags.reporting import figure

PAGE = (
    '#set page(paper: "a4", margin: 18mm,'
    ' footer: context align(right, counter(page).display("1 / 1", both: true)))'
)


def _money_rows(saved: Savings) -> list[tuple[str, object, str]]:
    months = _("RSA évité sur %(months)s mois") % {"months": saved.months}
    return [
        (_("Personnes en emploi durable"), saved.people_durable, ""),
        (_("RSA mensuel retenu"), saved.rsa_monthly or Decimal(0), "euros"),
        (months, saved.rsa_avoided, "euros"),
        (_("Coût de l'accompagnement"), saved.cost, "euros"),
        (_("Économie"), saved.saved, "euros"),
    ]


# The details a funder reads; the per-CRE ones are the structure's own management.
FUNDER_BREAKDOWNS = [
    item for item in BREAKDOWNS if item.code in ("exits_by_reason", "reviews_by_outcome", "offers_by_source")
]


def _percent(value) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def _survival_rows(survival: SurvivalReport) -> list[tuple[str, object, str]]:
    rows = [(_("Premiers emplois suivis"), survival.starts, "")]
    rows += [
        (
            _("Toujours en emploi à %(since)s") % {"since": SINCE[step.months]},
            _percent(step.survival),
            "percent",
        )
        for step in survival.overall
    ]
    rows.append(
        (
            _("En emploi à 4 ans chez un autre employeur"),
            _percent(survival.study.other_employer_share),
            "percent",
        )
    )
    return rows


def _rows(found: Results, saved: Savings | None, survival: SurvivalReport | None, scope) -> list[tuple]:
    # The head: what the report covers, the period's days as dates.
    rows = [(_("Rapport"), label, value, "", "") for label, value in scope]
    rows += [
        (str(SECTIONS[item.section]), str(item.label), value, item.unit_label, str(item.definition))
        for item, value in found.lines()
    ]
    for item in FUNDER_BREAKDOWNS:
        rows += [
            (
                str(item.label),
                row.label,
                row.values[0],
                str(item.columns[0]),
                str(item.definition) if index == 0 else "",
            )
            for index, row in enumerate(found.breakdowns[item.code])
        ]
    if saved is not None:
        section = _("Économies pour la collectivité")
        rows += [
            (section, label, value, "€" if unit else "", saved.rsa_source if index == 1 else "")
            for index, (label, value, unit) in enumerate(_money_rows(saved))
        ]
    if survival is not None:
        section, definition = str(SURVIVAL_DEFINITIONS[0][0]), str(SURVIVAL_DEFINITIONS[0][1])
        rows += [
            (section, label, value, "%" if unit else "", definition if index == 1 else "")
            for index, (label, value, unit) in enumerate(_survival_rows(survival))
        ]
    return rows


def report_xlsx(
    found: Results,
    saved: Savings | None,
    *,
    title: str,
    scope: list[tuple[str, object]] = (),
    survival: SurvivalReport | None = None,
) -> bytes:
    columns = [
        Column(_("Partie"), lambda row: row[0], 30),
        Column(_("Indicateur"), lambda row: row[1], 45),
        Column(_("Valeur"), lambda row: row[2], 14),
        Column(_("Unité"), lambda row: row[3], 12),
        Column(_("Définition"), lambda row: row[4], 60),
    ]
    return xlsx_bytes(columns=columns, rows=_rows(found, saved, survival, scope), title=title)


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _table(cells: list[tuple[str, str]]) -> str:
    body = ", ".join(f"[{typst_text(label)}], [{typst_text(value)}]" for label, value in cells)
    return f"#table(columns: (1fr, auto), align: (left, right), {body})"


def report_pdf(
    found: Results,
    saved: Savings | None,
    *,
    title: str,
    scope: list[tuple[str, object]] = (),
    survival: SurvivalReport | None = None,
) -> bytes:
    filters = found.filters
    parts = [PAGE, '#set text(lang: "fr", size: 10pt)', f"= {typst_text(title)}"]
    parts.append(
        _table(
            [
                (label, _day(value) if isinstance(value, datetime.date) else str(value))
                for label, value in scope
            ]
        )
    )
    for code, label in SECTIONS.items():
        parts.append(f"== {typst_text(label)}")
        parts.append(
            _table([(str(item.label), figure(value, item.unit)) for item, value in found.lines(code)])
        )
    for item in FUNDER_BREAKDOWNS:
        parts.append(f"== {typst_text(item.label)}")
        rows = found.breakdowns[item.code]
        parts.append(
            _table([(row.label, figure(row.values[0])) for row in rows])
            if rows
            else typst_text(_("Rien dans la période."))
        )
    if saved is not None:
        parts.append(f"== {typst_text(_('Économies pour la collectivité'))}")
        parts.append(_table([(label, figure(value, unit)) for label, value, unit in _money_rows(saved)]))
    if survival is not None:
        parts.append(f"== {typst_text(SURVIVAL_DEFINITIONS[0][0])}")
        parts.append(
            typst_text(
                _("Les personnes dont le premier emploi a commencé au plus tard le %(end)s.")
                % {"end": _day(filters.end)}
            )
        )
        parts.append(
            _table([(label, figure(value, unit)) for label, value, unit in _survival_rows(survival)])
        )
    parts.append(f"== {typst_text(_('Définitions'))}")
    parts += [f"*{typst_text(item.label)}* : {typst_text(item.definition)}" for item in INDICATORS]
    parts += [f"*{typst_text(item.label)}* : {typst_text(item.definition)}" for item in FUNDER_BREAKDOWNS]
    if survival is not None:
        parts += [
            f"*{typst_text(label)}* : {typst_text(definition)}" for label, definition in SURVIVAL_DEFINITIONS
        ]
    return pdf_from_typst("\n\n".join(parts))
