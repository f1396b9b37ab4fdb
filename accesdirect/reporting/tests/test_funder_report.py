"""The funder's annual report: XLSX with typed numbers and PDF, the same figures as the page,
the definitions, in the audit trail."""

import html
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from accesdirect.core.models import AuditEvent
from accesdirect.reporting.definitions import INDICATORS, SECTIONS
from accesdirect.reporting.templatetags.reporting import figure

from .test_views import DAY, history, period  # noqa: F401 - the scenario of the page's tests

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.mark.usefixtures("history")
def test_the_xlsx_report_holds_the_pages_figures_as_numbers_with_their_definitions(camille_client, today):
    answer = camille_client.get(reverse("reporting:report_xlsx"), period(today))
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    rows = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        rows.setdefault(row[1], row)  # The indicators come first; a detail may reuse a label.
    assert rows["Personnes accompagnées"][2] == 40
    assert rows["Retour à l'emploi"][2] == 30
    assert rows["Emploi durable"][2] == 12
    assert rows["Taux de retour à l'emploi"][2] == 75
    assert rows["Personnes accompagnées"][4]  # its definition
    # What it covers, at its head: the period as real dates, not text.
    assert rows["Structure"][2] == "Accès Pau"
    assert rows["Début de la période"][2].date() == today - 365 * DAY
    assert rows["Fin de la période"][2].date() == today
    assert AuditEvent.objects.filter(action="reporting.report_downloaded").count() == 1


@pytest.mark.usefixtures("history")
def test_the_pdf_report_is_a_pdf_with_the_figures(camille_client, today):
    answer = camille_client.get(reverse("reporting:report_pdf"), period(today))
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(  # noqa: S603 - poppler's pdftotext on our own bytes
            [shutil.which("pdftotext"), "-layout", "-", "-"],
            input=answer.content,
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert "Personnes accompagnées" in text and "40" in text and "75" in text
        assert "Définitions" in text


def test_an_unknown_format_is_a_404_and_bad_filters_send_back_to_the_page(camille_client):
    assert camille_client.get("/resultats/rapport.docx").status_code == 404
    answer = camille_client.get(reverse("reporting:report_pdf"), {"debut": "0001-01-01"})
    assert answer.status_code == 302


def _page_figures(response) -> dict[tuple[str, str], str]:
    """Each line of the page's tables: (the table's title, the line's label) → its first figure
    as written."""
    figures = {}
    for table in re.findall(r"<table>.*?</table>", response.content.decode(), flags=re.S):
        caption = re.search(r"<caption><h2>(.*?)</h2>", table)
        title = html.unescape(caption.group(1)) if caption else ""
        for label, value in re.findall(r'<tr><th scope="row">(.*?)</th><td class="number">(.*?)</td>', table):
            figures[(title, html.unescape(label))] = html.unescape(value)
    return figures


@pytest.mark.usefixtures("history")
def test_every_figure_of_the_xlsx_report_is_the_one_the_page_shows(camille_client, today):
    shown = _page_figures(camille_client.get(reverse("reporting:results"), period(today)))
    answer = camille_client.get(reverse("reporting:report_xlsx"), period(today))
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    rows = {(row[0], row[1]): row for row in sheet.iter_rows(min_row=2, values_only=True)}

    for item in INDICATORS:
        section = str(SECTIONS[item.section])
        written = rows[(section, str(item.label))]
        assert figure(written[2], item.unit) == shown[(section, str(item.label))], item.code
    # The details of the page are there too, line by line: 10 who asked to stop.
    exits = {key[1]: row[2] for key, row in rows.items() if key[0] == "Sorties par motif"}
    assert exits["Arrêt à la demande de la personne"] == 10 and sum(exits.values()) == 10
    for label, value in exits.items():
        assert shown[("Sorties par motif", label)] == figure(value)


@pytest.mark.usefixtures("unscoped")
def test_the_report_gives_the_survival_the_survival_page_shows(camille_client, followed):
    page = _page_figures(camille_client.get(reverse("reporting:survival")))
    answer = camille_client.get(reverse("reporting:report_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    survival = {
        row[1]: row[2]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[0] == "Survie dans l'emploi"
    }

    assert survival == {
        "Premiers emplois suivis": 5,
        "Toujours en emploi à 6 mois": 100,
        "Toujours en emploi à 1 an": 80,
        "Toujours en emploi à 2 ans": 80,
        "Toujours en emploi à 4 ans": 80,
        "En emploi à 4 ans chez un autre employeur": 66.7,
    }
    assert page[("Part toujours en emploi, par cohorte", "Ensemble")] == "5"
