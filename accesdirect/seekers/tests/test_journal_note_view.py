import pytest
from django.urls import reverse

from accesdirect.seekers.enums import JournalKind

pytestmark = pytest.mark.django_db


def _url(seeker):
    return reverse("seekers:journal_note", args=[seeker.pk])


def test_a_call_is_added_to_the_journal(camille_client, accompanied, camille, unscoped):
    response = camille_client.post(
        _url(accompanied), {"kind": JournalKind.CALL, "text": "Rappelée : dispo lundi"}, follow=True
    )

    entry = accompanied.journal.get()
    assert entry.kind == JournalKind.CALL
    assert entry.author == camille
    assert "Ajouté au journal" in response.content.decode()
    assert "Rappelée : dispo lundi" in response.content.decode()


def test_an_empty_note_is_refused_and_nothing_is_written(camille_client, accompanied, unscoped):
    response = camille_client.post(_url(accompanied), {"kind": JournalKind.NOTE, "text": ""})

    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not accompanied.journal.exists()


def test_only_calls_and_notes_are_typed_by_hand(camille_client, accompanied, unscoped):
    response = camille_client.post(_url(accompanied), {"kind": JournalKind.PROPOSAL, "text": "Proposition"})

    assert response.status_code == 200
    assert not accompanied.journal.exists()
