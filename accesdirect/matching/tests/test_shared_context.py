"""The pages keep each structure's matching pool between requests (loader.shared_context), under
the structure's data version: a ranking without change costs no reload, and every change made
through the services (a new person, a new target job, a job, a hire, a new offer, a refused
pair) shows on the very next ranking."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.core.versions import data_version_bump, data_version_of
from accesdirect.core.vocabulary import Contract
from accesdirect.matching import loader
from accesdirect.matching.loader import shared_context
from accesdirect.matching.models import AssignmentLine
from accesdirect.matching.services import assignment_draft_create, assignment_line_reject
from accesdirect.offers.enums import OfferSource, PositioningStatus
from accesdirect.offers.services import (
    employment_declare,
    offer_create,
    positioning_advance,
    positioning_create,
)
from accesdirect.seekers.enums import Programme
from accesdirect.seekers.services import intake_complete, intake_start, referral_create, target_job_add
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def candidates(client, offer) -> str:
    return client.get(
        reverse("matching:offer_candidates", args=[offer.pk]), headers={"HX-Request": "true"}
    ).text


def offers_of(client, person) -> str:
    return client.get(
        reverse("matching:seeker_offers", args=[person.pk]), headers={"HX-Request": "true"}
    ).text


@pytest.fixture
def versioned(pau):
    """Pau's data changed once through a service: its pool is kept from now on."""
    with structure_scope(pau):
        data_version_bump(structure_id=pau.pk)


def test_a_second_ranking_without_change_does_not_reload_the_pool(
    camille_client, versioned, make_person, make_offer, rome
):
    offer = make_offer(title="Agent d'entretien")
    person = make_person(rome.cleaner, first_name="Léa", last_name="Rangée")
    with CaptureQueriesContext(connection) as first:
        assert "Léa Rangée" in candidates(camille_client, offer)
    with CaptureQueriesContext(connection) as second:
        assert "Léa Rangée" in candidates(camille_client, offer)
        assert "Agent d&#x27;entretien" in offers_of(camille_client, person)
    pool_tables = ("seekers_targetjob", "referentials_fiche", "offers_employment")
    assert any(table in query["sql"] for query in first.captured_queries for table in pool_tables)
    assert not any(table in query["sql"] for query in second.captured_queries for table in pool_tables)


def test_a_kept_pool_costs_one_query(
    pau, versioned, make_person, make_offer, rome, django_assert_num_queries
):
    make_person(rome.cleaner)
    make_offer()
    with structure_scope(pau):
        first = shared_context(pau.pk)
        with django_assert_num_queries(1):
            assert shared_context(pau.pk) is first


def test_a_structure_without_version_is_read_again_each_time(pau, make_person, rome):
    # Rows written in bulk, never through a service: nothing would say when to reload.
    make_person(rome.cleaner)
    with structure_scope(pau):
        assert data_version_of(pau.pk) is None
        assert shared_context(pau.pk) is not shared_context(pau.pk)


def test_a_new_day_reloads_the_pool(pau, versioned, make_person, rome, monkeypatch):
    make_person(rome.cleaner)
    with structure_scope(pau):
        today = shared_context(pau.pk)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        monkeypatch.setattr(loader.timezone, "localdate", lambda *args: tomorrow)
        reloaded = shared_context(pau.pk)
    assert reloaded is not today and reloaded.today == tomorrow


def test_a_change_outside_the_services_shows_after_the_maximum_age(
    pau, versioned, make_person, rome, monkeypatch
):
    make_person(rome.cleaner)
    with structure_scope(pau):
        kept = shared_context(pau.pk)
        monkeypatch.setattr(loader, "SHARED_MAX_AGE_S", 0)
        assert shared_context(pau.pk) is not kept


