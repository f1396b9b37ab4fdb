"""The funder's annual report: XLSX with typed numbers and PDF, the same figures as the page,
the definitions, in the audit trail."""

import io
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from accesdirect.core.models import AuditEvent

from .test_views import history, period  # noqa: F401 - the scenario of the page's tests

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.mark.usefixtures("history")
def test_the_xlsx_report_holds_the_pages_figures_as_numbers_with_their_definitions(camille_client, today):
    answer = camille_client.get(reverse("reporting:report_xlsx"), period(today))
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Personnes accompagnées"][2] == 40
    assert rows["Retour à l'emploi"][2] == 30
    assert rows["Emploi durable"][2] == 12
    assert rows["Taux de retour à l'emploi"][2] == 75
    assert rows["Personnes accompagnées"][4]  # its definition
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
