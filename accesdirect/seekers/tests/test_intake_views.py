import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from accesdirect.seekers.enums import SeekerStatus
from accesdirect.testing import factories as f

from .factories import IntakeFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _url(name, seeker, *args):
    return reverse(f"seekers:{name}", args=[seeker.pk, *args])


@pytest.fixture
def in_intake(referred, camille):
    """Léa's intake has started."""
    return IntakeFactory(job_seeker=referred, by=camille)


def test_the_intake_page_offers_to_start_the_intake(camille_client, referred):
    response = camille_client.get(_url("intake", referred))

    assert response.status_code == 200
    assert "Commencer l'accueil" in response.content.decode()


def test_starting_the_intake_leads_to_the_target_jobs(camille_client, referred, unscoped):
    response = camille_client.post(
        _url("intake", referred), {"held_on": "2026-01-15", "notes": "Écoute"}, follow=True
    )

    assert referred.intakes.get().notes == "Écoute"
    content = response.content.decode()
    assert "Accueil commencé" in content
    assert 'id="target-jobs"' in content


def test_a_target_job_is_added_with_htmx(camille_client, referred, in_intake, unscoped):
    appellation = f.AppellationFactory(label="Aide à domicile")

    response = camille_client.post(
        _url("target_job_add", referred),
        {"appellation": appellation.pk, "commune": f.CommuneFactory().pk, "has_experience": "on"},
        headers=HTMX,
    )

    content = response.content.decode()
    assert "<html" not in content
    assert "Aide à domicile" in content
    assert referred.target_jobs.get().has_experience is True


def test_a_target_job_is_added_without_javascript(camille_client, referred, in_intake, unscoped):
    response = camille_client.post(
        _url("target_job_add", referred),
        {"appellation": f.AppellationFactory().pk, "commune": f.CommuneFactory().pk},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _url("intake", referred)
    assert "Poste visé ajouté" in response.content.decode()


def test_the_same_target_job_twice_shows_the_french_message(camille_client, referred, in_intake, unscoped):
    target = f.TargetJobFactory(job_seeker=referred)

    response = camille_client.post(
        _url("target_job_add", referred),
        {"appellation": target.appellation_id, "commune": target.commune_id},
        headers=HTMX,
    )

    assert escape("est déjà un poste visé") in response.content.decode()
    assert referred.target_jobs.count() == 1


def test_a_target_job_is_removed_with_htmx(camille_client, referred, in_intake, unscoped):
    target = f.TargetJobFactory(job_seeker=referred)

    response = camille_client.post(_url("target_job_remove", referred, target.pk), headers=HTMX)

    assert response.status_code == 200
    assert not referred.target_jobs.exists()


def test_removing_below_three_target_jobs_after_intake_is_refused(camille_client, accompanied, unscoped):
    target = accompanied.target_jobs.first()

    response = camille_client.post(_url("target_job_remove", accompanied, target.pk), headers=HTMX)

    assert "Au moins trois postes visés" in response.content.decode()
    assert accompanied.target_jobs.count() == 3


def test_completing_the_intake_with_two_target_jobs_is_refused_and_answers_are_kept(
    camille_client, referred, in_intake, unscoped
):
    f.TargetJobFactory(job_seeker=referred)
    f.TargetJobFactory(job_seeker=referred)

    response = camille_client.post(
        _url("intake_complete", referred),
        {"frame_explained": "on", "agreed_to_engage": "on", "notes": "Aime le contact"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Au moins trois postes visés réalistes" in content
    assert "Aime le contact" in content
    assert re.search(r'name="frame_explained"[^>]*checked', content)
    referred.refresh_from_db()
    assert referred.status == SeekerStatus.REFERRED


def test_completing_the_intake_makes_the_person_accompanied(camille_client, referred, in_intake, unscoped):
    for _ in range(3):
        f.TargetJobFactory(job_seeker=referred)

    response = camille_client.post(
        _url("intake_complete", referred), {"frame_explained": "on", "agreed_to_engage": "on"}, follow=True
    )

    referred.refresh_from_db()
    assert referred.status == SeekerStatus.ACTIVE
    assert response.redirect_chain[-1][0] == reverse("seekers:detail", args=[referred.pk])
    assert "Accueil terminé" in response.content.decode()


def test_zero_target_jobs_reads_in_the_french_singular(camille_client, referred, in_intake):
    # French counts 0 as singular ("0 poste visé"); English as plural ("0 target jobs").
    page = camille_client.get(_url("intake", referred)).content.decode()

    assert "0 poste visé (3 au moins)" in page
