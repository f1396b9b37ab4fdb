import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.seekers.enums import ExitReason, ReviewOutcome, SeekerStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_for_review(accompanied):
    accompanied.needs_tripartite_review = True
    accompanied.save(update_fields=["needs_tripartite_review"])
    return accompanied


def test_the_review_is_recorded_from_the_persons_page(camille_client, due_for_review, organisation, unscoped):
    response = camille_client.post(
        reverse("seekers:review_create", args=[due_for_review.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "organisation": organisation.pk,
            "outcome": ReviewOutcome.EXIT,
            "notes": "Fin",
        },
        follow=True,
    )

    due_for_review.refresh_from_db()
    assert due_for_review.needs_tripartite_review is False
    assert due_for_review.status == SeekerStatus.LEFT
    assert due_for_review.exit_reason == ExitReason.PERIODS_ENDED
    assert "Bilan tripartite enregistré" in response.content.decode()


def test_a_review_dated_before_the_referral_is_refused(camille_client, due_for_review, unscoped):
    response = camille_client.post(
        reverse("seekers:review_create", args=[due_for_review.pk]),
        {"held_on": "0001-01-01", "outcome": ReviewOutcome.CONTINUE},
    )

    assert response.status_code == 200
    assert "ne peut pas précéder l&#x27;ouverture du dossier" in response.content.decode()
    due_for_review.refresh_from_db()
    assert due_for_review.needs_tripartite_review is True


def test_a_review_without_decision_is_refused_and_the_notes_are_kept(
    camille_client, due_for_review, unscoped
):
    response = camille_client.post(
        reverse("seekers:review_create", args=[due_for_review.pk]),
        {"held_on": "2026-02-01", "notes": "Compte rendu détaillé"},
    )

    content = response.content.decode()
    assert "Ce champ est obligatoire" in content
    assert "Compte rendu détaillé" in content
    due_for_review.refresh_from_db()
    assert due_for_review.needs_tripartite_review is True
