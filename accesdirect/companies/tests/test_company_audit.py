"""Companies in the audit trail: created, edited (changed fields only), people and contacts."""

import pytest
from django.utils import timezone

from accesdirect.companies.enums import ContactKind, ContactOutcome, SizeBand
from accesdirect.companies.services import (
    DuplicateSiret,
    company_contact_log,
    company_create,
    company_person_add,
    company_update,
)
from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def lines(structure):
    with structure_scope(structure):
        return [
            (event.action, event.actor, event.target_label) for event in AuditEvent.objects.order_by("pk")
        ]


def test_creating_editing_and_logging_a_contact_are_recorded(pau, camille):
    sami = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        company = company_create(
            structure=pau,
            by=camille,
            siret="",
            name="Nettoyage du Béarn",
            naf=None,
            size_band=SizeBand.MICRO,
            commune=f.CommuneFactory(),
        )
        company_update(company=company, by=camille, name="Nettoyage du Béarn", phone="0559000000")
        person = company_person_add(company=company, by=camille, name="Mme Lacoste")
        company_contact_log(
            company=company,
            by=camille,
            kind=ContactKind.VISIT,
            occurred_at=timezone.now(),
            outcome=ContactOutcome.INTERESTED,
            person=person,
            job_seekers=[sami],
        )

    assert lines(pau) == [
        ("company.created", camille, "Nettoyage du Béarn"),
        ("company.updated", camille, "Nettoyage du Béarn"),
        ("company_person.added", camille, "Mme Lacoste"),
        ("company_contact.logged", camille, "Nettoyage du Béarn"),
    ]
    with structure_scope(pau):
        updated, contact = AuditEvent.objects.filter(
            action__in=["company.updated", "company_contact.logged"]
        ).order_by("pk")
    # The number is kept in E.164, as people's are.
    assert updated.params == {"changes": {"phone": {"old": "", "new": "+33559000000"}}}
    assert contact.params["job_seekers"] == [sami.pk]


def test_a_refused_creation_leaves_no_line(pau, camille):
    existing = f.CompanyFactory(structure=pau)
    with structure_scope(pau), pytest.raises(DuplicateSiret):
        company_create(
            structure=pau,
            by=camille,
            siret=existing.siret,
            name="Doublon",
            naf=None,
            size_band=SizeBand.MICRO,
            commune=f.CommuneFactory(),
        )
    assert lines(pau) == []
