"""The end-of-immersion review asked of the tutor by SMS on the last sending day before the end,
once, by the scheduler that the outbox worker runs every minute."""

import datetime
import zoneinfo

import pytest
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.immersions import services
from accesdirect.immersions.reminders import queue_due_tutor_reviews
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import run_schedulers

from .factories import ImmersionFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
D = datetime.date
MONDAY_10H = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
TUESDAY_10H = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
TUESDAY_21H = datetime.datetime(2026, 11, 24, 21, 0, tzinfo=PARIS)
WEDNESDAY_10H = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)
SATURDAY_10H = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=PARIS)


def review_requests() -> list[Message]:
    with scopes_disabled():
        return list(Message.objects.filter(kind=MessageKind.IMMERSION_REVIEW_REQUEST).order_by("pk"))


@pytest.fixture
def immersion(seeker, bakery, camille):
    """Sami at the Lacoste bakery from Monday 16 to Wednesday 25 November."""
    return ImmersionFactory(
        job_seeker=seeker,
        company=bakery,
        starts_on=D(2026, 11, 16),
        ends_on=D(2026, 11, 25),
        created_by=camille,
    )


def test_the_tutor_is_asked_the_day_before_the_end_once_even_if_run_twice(immersion):
    """Through the outbox's run_schedulers: the app registered its scheduler in ready()."""
    name = "accesdirect.immersions.reminders.queue_due_tutor_reviews"
    assert run_schedulers(now=TUESDAY_10H)[name] == 1
    assert run_schedulers(now=TUESDAY_10H + datetime.timedelta(minutes=1))[name] == 0

    [request] = review_requests()
    assert request.recipient == "+33698765432"
    assert (request.subject, request.subject_id) == (Subject.COMPANY, immersion.company_id)
    assert request.structure_id == immersion.structure_id
    assert request.body == (
        "Accès Pau : l'immersion de Sami Durand se termine le mercredi 25 novembre. "
        "Comment s'est-elle passée ? Dites-le-nous par retour."
    )
    assert request.next_attempt_at == TUESDAY_10H


def test_not_two_days_before_nor_at_night(immersion):
    assert queue_due_tutor_reviews(now=MONDAY_10H) == 0
    assert queue_due_tutor_reviews(now=TUESDAY_21H) == 0
    assert review_requests() == []


def test_asked_on_the_last_day_if_the_day_before_was_missed(immersion):
    assert queue_due_tutor_reviews(now=WEDNESDAY_10H) == 1


def test_an_immersion_ending_on_monday_is_asked_on_saturday(seeker, bakery):
    ImmersionFactory(job_seeker=seeker, company=bakery, starts_on=D(2026, 11, 23), ends_on=D(2026, 11, 30))

    assert queue_due_tutor_reviews(now=SATURDAY_10H) == 1
    assert "lundi 30 novembre" in review_requests()[0].body


def test_no_request_for_a_cancelled_or_already_reviewed_immersion(immersion, seeker, bakery, camille, pau):
    reviewed = ImmersionFactory(
        job_seeker=seeker,
        company=bakery,
        starts_on=D(2026, 11, 18),
        ends_on=D(2026, 11, 25),
        review="Très bien",
        reviewed_on=D(2026, 11, 23),
    )
    with structure_scope(pau):
        services.immersion_cancel(immersion=immersion, by=camille)

    assert queue_due_tutor_reviews(now=TUESDAY_10H) == 0
    assert reviewed.pk and review_requests() == []


def test_an_immersion_whose_end_moves_is_asked_again(immersion, camille, pau):
    queue_due_tutor_reviews(now=TUESDAY_10H)
    with structure_scope(pau):
        terms = services.terms_of(immersion)
        terms.ends_on = D(2026, 11, 27)
        services.immersion_update(immersion=immersion, by=camille, terms=terms)

    assert queue_due_tutor_reviews(now=TUESDAY_10H + datetime.timedelta(days=2)) == 1
    assert [request.body.count("vendredi 27 novembre") for request in review_requests()] == [0, 1]
