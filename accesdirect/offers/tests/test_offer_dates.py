"""An offer is dated in Paris, whatever the time zone of the server it is captured on."""

import datetime

import pytest

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.services import offer_create
from accesdirect.testing import factories as f
from accesdirect.testing.clock import PARIS_TUESDAY_0030, SERVER_ZONES, frozen_now, server_time_zone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zone", SERVER_ZONES)
def test_an_offer_is_captured_on_the_date_in_paris_whatever_the_servers_zone(pau, camille, monkeypatch, zone):
    # 00:30 on Tuesday 16 March in Paris, still Monday 15 on a server in UTC or in California.
    company = f.CompanyFactory(structure=pau)
    appellation = f.AppellationFactory()
    frozen_now(monkeypatch, PARIS_TUESDAY_0030)
    with server_time_zone(zone), structure_scope(pau):
        captured = offer_create(
            company=company, by=camille, appellation=appellation, title="", contract=Contract.CDI
        )
        # Written without the service (the admin, an import): the model's default.
        written = f.OfferFactory(structure=pau, company=company, captured_by=camille)
    assert captured.captured_on == written.captured_on == datetime.date(2027, 3, 16)
