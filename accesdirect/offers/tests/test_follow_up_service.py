import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.services import employment_declare, job_follow_up_record
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import JournalEntry
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    with structure_scope(pau):
        employment = employment_declare(
            job_seeker=seeker,
            by=camille,
            contract=Contract.CDI,
            starts_on=timezone.localdate() - datetime.timedelta(days=10),
            ends_on=None,
            hours_per_week=None,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )
        return employment.follow_ups.order_by("due_on").first()


def record(follow_up, by, **overrides):
    fields = {"done_on": timezone.localdate(), "going_well": True, "notes": ""}
    fields.update(overrides)
    with structure_scope(follow_up.structure_id):
        return job_follow_up_record(follow_up=follow_up, by=by, **fields)


def test_a_follow_up_is_recorded_and_told_in_the_journal(pau, camille, follow_up):
    record(follow_up, camille, going_well=False, notes="Horaires difficiles")
    with scopes_disabled():
        follow_up.refresh_from_db()
        entry = JournalEntry.objects.filter(kind=JournalKind.EMPLOYMENT).order_by("-pk").first()
    assert follow_up.done_on == timezone.localdate()
    assert follow_up.going_well is False
    assert follow_up.by == camille
    assert entry.rendered.startswith(
        "Suivi dans l'emploi (Vendeuse chez Boulangerie Lacoste) : des difficultés"
    )
    assert "Horaires difficiles" in entry.rendered


def test_a_follow_up_is_recorded_once(pau, camille, follow_up):
    record(follow_up, camille)
    with pytest.raises(DomainError, match="déjà enregistré"):
        record(follow_up, camille)


def test_a_follow_up_cannot_be_dated_in_the_future(pau, camille, follow_up):
    with pytest.raises(DomainError, match="à venir"):
        record(follow_up, camille, done_on=timezone.localdate() + datetime.timedelta(days=1))
