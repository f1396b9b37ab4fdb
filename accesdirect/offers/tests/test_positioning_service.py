import pytest
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.models import Positioning
from accesdirect.offers.services import OfferAlreadyPositioned, positioning_create
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import JournalEntry
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def test_positioning_closes_the_offer_and_writes_the_journal(pau, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    seeker = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        positioning = positioning_create(offer=offer, job_seeker=seeker, by=camille)
        offer.refresh_from_db()
        assert offer.status == OfferStatus.POSITIONED
        assert positioning.presented_by == camille
        assert positioning.status == PositioningStatus.PROPOSED
        assert list(positioning.steps.values_list("status", flat=True)) == [PositioningStatus.PROPOSED]
        entry = JournalEntry.objects.get(job_seeker=seeker)
        assert entry.kind == JournalKind.PROPOSAL
        assert entry.company_id == offer.company_id


def test_second_positioning_on_same_offer_is_refused(pau, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    first, second = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        positioning_create(offer=offer, job_seeker=first, by=camille)
        with pytest.raises(OfferAlreadyPositioned, match="déjà positionnée"):
            positioning_create(offer=offer, job_seeker=second, by=camille)
        assert Positioning.objects.filter(offer=offer).count() == 1


def test_database_refuses_a_second_active_positioning_written_directly(pau, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    first, second = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau)
    with scopes_disabled():
        Positioning.objects.create(structure=pau, offer=offer, job_seeker=first, presented_by=camille)
        with pytest.raises(IntegrityError), transaction.atomic():
            Positioning.objects.create(structure=pau, offer=offer, job_seeker=second, presented_by=camille)


def test_a_person_of_another_structure_cannot_be_positioned(pau, basque, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    outsider = f.JobSeekerFactory(structure=basque)
    with pytest.raises(DomainError, match="même structure"), scopes_disabled():
        positioning_create(offer=offer, job_seeker=outsider, by=camille)


def test_a_person_not_yet_received_cannot_be_positioned(pau, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    seeker = f.JobSeekerFactory(structure=pau, referred=True)
    with pytest.raises(DomainError, match="accompagnée"), structure_scope(pau):
        positioning_create(offer=offer, job_seeker=seeker, by=camille)
