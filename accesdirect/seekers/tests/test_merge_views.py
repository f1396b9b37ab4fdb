"""The direction merges two files of the same person from the person's page: choose the other
file, confirm what moves, merge. A CRE cannot (403); another structure's files are 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.seekers.enums import PeriodStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def dominique_client(client, dominique):
    client.force_login(dominique)
    return client


@pytest.fixture
def pair(pau):
    """The same Nadia, twice: the second file opened with the same mobile."""
    kept = f.JobSeekerFactory(structure=pau, first_name="Nadia", last_name="Benali", phone="+33612345678")
    merged = f.JobSeekerFactory(structure=pau, first_name="Nadia", last_name="Benaly", phone="+33612345678")
    sf.JournalEntryFactory(job_seeker=merged, text="Appel de Nadia.")
    sf.PositioningFactory(job_seeker=merged)
    return kept, merged


def _exists(pk) -> bool:
    with scopes_disabled():
        return JobSeeker.objects.filter(pk=pk).exists()


def test_only_the_direction_sees_the_merge_link(client, dominique, camille, pair):
    kept, _merged = pair
    merge_url = reverse("seekers:merge_choose", args=[kept.pk])
    detail = reverse("seekers:detail", args=[kept.pk])

    client.force_login(dominique)
    assert merge_url in client.get(detail).content.decode()
    client.force_login(camille)
    assert merge_url not in client.get(detail).content.decode()


def test_the_choice_lists_the_possible_duplicates_and_finds_others(dominique_client, pau, pair):
    kept, merged = pair
    other = f.JobSeekerFactory(structure=pau, first_name="Nadine", last_name="Benhamou")
    url = reverse("seekers:merge_choose", args=[kept.pk])

    content = dominique_client.get(url).content.decode()
    assert reverse("seekers:merge_confirm", args=[kept.pk, merged.pk]) in content
    assert reverse("seekers:merge_confirm", args=[kept.pk, other.pk]) not in content

    content = dominique_client.get(url, {"q": "Benhamou"}).content.decode()
    assert reverse("seekers:merge_confirm", args=[kept.pk, other.pk]) in content


def test_the_choice_page_reads_a_bounded_number_of_queries(
    dominique_client, pau, pair, django_assert_max_num_queries
):
    kept, _merged = pair
    for _ in range(5):
        f.JobSeekerFactory(structure=pau, first_name="Nadia", last_name="Benali", phone="+33612345678")
    url = reverse("seekers:merge_choose", args=[kept.pk])

    with django_assert_max_num_queries(12):
        response = dominique_client.get(url, {"q": "Nadia"})

    assert response.status_code == 200


def test_the_confirmation_shows_what_moves_then_the_merge_leads_to_the_kept_file(dominique_client, pair):
    kept, merged = pair
    url = reverse("seekers:merge_confirm", args=[kept.pk, merged.pk])

    content = dominique_client.get(url).content.decode()
    assert "1 positionnement" in content
    assert "1 entrée du journal" in content

    response = dominique_client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("seekers:detail", args=[kept.pk])
    assert "Dossiers fusionnés" in response.content.decode()
    assert "Appel de Nadia." in response.content.decode()
    assert not _exists(merged.pk)


def test_a_cre_gets_403_and_nothing_changes(camille_client, pair):
    kept, merged = pair

    assert camille_client.get(reverse("seekers:merge_choose", args=[kept.pk])).status_code == 403
    url = reverse("seekers:merge_confirm", args=[kept.pk, merged.pk])
    assert camille_client.get(url).status_code == 403
    assert camille_client.post(url).status_code == 403
    assert _exists(merged.pk)


def test_another_structures_direction_gets_404(client, basque, pair):
    kept, merged = pair
    client.force_login(f.staff_user(basque, Role.DIRECTION, first_name="Maite"))

    assert client.get(reverse("seekers:merge_choose", args=[kept.pk])).status_code == 404
    url = reverse("seekers:merge_confirm", args=[kept.pk, merged.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert _exists(merged.pk)


def test_a_merge_that_would_overlap_pers_is_refused_on_the_page(dominique_client, pair):
    kept, merged = pair
    today = timezone.localdate()
    for seeker, days in ((kept, 100), (merged, 90)):
        f.EngagementPeriodFactory(
            job_seeker=seeker,
            starts_on=today - datetime.timedelta(days=days),
            ends_on=today - datetime.timedelta(days=days - 50),
            status=PeriodStatus.ENDED,
            signed_on=today - datetime.timedelta(days=days),
            ended_on=today - datetime.timedelta(days=days - 50),
            end_reason="term",
        )
    url = reverse("seekers:merge_confirm", args=[kept.pk, merged.pk])

    assert "se chevauchent" in dominique_client.get(url).content.decode()
    response = dominique_client.post(url)

    assert response.status_code == 200
    assert "se chevauchent" in response.content.decode()
    assert _exists(merged.pk)
