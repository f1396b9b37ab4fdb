import pytest
from django.urls import reverse

from accesdirect.testing import factories as f

from .factories import JournalEntryFactory

pytestmark = pytest.mark.django_db


def test_the_printable_follow_up_shows_every_action(camille_client, accompanied, camille):
    for index in range(60):
        JournalEntryFactory(job_seeker=accompanied, author=camille, text=f"Action numéro {index}")
    period = f.EngagementPeriodFactory(job_seeker=accompanied)

    response = camille_client.get(reverse("seekers:print", args=[accompanied.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Suivi de Sami Accompanied" in content
    assert content.count("Action numéro") == 60
    assert "PER" in content
    assert (
        reverse("seekers:period_sign", args=[accompanied.pk, period.pk]) not in content
    )  # no actions on paper


def test_the_person_page_shows_only_the_last_fifty_actions(camille_client, accompanied, camille):
    for index in range(60):
        JournalEntryFactory(job_seeker=accompanied, author=camille, text=f"Action numéro {index}")

    content = camille_client.get(reverse("seekers:detail", args=[accompanied.pk])).content.decode()

    assert content.count("Action numéro") == 50
