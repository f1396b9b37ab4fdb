import pytest

from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import JournalKind, ReviewOutcome, SeekerStatus
from accesdirect.seekers.services import tripartite_review_record
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_for_review(accompanied):
    accompanied.needs_tripartite_review = True
    accompanied.save(update_fields=["needs_tripartite_review"])
    return accompanied


def test_the_tripartite_review_clears_the_flag(due_for_review, organisation, camille, today, in_pau):
    review = tripartite_review_record(
        job_seeker=due_for_review,
        held_on=today,
        outcome=ReviewOutcome.REORIENTATION,
        organisation=organisation,
        notes="Formation qualifiante envisagée",
        by=camille,
    )

    due_for_review.refresh_from_db()
    assert review.organisation == organisation
    assert due_for_review.needs_tripartite_review is False
    assert due_for_review.status == SeekerStatus.ACTIVE
    assert "Réorientation" in due_for_review.journal.get(kind=JournalKind.REVIEW).text


def test_a_review_deciding_an_exit_ends_the_accompaniment(due_for_review, camille, today, in_pau):
    tripartite_review_record(job_seeker=due_for_review, held_on=today, outcome=ReviewOutcome.EXIT, by=camille)

    due_for_review.refresh_from_db()
    assert due_for_review.status == SeekerStatus.LEFT
    assert due_for_review.needs_tripartite_review is False


def test_a_review_with_a_prescriber_of_another_structure_is_refused(
    due_for_review, basque, camille, today, in_pau
):
    with pytest.raises(DomainError, match="ne travaille pas avec cette structure"):
        tripartite_review_record(
            job_seeker=due_for_review,
            held_on=today,
            outcome=ReviewOutcome.OTHER,
            organisation=f.PrescriberOrganisationFactory(structure=basque),
            by=camille,
        )
