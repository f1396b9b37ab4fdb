"""Offers, proposals and company contacts in the results: captured by source, positioned,
expired, presented by the CRE who captured them (principle B), contacts per CRE per month,
the days to a first proposal, and the CRE filter."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import OfferSource, OfferStatus
from accesdirect.offers.services import positioning_create
from accesdirect.reporting.definitions import results
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def alex(pau):
    return f.staff_user(pau, Role.CRE, first_name="Alex", email="alex@acces-pau.fr")


def test_offers_proposals_and_contacts(pau, camille, alex, person, year, today):
    sami = person("Sami", today - 30 * DAY)
    lea = person("Léa", today - 30 * DAY)
    with structure_scope(pau):
        # Accompanied (their intake is not what this test is about).
        for someone in (sami, lea):
            someone.status = "active"
            someone.save(update_fields=["status"])
        company = f.CompanyFactory(structure=pau)
        own = f.OfferFactory(structure=pau, company=company, captured_by=camille)
        other = f.OfferFactory(
            structure=pau, company=company, captured_by=camille, source=OfferSource.COMPANY_FORM
        )
        f.OfferFactory(structure=pau, company=company, captured_by=alex, status=OfferStatus.EXPIRED)
        positioning_create(offer=own, job_seeker=sami, by=camille)
        positioning_create(offer=other, job_seeker=lea, by=alex, presented_by=alex)
        for _ in range(6):
            f.CompanyContactFactory(structure=pau, company=company, by=camille)
        f.CompanyContactFactory(structure=pau, company=company, by=alex)
        f.CompanyContactFactory(
            structure=pau, company=company, by=alex, occurred_at=timezone.now() - 400 * DAY
        )

    found = results(year())
    assert (found["offers_captured"], found["offers_positioned"], found["offers_expired"]) == (3, 2, 1)
    sources = {row.key: row.values[0] for row in found.breakdowns["offers_by_source"]}
    assert (sources[OfferSource.PROSPECTION], sources[OfferSource.COMPANY_FORM]) == (2, 1)
    assert found["presented_by_captor"] == 50.0  # Léa was presented by Alex, on Camille's offer.
    assert found["days_to_proposal_median"] == 30.0
    contacts = {row.label: row.values for row in found.breakdowns["contacts_per_cre"]}
    months = year().months()
    assert contacts["Camille " + camille.last_name] == (6, round(6 / months, 1))
    assert contacts["Alex " + alex.last_name][0] == 1  # The contact of 400 days ago is outside.

    mine = results(year(cre_id=camille.pk))
    assert (mine["offers_captured"], mine["presented_by_captor"]) == (2, 100.0)
    assert [row.values[0] for row in mine.breakdowns["contacts_per_cre"]] == [6]
