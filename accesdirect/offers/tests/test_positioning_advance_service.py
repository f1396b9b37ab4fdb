import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.models import Employment, JobFollowUp, Positioning
from accesdirect.offers.services import (
    EmploymentTerms,
    positioning_advance,
    positioning_create,
    positioning_interview_reschedule,
    positioning_reassign,
)
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JournalEntry
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f
from accesdirect.testing.clock import frozen_now

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def december_2029(monkeypatch):
    """The hires of 2030 are recorded in December 2029, within the plausible window of a start."""
    frozen_now(monkeypatch, datetime.datetime(2029, 12, 1, 10, tzinfo=datetime.UTC))


def advance(positioning, to_status, by, **kwargs):
    with structure_scope(positioning.structure_id):
        return positioning_advance(positioning=positioning, to_status=to_status, by=by, **kwargs)


def test_each_step_is_logged_with_its_author_time_and_note(pau, camille, dominique, offer, position):
    positioning = position(offer)
    before = timezone.now()
    advance(positioning, PositioningStatus.ACCEPTED, dominique, note="Très motivée")
    with scopes_disabled():
        step = positioning.steps.get(status=PositioningStatus.ACCEPTED)
        positioning.refresh_from_db()
    assert positioning.status == PositioningStatus.ACCEPTED
    assert step.by == dominique
    assert step.note == "Très motivée"
    assert step.at >= before


def test_each_step_is_written_in_the_journal_of_the_person(pau, camille, offer, position):
    positioning = position(offer)
    interview_at = timezone.make_aware(datetime.datetime(2030, 3, 4, 14, 30))
    advance(positioning, PositioningStatus.ACCEPTED, camille)
    advance(positioning, PositioningStatus.INTERVIEW_SCHEDULED, camille, interview_at=interview_at)
    with scopes_disabled():
        texts = [
            entry.rendered
            for entry in JournalEntry.objects.filter(
                job_seeker=positioning.job_seeker, kind=JournalKind.PROPOSAL
            ).order_by("occurred_at", "pk")
        ]
    assert texts[-1] == (
        "Proposition de poste « Agent d'entretien » chez Propreté Paloise : "
        "entretien prévu, le 04/03/2030 à 14:30"
    )


def test_a_step_cannot_be_skipped(pau, camille, offer, position):
    positioning = position(offer)
    with pytest.raises(DomainError, match="ne peut pas passer de « Proposée » à « Embauché·e »"):
        advance(positioning, PositioningStatus.HIRED, camille)
    with scopes_disabled():
        positioning.refresh_from_db()
        assert positioning.status == PositioningStatus.PROPOSED
        assert positioning.steps.count() == 1


def test_a_finished_positioning_does_not_move_any_more(pau, camille, offer, position):
    positioning = position(offer)
    advance(positioning, PositioningStatus.WITHDRAWN, camille)
    with pytest.raises(DomainError, match="ne peut pas passer"):
        advance(positioning, PositioningStatus.ACCEPTED, camille)


