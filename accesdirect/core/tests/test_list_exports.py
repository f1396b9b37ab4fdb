"""Exports of the main lists: at once when small, by the worker when long; each in the trail.

Camille (CRE at Pau) and Dominique (direction at Pau) may export Pau's lists; Bixente (CRE at
Bayonne) only Bayonne's; a network head exports none."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.core import export_jobs
from accesdirect.core.models import AuditEvent, ExportJob, ExportStatus
from accesdirect.messaging.enums import Channel, MessageKind
from accesdirect.messaging.models import Message
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    return settings.EXPORTS_DIR


@pytest.fixture
def people(pau, basque):
    f.JobSeekerFactory(structure=pau, first_name="Zoé", last_name="Active")
    f.JobSeekerFactory(structure=pau, first_name="=HYPERLINK(1)", last_name="Formule")
    f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Prescrite", status=SeekerStatus.REFERRED)
    f.JobSeekerFactory(structure=basque, first_name="Bixi", last_name="Bayonne")


def _export_url(kind: str, query: str = "") -> str:
    return reverse("exports:export", args=[kind]) + (f"?{query}" if query else "")


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_the_people_list_exports_as_xlsx_with_the_pages_filters(camille_client, people, camille, unscoped):
    response = camille_client.post(_export_url("personnes", "status=active&page=2"), {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="personnes-')
    sheet = _sheet(response.content)
    assert sheet["A1"].value == "Nom" and sheet.freeze_panes == "A2"
    names = [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)]
    assert names == [("Active", "Zoé"), ("Formule", "=HYPERLINK(1)")]
    assert sheet["B3"].data_type == "s"
    event = AuditEvent.objects.get(action="export.made")
    assert (event.actor, event.structure_id) == (camille, camille.memberships.get().structure_id)
    assert event.params == {
        "kind": "personnes",
        "format": "xlsx",
        "filters": {"status": ["active"]},
        "rows": 2,
    }


def test_the_companies_list_exports_as_csv_neutralising_formulas(camille_client, pau, basque):
    f.CompanyFactory(structure=pau, name="=cmd|' /C calc'!A0")
    f.CompanyFactory(structure=basque, name="Ailleurs")

    response = camille_client.post(_export_url("entreprises"), {"format": "csv"})

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.startswith("Raison sociale;SIRET;")
    assert "\r\n\"'=cmd|' /C calc'!A0\";" in text or "\r\n'=cmd|' /C calc'!A0;" in text
    assert "Ailleurs" not in text


def test_the_offers_list_export_keeps_the_search(camille_client, pau):
    f.OfferFactory(structure=pau, company__structure=pau, title="Boulanger")
    f.OfferFactory(structure=pau, company__structure=pau, title="Maçon")

    response = camille_client.post(_export_url("offres", "q=boulanger"), {"format": "xlsx"})

    titles = [row[0].value for row in _sheet(response.content).iter_rows(min_row=2)]
    assert titles == ["Boulanger"]


def test_each_structure_exports_only_its_own_rows(client, bixente, people):
    client.force_login(bixente)

    sheet = _sheet(client.post(_export_url("personnes"), {"format": "xlsx"}).content)

    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == ["Bixi"]


def test_a_network_head_exports_no_list(client, pau):
    client.force_login(f.staff_user(pau, Role.NETWORK_HEAD))

    assert client.post(_export_url("personnes"), {"format": "csv"}).status_code == 403
    assert client.get(reverse("exports:list")).status_code == 403


def test_an_export_is_never_made_on_get_and_an_unknown_list_is_not_found(camille_client):
    assert camille_client.get(_export_url("personnes")).status_code == 405
    assert camille_client.post(_export_url("inconnue"), {"format": "csv"}).status_code == 404


def test_an_absurd_format_falls_back_to_xlsx(camille_client, people):
    response = camille_client.post(_export_url("personnes"), {"format": "exe" * 1000})

    assert response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize(
    ("url", "kind"),
    [("seekers:list", "personnes"), ("companies:list", "entreprises"), ("offers:list", "offres")],
)
def test_the_list_pages_offer_the_export_with_their_filters(camille_client, url, kind):
    content = camille_client.get(reverse(url) + "?q=dupont").content.decode()

    assert f'action="{_export_url(kind, "q=dupont")}"' in content


def test_a_long_export_goes_to_the_worker_which_mails_its_owner(
    camille_client, camille, people, monkeypatch, exports_dir, unscoped
):
    monkeypatch.setattr(export_jobs, "BACKGROUND_ROWS", 1)

    response = camille_client.post(_export_url("personnes", "status=active"), {"format": "csv"}, follow=True)

    assert response.redirect_chain == [(reverse("exports:list"), 302)]
    assert "se prépare en arrière-plan" in response.content.decode()
    # The page the person lands on watches the file being made: it reloads its list itself.
    assert 'hx-trigger="every 4s"' in response.content.decode()
    job = ExportJob.objects.get()
    assert (job.status, job.params, job.requested_by) == (
        ExportStatus.PENDING,
        {"status": ["active"]},
        camille,
    )
    assert AuditEvent.objects.get(action="export.requested").params["rows"] == 2

    assert export_jobs.export_jobs_run(now=timezone.now()) == 1

    job.refresh_from_db()
    assert (job.status, job.row_count) == (ExportStatus.DONE, 2)
    assert (exports_dir / job.file_name).is_file()
    mail = Message.all_objects.get(kind=MessageKind.EXPORT_READY)
    assert (mail.channel, mail.recipient) == (Channel.EMAIL, camille.email)
    assert "2 lignes" in mail.body and "Mes exports" in mail.body
    page = camille_client.get(reverse("exports:list")).content.decode()
    assert reverse("exports:download", args=[job.pk]) in page
    assert "hx-trigger" not in page  # Ready: nothing left to watch.

    download = camille_client.get(reverse("exports:download", args=[job.pk]))

    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert text.count("\r\n") == 3
    assert AuditEvent.objects.get(action="export.downloaded").actor == camille


def test_a_ready_file_is_served_to_its_owner_only(client, camille, dominique, bixente, pau, unscoped):
    job = ExportJob.objects.create(structure=pau, requested_by=camille, kind="personnes", format="csv")
    export_jobs.export_jobs_run(now=timezone.now())

    for other in (dominique, bixente):
        client.force_login(other)
        assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404


def test_files_expire_after_a_few_days(camille, pau, exports_dir, unscoped):
    ExportJob.objects.create(structure=pau, requested_by=camille, kind="personnes", format="xlsx")
    export_jobs.export_jobs_run(now=timezone.now())
    job = ExportJob.objects.get()
    assert (exports_dir / job.file_name).is_file()

    export_jobs.export_jobs_run(
        now=timezone.now() + datetime.timedelta(days=export_jobs.KEEP_DAYS, minutes=1)
    )

    assert not ExportJob.objects.exists()
    assert not (exports_dir / job.file_name).exists()


def test_a_job_that_fails_is_marked_failed_and_the_others_go_on(camille, pau, unscoped):
    broken = ExportJob.objects.create(structure=pau, requested_by=camille, kind="disparue", format="csv")
    fine = ExportJob.objects.create(structure=pau, requested_by=camille, kind="offres", format="csv")

    export_jobs.export_jobs_run(now=timezone.now())

    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.status, fine.status) == (ExportStatus.FAILED, ExportStatus.DONE)
    assert not Message.all_objects.filter(idempotency_key=f"export_ready:{broken.pk}").exists()


def test_a_job_left_running_by_a_dead_worker_is_marked_failed(camille, pau, unscoped):
    now = timezone.now()
    job = ExportJob.objects.create(
        structure=pau,
        requested_by=camille,
        kind="offres",
        format="csv",
        status=ExportStatus.RUNNING,
        started_at=now - datetime.timedelta(hours=2),
    )

    export_jobs.export_jobs_run(now=now)

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED


def test_a_ready_export_has_its_file_in_the_database_too(camille, pau, unscoped):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ExportJob.objects.create(
            structure=pau, requested_by=camille, kind="offres", format="csv", status=ExportStatus.DONE
        )


def test_the_trail_reads_an_export_in_french(dominique, camille_client, people):
    camille_client.post(_export_url("personnes", "status=active"), {"format": "csv"})
    camille_client.force_login(dominique)

    content = camille_client.get(reverse("audit:trail")).content.decode()

    assert "a exporté une liste" in content
    assert "Personnes, CSV, 2 lignes" in content


def test_a_file_gone_with_its_expiry_sends_back_to_the_list_with_a_message(
    camille_client, camille, pau, unscoped
):
    now = timezone.now()
    job = ExportJob.objects.create(
        structure=pau,
        requested_by=camille,
        kind="offres",
        format="csv",
        status=ExportStatus.DONE,
        file_name="deja-supprime.csv",
        row_count=0,
        finished_at=now,
        expires_at=now + datetime.timedelta(days=1),
    )

    response = camille_client.get(reverse("exports:download", args=[job.pk]), follow=True)

    assert response.redirect_chain == [(reverse("exports:list"), 302)]
    assert "existe plus" in response.content.decode()
