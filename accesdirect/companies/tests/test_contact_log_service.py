import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.companies.enums import ContactKind, ContactOutcome, Relationship
from accesdirect.companies.models import CompanyContact, CompanyPerson
from accesdirect.companies.services import company_contact_log
from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import JournalEntry
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def log(company, by, **overrides):
    fields = {
        "kind": ContactKind.VISIT,
        "occurred_at": timezone.now(),
        "outcome": ContactOutcome.INTERESTED,
        "notes": "",
        "next_follow_up_on": None,
    }
    fields.update(overrides)
    with structure_scope(company.structure_id):
        return company_contact_log(company=company, by=by, **fields)


def test_a_first_contact_makes_a_prospect_contacted(pau, camille):
    company = f.CompanyFactory(structure=pau)
    contact = log(company, camille)
    assert contact.structure_id == pau.pk
    assert contact.by == camille
    company.refresh_from_db()
    assert company.relationship == Relationship.CONTACTED


def test_a_dormant_company_contacted_again_is_contacted(pau, camille):
    company = f.CompanyFactory(structure=pau, relationship=Relationship.DORMANT)
    log(company, camille, outcome=ContactOutcome.NO_NEED)
    company.refresh_from_db()
    assert company.relationship == Relationship.CONTACTED


def test_a_contact_that_brings_an_offer_makes_the_company_a_partner(pau, camille):
    company = f.CompanyFactory(structure=pau)
    log(company, camille, outcome=ContactOutcome.OFFER)
    company.refresh_from_db()
    assert company.relationship == Relationship.PARTNER


def test_a_partner_stays_a_partner_after_an_ordinary_contact(pau, camille):
    company = f.CompanyFactory(structure=pau, relationship=Relationship.PARTNER)
    log(company, camille, outcome=ContactOutcome.UNREACHABLE)
    company.refresh_from_db()
    assert company.relationship == Relationship.PARTNER


def test_a_contact_made_for_people_appears_in_their_journal(pau, camille):
    company = f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")
    sami, lea = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau, first_name="Léa")
    bystander = f.JobSeekerFactory(structure=pau)
    occurred_at = timezone.now() - datetime.timedelta(hours=2)
    contact = log(company, camille, job_seekers=[sami, lea], occurred_at=occurred_at, kind=ContactKind.CALL)
    with scopes_disabled():
        assert set(contact.job_seekers.all()) == {sami, lea}
        entries = JournalEntry.objects.filter(kind=JournalKind.COMPANY_CONTACT)
        assert {entry.job_seeker_id for entry in entries} == {sami.pk, lea.pk}
        entry = entries.get(job_seeker=sami)
        assert entry.company == company
        assert entry.author == camille
        assert entry.occurred_at == occurred_at
        assert entry.rendered == "Appel avec Boulangerie Lacoste : intéressée, à relancer"
        assert not JournalEntry.objects.filter(job_seeker=bystander).exists()


def test_people_of_another_structure_are_refused(pau, basque, camille):
    company = f.CompanyFactory(structure=pau)
    outsider = f.JobSeekerFactory(structure=basque)
    with pytest.raises(DomainError, match="même structure"):
        log(company, camille, job_seekers=[outsider])
    with scopes_disabled():
        assert not CompanyContact.objects.exists()
        assert not JournalEntry.objects.exists()


def test_the_person_met_must_work_in_the_company(pau, camille):
    company, other = f.CompanyFactory(structure=pau), f.CompanyFactory(structure=pau)
    with scopes_disabled():
        someone_else = CompanyPerson.objects.create(structure=pau, company=other, name="M. Etcheverry")
    with pytest.raises(DomainError, match="ne travaille pas dans cette entreprise"):
        log(company, camille, person=someone_else)


def test_a_follow_up_before_the_contact_is_refused(pau, camille):
    company = f.CompanyFactory(structure=pau)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="relance ne peut pas précéder"):
        log(company, camille, next_follow_up_on=yesterday)


def test_a_contact_just_after_midnight_in_paris_belongs_to_the_paris_day(pau, camille):
    """23:30 UTC on 1 March is 00:30 on 2 March in Paris: a follow-up on 1 March is before the
    contact, one on 2 March is the same day."""
    company = f.CompanyFactory(structure=pau)
    night = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    with pytest.raises(DomainError, match="relance ne peut pas précéder"):
        log(company, camille, occurred_at=night, next_follow_up_on=datetime.date(2026, 3, 1))
    contact = log(company, camille, occurred_at=night, next_follow_up_on=datetime.date(2026, 3, 2))
    assert contact.next_follow_up_on == datetime.date(2026, 3, 2)