def test_a_stale_copy_cannot_move_a_positioning_twice_from_the_same_step(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    with scopes_disabled():
        stale = Positioning.objects.get(pk=positioning.pk)
    advance(positioning, PositioningStatus.NOT_RETAINED, camille)
    with pytest.raises(DomainError, match="de « Non retenu·e » à « Embauché·e »"):
        advance(stale, PositioningStatus.HIRED, camille)


def test_scheduling_an_interview_needs_its_date(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.ACCEPTED)
    with pytest.raises(DomainError, match="date et l'heure de l'entretien"):
        advance(positioning, PositioningStatus.INTERVIEW_SCHEDULED, camille)
    interview_at = timezone.now() + datetime.timedelta(days=3)
    advance(positioning, PositioningStatus.INTERVIEW_SCHEDULED, camille, interview_at=interview_at)
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.interview_at == interview_at


def test_an_interview_can_be_moved(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_SCHEDULED)
    later = timezone.now() + datetime.timedelta(days=9)
    with structure_scope(pau):
        positioning_interview_reschedule(positioning=positioning, interview_at=later, by=camille)
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.interview_at == later


def test_only_a_scheduled_interview_can_be_moved(pau, camille, offer, position):
    positioning = position(offer)
    with structure_scope(pau), pytest.raises(DomainError, match="Seul un entretien prévu"):
        positioning_interview_reschedule(positioning=positioning, interview_at=timezone.now(), by=camille)


def test_not_retained_reopens_the_offer_for_a_second_person(pau, camille, offer, position):
    first = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    advance(first, PositioningStatus.NOT_RETAINED, camille, note="Profil trop éloigné")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    with scopes_disabled():
        first.refresh_from_db()
    assert first.ended_at is not None

    second = position(offer)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.POSITIONED
    assert second.status == PositioningStatus.PROPOSED


def test_a_withdrawal_reopens_the_offer(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.ACCEPTED)
    advance(positioning, PositioningStatus.WITHDRAWN, camille)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_a_hire_fills_the_offer_and_records_the_employment_on_the_offer_terms(pau, camille, offer, position):
    offer.starts_on = datetime.date(2030, 1, 6)
    offer.save(update_fields=["starts_on"])
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    advance(positioning, PositioningStatus.HIRED, camille)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.FILLED
    with scopes_disabled():
        employment = Employment.objects.get(positioning=positioning)
        seeker = positioning.job_seeker
        seeker.refresh_from_db()
        assert JobFollowUp.objects.filter(employment=employment).count() == 6
    assert employment.company == offer.company
    assert employment.employer_name == "Propreté Paloise"
    assert employment.job_title == offer.title
    assert employment.starts_on == datetime.date(2030, 1, 6)
    assert employment.is_durable  # a CDI
    assert employment.recorded_by == camille
    assert seeker.status == SeekerStatus.ACTIVE


def test_a_hire_on_other_terms_than_the_offer(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    terms = EmploymentTerms(
        contract="cdd",
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 3, 31),
        hours_per_week=20,
    )
    advance(positioning, PositioningStatus.HIRED, camille, terms=terms)
    with scopes_disabled():
        employment = Employment.objects.get(positioning=positioning)
    assert employment.contract == "cdd"
    assert employment.ends_on == datetime.date(2030, 3, 31)
    assert not employment.is_durable


def test_a_cdd_offer_gives_an_end_date_from_its_duration(pau, camille):
    offer = f.OfferFactory(
        structure=pau,
        company__structure=pau,
        cdd=True,
        duration_months=7,
        starts_on=datetime.date(2030, 1, 1),
    )
    terms = EmploymentTerms.from_offer(offer, today=datetime.date(2029, 12, 1))
    assert terms.ends_on == datetime.date(2030, 7, 31)


def test_the_presenting_cre_can_be_changed_while_the_positioning_runs(
    pau, camille, dominique, offer, position
):
    positioning = position(offer)
    assert positioning.presented_by == camille
    with structure_scope(pau):
        positioning_reassign(positioning=positioning, presented_by=dominique, by=camille)
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.presented_by == dominique


def test_the_offer_cannot_be_handed_to_someone_outside_the_team(pau, camille, bixente, offer, position):
    positioning = position(offer)
    with structure_scope(pau), pytest.raises(DomainError, match="ne fait pas partie de l'équipe"):
        positioning_reassign(positioning=positioning, presented_by=bixente, by=camille)


def test_a_finished_positioning_keeps_its_cre(pau, camille, offer, position):
    colleague = f.staff_user(pau, Role.CRE)
    positioning = position(offer)
    advance(positioning, PositioningStatus.WITHDRAWN, camille)
    with structure_scope(pau), pytest.raises(DomainError, match="terminé"):
        positioning_reassign(positioning=positioning, presented_by=colleague, by=camille)


def test_a_positioning_made_by_a_colleague_is_presented_by_the_cre_who_captured_the_offer(
    pau, camille, dominique, offer
):
    seeker = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        positioning = positioning_create(offer=offer, job_seeker=seeker, by=dominique)
    assert positioning.presented_by == camille
