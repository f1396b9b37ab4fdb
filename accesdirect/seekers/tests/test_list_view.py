import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.seekers.enums import PeriodStatus, Programme, SeekerStatus
from accesdirect.testing import factories as f

from .factories import JournalEntryFactory

pytestmark = pytest.mark.django_db
URL = reverse("seekers:list")


def test_the_list_shows_the_structures_people(camille_client, pau, basque):
    f.JobSeekerFactory(structure=pau, first_name="Nadia", last_name="Benali")
    f.JobSeekerFactory(structure=basque, first_name="Peio", last_name="Etxeberria")

    response = camille_client.get(URL)

    assert response.status_code == 200
    assert "Benali Nadia" in response.content.decode()
    assert "Etxeberria" not in response.content.decode()


def test_the_list_filters_by_search_status_and_programme(camille_client, pau):
    f.JobSeekerFactory(structure=pau, last_name="Benali", programme=Programme.PLIE)
    f.JobSeekerFactory(structure=pau, last_name="Lasserre", status=SeekerStatus.REFERRED)

    by_status = camille_client.get(URL, {"status": SeekerStatus.REFERRED}).content.decode()
    by_programme = camille_client.get(URL, {"programme": Programme.PLIE}).content.decode()
    by_search = camille_client.get(URL, {"q": "lass"}).content.decode()

    assert "Lasserre" in by_status and "Benali" not in by_status
    assert "Benali" in by_programme and "Lasserre" not in by_programme
    assert "Lasserre" in by_search and "Benali" not in by_search


def test_a_wrong_filter_value_is_ignored_not_fatal(camille_client, pau):
    f.JobSeekerFactory(structure=pau, last_name="Benali")

    response = camille_client.get(URL, {"status": "nonsense", "without_proposal_weeks": "abc"})

    assert response.status_code == 200
    assert "Benali" in response.content.decode()


def test_htmx_gets_only_the_results_fragment(camille_client, pau):
    f.JobSeekerFactory(structure=pau, last_name="Benali")

    response = camille_client.get(URL, {"q": "ben"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert 'id="seeker-results"' in content
    assert "Benali" in content
    assert "<html" not in content


def test_pagination_links_keep_the_filters(camille_client, pau):
    for index in range(30):
        f.JobSeekerFactory(structure=pau, last_name=f"Durand{index:02d}", programme=Programme.RSA)

    response = camille_client.get(URL, {"programme": Programme.RSA})

    assert "?programme=rsa&amp;page=2" in response.content.decode()


def test_the_list_makes_the_same_few_queries_whatever_the_number_of_people(
    camille_client, pau, camille, django_assert_max_num_queries
):
    today = timezone.localdate()
    site = f.SiteFactory(structure=pau)
    for index in range(35):
        seeker = f.JobSeekerFactory(structure=pau, last_name=f"Durand{index:02d}", site=site)
        f.EngagementPeriodFactory(
            job_seeker=seeker,
            status=PeriodStatus.ACTIVE,
            signed_on=today,
            ends_on=today + datetime.timedelta(days=30),
        )
        JournalEntryFactory(job_seeker=seeker, author=camille)

    with django_assert_max_num_queries(6):
        response = camille_client.get(URL, {"status": SeekerStatus.ACTIVE})

    assert response.content.decode().count("PER 1") == 25
