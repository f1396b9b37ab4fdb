import pytest
from django_scopes import scopes_disabled

from accesdirect.companies.enums import Relationship, SizeBand
from accesdirect.companies.models import Company
from accesdirect.companies.services import (
    DuplicateSiret,
    company_create,
    company_person_add,
    company_update,
)
from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def create(structure, by, **overrides):
    fields = {
        "siret": f.valid_siret(),
        "name": "Nettoyage du Béarn",
        "naf": None,
        "size_band": SizeBand.MICRO,
        "commune": f.CommuneFactory(),
    }
    fields.update(overrides)
    with structure_scope(structure):
        return company_create(structure=structure, by=by, **fields)


def test_a_company_is_created_as_a_prospect_of_the_structure(pau, camille):
    company = create(pau, camille, followed_by=camille)
    assert company.structure_id == pau.pk
    assert company.relationship == Relationship.PROSPECT
    assert company.followed_by == camille


def test_siret_typed_with_spaces_is_stored_compact(pau, camille):
    siret = f.valid_siret()
    spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    company = create(pau, camille, siret=spaced)
    assert company.siret == siret


def test_an_invalid_siret_is_refused_in_french(pau, camille):
    with pytest.raises(DomainError, match="SIRET « 12345678901234 » n'est pas valide"):
        create(pau, camille, siret="12345678901234")
    with scopes_disabled():
        assert not Company.objects.exists()


def test_a_siret_of_the_wrong_length_is_refused(pau, camille):
    with pytest.raises(DomainError, match="14 chiffres"):
        create(pau, camille, siret="1234")


def test_a_company_without_siret_is_allowed(pau, camille):
    first = create(pau, camille, siret="")
    second = create(pau, camille, siret="", name="Autre employeur")
    assert first.siret == second.siret == ""


def test_a_duplicate_siret_in_the_same_structure_is_refused(pau, camille):
    siret = f.valid_siret()
    create(pau, camille, siret=siret)
    with pytest.raises(DuplicateSiret, match="Une entreprise avec ce SIRET existe déjà"):
        create(pau, camille, siret=siret, name="Doublon")
    with scopes_disabled():
        assert Company.objects.filter(siret=siret).count() == 1


def test_two_structures_may_follow_the_same_company(pau, basque, camille, bixente):
    siret = f.valid_siret()
    create(pau, camille, siret=siret)
    create(basque, bixente, siret=siret)
    with scopes_disabled():
        assert Company.objects.filter(siret=siret).count() == 2


def test_update_changes_only_the_given_fields(pau, camille):
    company = f.CompanyFactory(structure=pau, name="Ancien nom", phone="0559000000")
    with structure_scope(pau):
        company_update(company=company, by=camille, name="  Nouveau nom ")
        company.refresh_from_db()
    assert company.name == "Nouveau nom"
    assert company.phone == "0559000000"


def test_update_to_a_siret_already_used_is_refused(pau, camille):
    taken = f.CompanyFactory(structure=pau)
    company = f.CompanyFactory(structure=pau)
    with structure_scope(pau), pytest.raises(DuplicateSiret):
        company_update(company=company, by=camille, siret=taken.siret)


def test_update_refuses_an_invalid_siret(pau, camille):
    company = f.CompanyFactory(structure=pau)
    with structure_scope(pau), pytest.raises(DomainError, match="n'est pas valide"):
        company_update(company=company, by=camille, siret="00000000000001")


def test_update_cannot_type_in_the_relationship(pau, camille):
    company = f.CompanyFactory(structure=pau)
    with structure_scope(pau), pytest.raises(TypeError):
        company_update(company=company, by=camille, relationship=Relationship.PARTNER)


def test_a_contact_person_belongs_to_the_company_and_its_structure(pau, camille):
    company = f.CompanyFactory(structure=pau)
    with structure_scope(pau):
        person = company_person_add(company=company, by=camille, name=" Mme Laborde ", role="Gérante")
    assert person.structure_id == pau.pk
    assert person.company == company
    assert person.name == "Mme Laborde"
