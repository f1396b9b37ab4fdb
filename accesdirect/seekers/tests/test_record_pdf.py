import re

import pytest
from django.urls import reverse

from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.immersions.tests.factories import ImmersionFactory
from accesdirect.seekers.record_pdf import record_typst
from accesdirect.seekers.views.people import _record
from accesdirect.testing import factories as f

from .factories import EmploymentFactory, JournalEntryFactory, PositioningFactory

pytestmark = pytest.mark.django_db

TRICKY = "Zoé #1 *gras* $x$ [lien] @ref \\ <tag>"


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_the_pdf_record_holds_every_action_over_several_pages(camille_client, accompanied, camille, pau):
    for index in range(300):
        JournalEntryFactory(
            job_seeker=accompanied, author=camille, text=f"Action numéro {index}\nsuite {TRICKY}"
        )
    f.EngagementPeriodFactory(job_seeker=accompanied)
    PositioningFactory(job_seeker=accompanied, offer__title=TRICKY)
    EmploymentFactory(job_seeker=accompanied, employer_name=TRICKY)
    ImmersionFactory(job_seeker=accompanied, company__name=TRICKY)

    response = camille_client.get(reverse("seekers:pdf", args=[accompanied.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="suivi-sami-accompanied-')
    assert response.content.startswith(b"%PDF-")
    assert _pages(response.content) >= 6
    with structure_scope(pau):
        source = record_typst(
            _record(accompanied, journal_limit=None, appointments_limit=None),
            immersions=[],
            structure_name="Accès Pau",
        )
    assert all(f"Action numéro {index} \\" in source for index in range(300))


def test_the_pdf_record_download_is_in_the_audit_trail(camille_client, accompanied, camille, unscoped):
    JournalEntryFactory(job_seeker=accompanied, author=camille)

    camille_client.get(reverse("seekers:pdf", args=[accompanied.pk]))

    event = AuditEvent.objects.get(action="seeker.record_downloaded")
    assert (event.actor, event.target_id, event.structure_id) == (
        camille,
        accompanied.pk,
        accompanied.structure_id,
    )
    assert event.params == {"format": "pdf", "actions": 1}


def test_a_person_of_another_structure_has_no_pdf_record(client, bixente, accompanied):
    client.force_login(bixente)

    assert client.get(reverse("seekers:pdf", args=[accompanied.pk])).status_code == 404


def test_the_person_page_links_to_the_pdf_record(camille_client, accompanied):
    content = camille_client.get(reverse("seekers:detail", args=[accompanied.pk])).content.decode()

    assert reverse("seekers:pdf", args=[accompanied.pk]) in content
    assert reverse("seekers:print", args=[accompanied.pk]) in content


def test_the_companies_read_from_the_whole_journal_are_those_of_the_query(accompanied, camille, pau):
    import datetime

    from django.utils import timezone

    from accesdirect.seekers.enums import JournalKind
    from accesdirect.seekers.queries import companies_contacted_for, companies_contacted_in, journal_for

    first, second = (
        f.CompanyFactory(structure=pau, name="Boulangerie"),
        f.CompanyFactory(structure=pau, name="Atelier"),
    )
    now = timezone.now()
    for company, days in ((first, 3), (second, 2), (first, 1), (second, 1)):
        JournalEntryFactory(
            job_seeker=accompanied,
            kind=JournalKind.COMPANY_CONTACT,
            company=company,
            occurred_at=now - datetime.timedelta(days=days),
        )
    JournalEntryFactory(job_seeker=accompanied)

    with structure_scope(pau):
        journal = list(journal_for(accompanied, limit=None))
        assert companies_contacted_in(journal) == list(companies_contacted_for(accompanied))
