"""Offers in the audit trail: who captured, edited, cancelled an offer; the scheduler expires."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.models import Offer
from accesdirect.offers.services import offer_create, offer_expire, offer_update
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _events(offer):
    with structure_scope(offer.structure_id):
        events = AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Offer), target_id=offer.pk
        )
        return list(events.order_by("at", "pk"))


def test_capturing_an_offer_is_recorded_with_its_author(pau, camille):
    company = f.CompanyFactory(structure=pau)
    with structure_scope(pau):
        offer = offer_create(
            company=company,
            by=camille,
            appellation=f.AppellationFactory(),
            title="Agent",
            contract=Contract.CDI,
        )
    [event] = _events(offer)
    assert (event.action, event.actor, event.structure_id) == ("offer.created", camille, pau.pk)


def test_an_edit_records_the_changed_fields_only(pau, camille, offer):
    with structure_scope(pau):
        offer_update(offer=offer, by=camille, title="Nouveau titre", contract=offer.contract)
    [event] = _events(offer)
    assert event.action == "offer.updated"
    assert set(event.params["changes"]) == {"title"}
    assert event.params["changes"]["title"]["new"] == "Nouveau titre"


def test_an_edit_that_changes_nothing_leaves_no_line(pau, camille, offer):
    with structure_scope(pau):
        offer_update(offer=offer, by=camille, title=offer.title)
    assert _events(offer) == []


def test_cancelling_through_the_page_records_who_cancelled(camille_client, camille, offer):
    camille_client.post(reverse("offers:cancel", args=[offer.pk]))
    [event] = _events(offer)
    assert (event.action, event.actor, event.target_label) == ("offer.cancelled", camille, str(offer))


def test_the_scheduler_expires_an_offer_without_author(pau, offer):
    with structure_scope(pau):
        offer_expire(offer=offer, by=None)
    [event] = _events(offer)
    assert (event.action, event.actor, event.structure_id) == ("offer.expired", None, pau.pk)


def test_a_refused_cancel_leaves_no_line(pau, camille_client, offer, position):
    position(offer)
    camille_client.post(reverse("offers:cancel", args=[offer.pk]))
    assert "offer.cancelled" not in [event.action for event in _events(offer)]