def test_a_new_person_is_ranked_at_once(camille_client, pau, camille, versioned, make_offer, rome, communes):
    offer = make_offer()
    assert "Nadia Nouvelle" not in candidates(camille_client, offer)
    with structure_scope(pau):
        referral = referral_create(
            structure=pau,
            organisation=f.PrescriberOrganisationFactory(structure=pau),
            programme=Programme.RSA,
            referred_on=timezone.localdate(),
            by=camille,
            first_name="Nadia",
            last_name="Nouvelle",
            commune=communes.pau,
        )
        person = referral.job_seeker
        intake = intake_start(job_seeker=person, held_on=timezone.localdate(), by=camille)
        for appellation in (rome.cleaner, rome.home_help, rome.laundry_worker):
            target_job_add(job_seeker=person, appellation=appellation, commune=communes.pau, by=camille)
        intake_complete(intake=intake, by=camille, frame_explained=True, agreed_to_engage=True)
    assert "Nadia Nouvelle" in candidates(camille_client, offer)


def test_a_new_target_job_is_ranked_at_once(
    camille_client, pau, camille, versioned, make_person, make_offer, rome
):
    person = make_person(rome.kitchen_hand)
    make_offer(title="Agent d'entretien du port")
    assert "Agent d&#x27;entretien du port" not in offers_of(camille_client, person)
    with structure_scope(pau):
        target_job_add(job_seeker=person, appellation=rome.cleaner, commune=person.commune, by=camille)
    assert "Agent d&#x27;entretien du port" in offers_of(camille_client, person)


def test_a_new_offer_is_ranked_at_once(camille_client, pau, camille, versioned, make_person, rome):
    person = make_person(rome.cleaner)
    assert "Agent d&#x27;entretien de la gare" not in offers_of(camille_client, person)
    with structure_scope(pau):
        offer_create(
            company=f.CompanyFactory(structure=pau),
            by=camille,
            appellation=rome.cleaner,
            title="Agent d'entretien de la gare",
            contract=Contract.CDI,
            commune=person.commune,
            source=OfferSource.PROSPECTION,
        )
    assert "Agent d&#x27;entretien de la gare" in offers_of(camille_client, person)


def test_a_job_found_shows_at_once(camille_client, pau, camille, versioned, make_person, make_offer, rome):
    person = make_person(rome.cleaner, first_name="Ines", last_name="Interim")
    offer = make_offer()
    assert "en emploi en ce moment" not in candidates(camille_client, offer)
    with structure_scope(pau):
        employment_declare(
            job_seeker=person,
            by=camille,
            contract=Contract.INTERIM,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + datetime.timedelta(days=10),
            hours_per_week=35,
            employer_name="Adecco Pau",
            job_title="Agent d'entretien",
        )
    assert "en emploi en ce moment" in candidates(camille_client, offer)


def test_a_hire_shows_at_once(camille_client, pau, camille, versioned, make_person, make_offer, rome):
    hired = make_person(rome.cleaner)
    other = make_person(rome.cleaner)
    offer = make_offer(title="Agent d'entretien de l'hôpital")
    assert "Agent d&#x27;entretien de l&#x27;hôpital" in offers_of(camille_client, other)
    with structure_scope(pau):
        positioning = positioning_create(offer=offer, job_seeker=hired, by=camille)
    # Positioned: off the market for the others.
    assert "Agent d&#x27;entretien de l&#x27;hôpital" not in offers_of(camille_client, other)
    with structure_scope(pau):
        for step in (
            PositioningStatus.ACCEPTED,
            PositioningStatus.INTERVIEW_SCHEDULED,
            PositioningStatus.INTERVIEW_HELD,
            PositioningStatus.HIRED,
        ):
            positioning_advance(
                positioning=positioning,
                to_status=step,
                by=camille,
                interview_at=timezone.now() + datetime.timedelta(hours=1),
            )
    # Hired on a durable job: in a job for the rankings of the other offers.
    assert "en emploi en ce moment" in candidates(camille_client, make_offer())


def test_a_rejected_line_shows_at_once(
    camille_client, pau, camille, versioned, make_person, make_offer, rome
):
    person = make_person(rome.cleaner, first_name="Rita", last_name="Refusée")
    offer = make_offer()
    assert "Déjà refusée" not in candidates(camille_client, offer)
    with structure_scope(pau):
        draft = assignment_draft_create(structure=pau, by=camille)
        line = AssignmentLine.objects.get(draft=draft, offer=offer)
        assignment_line_reject(line=line, reason="Pas disponible", by=camille)
    assert "Déjà refusée" in candidates(camille_client, offer)
    assert person.pk == line.proposed_job_seeker_id
