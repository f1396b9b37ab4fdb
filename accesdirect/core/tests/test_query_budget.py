"""At most 15 queries per page, everywhere (the page-load bench, bench/bench_pages.py, measures
the time): every URL of the application read by its structure's CRE, then the pages that grow
with a structure's history, with a long history, and the rankings with their pool kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.core.tests.test_isolation import LIST_ROUTES, OBJECT_ROUTES, _concrete, pau_objects  # noqa: F401
from accesdirect.core.versions import data_version_bump
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.services import message_queue
from accesdirect.seekers.enums import JournalKind, PeriodStatus, ReviewOutcome
from accesdirect.seekers.models import TripartiteReview
from accesdirect.seekers.tests.factories import (
    AppointmentFactory,
    EmploymentFactory,
    IntakeFactory,
    JournalEntryFactory,
    PositioningFactory,
    ReferralFactory,
)
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 15
# Downloads that lay out two outputs of a page: the funder report is the Résultats page's reads
# (15) plus the savings' RSA amount, its line in the audit trail and the survival's two reads.
DOWNLOAD_BUDGETS = {"/resultats/rapport.pdf": 19, "/resultats/rapport.xlsx": 19}


@pytest.mark.parametrize(("namespace", "route"), OBJECT_ROUTES + LIST_ROUTES)
def test_every_page_stays_within_the_query_budget(
    client,
    pau_objects,  # noqa: F811
    camille,
    namespace,
    route,
    django_assert_max_num_queries,
):
    client.force_login(camille)
    path = _concrete(route)
    with django_assert_max_num_queries(DOWNLOAD_BUDGETS.get(path, QUERY_BUDGET)):
        client.get(path)


def _long_history(seeker, camille, pau, rows: int):
    """Everything a person's page shows, `rows` times, a tripartite review due."""
    today = timezone.localdate()
    ReferralFactory(job_seeker=seeker)
    IntakeFactory(job_seeker=seeker, by=camille)
    f.EngagementPeriodFactory(
        job_seeker=seeker, number=1, status=PeriodStatus.ACTIVE, signed_on=today, signed_by=camille
    )
    site = f.SiteFactory(structure=pau)
    for index in range(rows):
        company = f.CompanyFactory(structure=pau)
        JournalEntryFactory(job_seeker=seeker, author=camille, text=f"Note {index}")
        JournalEntryFactory(
            job_seeker=seeker, author=camille, kind=JournalKind.COMPANY_CONTACT, company=company
        )
        PositioningFactory(job_seeker=seeker, offer__captured_by=camille)
        AppointmentFactory(job_seeker=seeker, staff=camille, site=site)
        EmploymentFactory(job_seeker=seeker, recorded_by=camille, company=company)
        TripartiteReview.objects.create(
            structure=pau, job_seeker=seeker, held_on=today, outcome=ReviewOutcome.CONTINUE, by=camille
        )
        with structure_scope(pau):
            message_queue(
                structure_id=pau.pk,
                kind=MessageKind.JOB_CHECK_IN,
                recipient=seeker.phone,
                context={"structure": "Accès Pau", "first_name": seeker.first_name},
                idempotency_key=f"budget-{seeker.pk}-{index}",
                subject=Subject.JOB_SEEKER,
                subject_id=seeker.pk,
            )
    seeker.needs_tripartite_review = True
    seeker.save(update_fields=["needs_tripartite_review"])


@pytest.mark.parametrize("rows", [1, 30])
def test_a_persons_page_and_its_parts_stay_within_the_budget_whatever_their_history(
    camille_client, pau, camille, rows, django_assert_max_num_queries
):
    seeker = f.JobSeekerFactory(structure=pau, phone="+33612345678")
    f.TargetJobFactory(job_seeker=seeker)
    _long_history(seeker, camille, pau, rows)
    for url in (
        reverse("seekers:detail", args=[seeker.pk]),
        reverse("seekers:messages", args=[seeker.pk]),
        reverse("matching:seeker_offers", args=[seeker.pk]),
    ):
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert camille_client.get(url, headers={"HX-Request": "true"}).status_code == 200


def test_an_offers_page_and_its_candidates_stay_within_the_budget(
    camille_client, pau, camille, django_assert_max_num_queries
):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    for _ in range(20):
        person = f.JobSeekerFactory(structure=pau)
        f.TargetJobFactory(job_seeker=person, appellation=offer.appellation)
        PositioningFactory(job_seeker=person, offer__captured_by=camille)
    for url in (
        reverse("offers:detail", args=[offer.pk]),
        reverse("matching:offer_candidates", args=[offer.pk]),
    ):
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert camille_client.get(url, headers={"HX-Request": "true"}).status_code == 200


def test_a_ranking_with_its_pool_kept_reads_a_handful_of_rows(
    camille_client, pau, camille, django_assert_max_num_queries
):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    person = f.JobSeekerFactory(structure=pau)
    f.TargetJobFactory(job_seeker=person, appellation=offer.appellation)
    with structure_scope(pau):
        data_version_bump(structure_id=pau.pk)
    candidates = reverse("matching:offer_candidates", args=[offer.pk])
    offers = reverse("matching:seeker_offers", args=[person.pk])
    camille_client.get(candidates, headers={"HX-Request": "true"})
    # The session, the user and their membership, the object, the data version, the rows shown.
    for url in (candidates, offers, candidates):
        with django_assert_max_num_queries(6):
            assert camille_client.get(url, headers={"HX-Request": "true"}).status_code == 200


def test_the_home_page_stays_within_the_budget_on_a_busy_day(
    camille_client, pau, camille, django_assert_max_num_queries
):
    today = timezone.localdate()
    for index in range(20):
        seeker = f.JobSeekerFactory(structure=pau)
        f.EngagementPeriodFactory(
            job_seeker=seeker,
            status=PeriodStatus.ACTIVE,
            signed_on=today - datetime.timedelta(days=50),
            starts_on=today - datetime.timedelta(days=50),
            ends_on=today + datetime.timedelta(days=index % 10),
        )
        AppointmentFactory(job_seeker=seeker, staff=camille, site=f.SiteFactory(structure=pau))
        PositioningFactory(job_seeker=seeker, offer__captured_by=camille)
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert camille_client.get(reverse("dashboard:home")).status_code == 200
