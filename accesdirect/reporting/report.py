"""The annual report for a funder (a programme, a prescriber organisation, a period) as XLSX
and PDF: the same figures as the Résultats page (definitions.results) and the savings, with the
definition of every figure. No number is computed here, only laid out."""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from accesdirect.core.exports import Column, pdf_from_typst, typst_text, xlsx_bytes

from .definitions import INDICATORS, SECTIONS, Results
from .savings import Savings
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


def _rows(found: Results, saved: Savings | None) -> list[tuple]:
    rows = [
        (str(SECTIONS[item.section]), str(item.label), value, item.unit_label, str(item.definition))
        for item, value in found.lines()
    ]
    if saved is not None:
        section = _("Économies pour la collectivité")
        rows += [
            (section, label, value, "€" if unit else "", saved.rsa_source if index == 1 else "")
            for index, (label, value, unit) in enumerate(_money_rows(saved))
        ]
    return rows


def report_xlsx(found: Results, saved: Savings | None, *, title: str) -> bytes:
    columns = [
        Column(_("Partie"), lambda row: row[0], 30),
        Column(_("Indicateur"), lambda row: row[1], 45),
        Column(_("Valeur"), lambda row: row[2], 14),
        Column(_("Unité"), lambda row: row[3], 12),
        Column(_("Définition"), lambda row: row[4], 60),
    ]
    return xlsx_bytes(columns=columns, rows=_rows(found, saved), title=title)


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _table(cells: list[tuple[str, str]]) -> str:
    body = ", ".join(f"[{typst_text(label)}], [{typst_text(value)}]" for label, value in cells)
    return f"#table(columns: (1fr, auto), align: (left, right), {body})"


def report_pdf(found: Results, saved: Savings | None, *, title: str, scope_lines: list[str]) -> bytes:
    filters = found.filters
    period = _("Du %(start)s au %(end)s") % {"start": _day(filters.start), "end": _day(filters.end)}
    parts = [PAGE, '#set text(lang: "fr", size: 10pt)', f"= {typst_text(title)}", typst_text(period)]
    parts += [typst_text(line) for line in scope_lines]
    for code, label in SECTIONS.items():
        parts.append(f"== {typst_text(label)}")
        parts.append(
            _table([(str(item.label), figure(value, item.unit)) for item, value in found.lines(code)])
        )
    if saved is not None:
        parts.append(f"== {typst_text(_('Économies pour la collectivité'))}")
        parts.append(_table([(label, figure(value, unit)) for label, value, unit in _money_rows(saved)]))
    parts.append(f"== {typst_text(_('Définitions'))}")
    parts += [f"*{typst_text(item.label)}* : {typst_text(item.definition)}" for item in INDICATORS]
    return pdf_from_typst("\n\n".join(parts))
