import pytest
from django_scopes import scopes_disabled

from accesdirect.companies.enums import Relationship
from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract, OfferSource, OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.offers.services import offer_cancel, offer_create, offer_expire, offer_update
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def capture(company, by, **overrides):
    fields = {
        "appellation": f.AppellationFactory(label="Agent / Agente d'entretien de locaux"),
        "title": "Agent d'entretien",
        "contract": Contract.CDI,
        "hours_per_week": 24,
    }
    fields.update(overrides)
    with structure_scope(company.structure_id):
        return offer_create(company=company, by=by, **fields)


def test_the_cre_who_captures_an_offer_is_recorded_and_the_company_becomes_a_partner(pau, camille):
    company = f.CompanyFactory(structure=pau)
    offer = capture(company, camille)
    assert offer.structure_id == pau.pk
    assert offer.captured_by == camille
    assert offer.status == OfferStatus.OPEN
    assert offer.source == OfferSource.PROSPECTION
    company.refresh_from_db()
    assert company.relationship == Relationship.PARTNER


def test_the_offer_is_located_at_the_company_unless_told_otherwise(pau, camille):
    company = f.CompanyFactory(structure=pau)
    assert capture(company, camille).commune == company.commune
    lescar = f.CommuneFactory(lescar=True)
    assert capture(company, camille, commune=lescar).commune == lescar


def test_an_offer_without_title_takes_the_rome_label(pau, camille):
    offer = capture(f.CompanyFactory(structure=pau), camille, title="  ")
    assert offer.title == "Agent / Agente d'entretien de locaux"


def test_a_cdd_without_duration_is_refused_in_french(pau, camille):
    company = f.CompanyFactory(structure=pau)
    with pytest.raises(DomainError, match="Un CDD a une durée"):
        capture(company, camille, contract=Contract.CDD, duration_months=None)
    with scopes_disabled():
        assert not Offer.objects.exists()


def test_a_cdd_with_a_duration_is_captured(pau, camille):
    offer = capture(f.CompanyFactory(structure=pau), camille, contract=Contract.CDD, duration_months=3)
    assert offer.duration_months == 3


def test_update_changes_the_offer_but_keeps_the_cdd_rule(pau, camille, offer):
    with structure_scope(pau):
        offer_update(offer=offer, by=camille, title="Agent d'entretien (H/F)", hours_per_week=30)
        with pytest.raises(DomainError, match="Un CDD a une durée"):
            offer_update(offer=offer, by=camille, contract=Contract.CDD)
    offer.refresh_from_db()
    assert offer.title == "Agent d'entretien (H/F)"
    assert offer.hours_per_week == 30
    assert offer.contract == Contract.CDI


def test_an_offer_whose_title_is_cleared_takes_the_rome_label(pau, camille, offer):
    with structure_scope(pau):
        offer_update(offer=offer, by=camille, title="")
    offer.refresh_from_db()
    assert offer.title == offer.appellation.label


def test_a_filled_offer_is_no_longer_edited(pau, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, status=OfferStatus.FILLED)
    with structure_scope(pau), pytest.raises(DomainError, match="ne se modifie plus"):
        offer_update(offer=offer, by=camille, title="Autre")


def test_an_open_offer_can_be_cancelled(pau, camille, offer):
    with structure_scope(pau):
        offer_cancel(offer=offer, by=camille)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CANCELLED


def test_a_positioned_offer_cannot_be_cancelled_before_the_positioning_ends(pau, camille, offer, position):
    position(offer)
    with structure_scope(pau), pytest.raises(DomainError, match="clôturez d'abord son positionnement"):
        offer_cancel(offer=offer, by=camille)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.POSITIONED


def test_a_cancelled_offer_cannot_be_cancelled_again(pau, camille, offer):
    with structure_scope(pau):
        offer_cancel(offer=offer, by=camille)
        with pytest.raises(DomainError, match="n'est plus ouverte"):
            offer_cancel(offer=offer, by=camille)


def test_an_open_offer_expires(pau, offer):
    with structure_scope(pau):
        offer_expire(offer=offer)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
