"""The journal stores events, not sentences: each entry reads in the reader's language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accesdirect.seekers.enums import JournalKind, SignatureMethod
from accesdirect.seekers.journal import render_event
from accesdirect.seekers.services import journal_add, period_sign
from accesdirect.testing import factories as f
from accesdirect.testing.clock import frozen_now

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mid_december_2026(monkeypatch):
    """The PER of December 2026 is signed on the 3rd, a week before "today"."""
    frozen_now(monkeypatch, datetime.datetime(2026, 12, 10, 10, tzinfo=datetime.UTC))


def test_an_entry_written_in_english_reads_in_french_for_everybody_else(
    accompanied, camille, camille_client, in_pau
):
    period = f.EngagementPeriodFactory(job_seeker=accompanied, starts_on=datetime.date(2026, 12, 1))
    with translation.override("en"):
        period_sign(
            period=period,
            signed_on=datetime.date(2026, 12, 3),
            signature_method=SignatureMethod.PAPER,
            by=camille,
        )
        english = accompanied.journal.get(event="seekers.period_signed").rendered

    page = camille_client.get(reverse("seekers:detail", args=[accompanied.pk])).content.decode()

    assert english == "PER 1 signed on 12/03/2026 (On paper)."
    assert "PER 1 signé le 03/12/2026 (Sur papier)." in page


def test_what_a_person_typed_is_kept_as_typed(accompanied, camille, in_pau):
    entry = journal_add(
        job_seeker=accompanied, kind=JournalKind.NOTE, text="Rappelée : dispo lundi", author=camille
    )
    with translation.override("en"):
        assert entry.rendered == "Rappelée : dispo lundi"


def test_an_unknown_event_is_refused_when_written():
    with pytest.raises(ValueError, match="Unknown journal event"):
        journal_add(job_seeker=None, kind=JournalKind.NOTE, event="nobody.declared_this")


def test_a_value_written_by_an_older_version_renders_as_stored():
    assert render_event("seekers.period_signed", {"number": 1, "day": "hier", "method": "fax"}) == (
        "PER 1 signé le hier (fax)."
    )
