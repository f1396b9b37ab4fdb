"""The scheduler of offers/reminders.py: interview reminders, the company's feedback request
the day after an interview, and the check-ins in the job at 1 week and 1 month, then of
survival in employment from 6 months."""

import datetime
import zoneinfo

import pytest
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import Channel, MessageKind, Subject
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import registered_schedulers, run_schedulers
from accesdirect.offers.enums import Contract, PositioningStatus
from accesdirect.offers.models import Positioning
from accesdirect.offers.reminders import queue_due_reminders
from accesdirect.offers.services import (
    employment_declare,
    job_follow_up_record,
    positioning_advance,
    positioning_interview_reschedule,
)
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TUESDAY_10H = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
WEDNESDAY_14H30 = datetime.datetime(2026, 11, 25, 14, 30, tzinfo=PARIS)
THURSDAY_10H = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)


def sent(kind):
    with scopes_disabled():
        return list(Message.objects.filter(kind=kind).order_by("pk"))


def at(day: datetime.date, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


@pytest.fixture
def interview(pau, camille, offer, position):
    """Sami's interview at the Propreté Paloise, Wednesday 25 at 14:30."""
    with scopes_disabled():
        offer.company.address = "3 rue des Lilas"
        offer.company.phone = "06 98 76 54 32"
        offer.company.save(update_fields=["address", "phone"])
    seeker = f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Durand", phone="+33612345678")
    positioning = position(offer, seeker, up_to=PositioningStatus.ACCEPTED)
    with structure_scope(pau):
        positioning_advance(
            positioning=positioning,
            to_status=PositioningStatus.INTERVIEW_SCHEDULED,
            interview_at=WEDNESDAY_14H30,
            by=camille,
        )
    with scopes_disabled():
        Message.objects.all().delete()  # the proposition de poste: not what these tests look at
    return positioning


def test_the_interview_is_reminded_the_day_before_once(interview):
    run_schedulers(now=TUESDAY_10H)
    run_schedulers(now=TUESDAY_10H + datetime.timedelta(minutes=1))

    [reminder] = sent(MessageKind.INTERVIEW_REMINDER)
    assert reminder.recipient == "+33612345678"
    assert (reminder.subject, reminder.subject_id) == (Subject.JOB_SEEKER, interview.job_seeker_id)
    assert reminder.body == (
        "Accès Pau : entretien le mercredi 25 novembre à 14h30 chez Propreté Paloise, "
        "3 rue des Lilas, Pau. Bon courage !"
    )


def test_a_monday_interview_is_reminded_on_saturday(interview, camille):
    with structure_scope(interview.structure_id):
        positioning_interview_reschedule(
            positioning=interview,
            interview_at=datetime.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS),
            by=camille,
        )
    run_schedulers(now=at(datetime.date(2026, 11, 27)))  # Friday: too early
    assert sent(MessageKind.INTERVIEW_REMINDER) == []
    run_schedulers(now=at(datetime.date(2026, 11, 28)))  # Saturday, the last sending day before
    [reminder] = sent(MessageKind.INTERVIEW_REMINDER)
    assert "lundi 30 novembre à 9h" in reminder.body


def test_a_rescheduled_interview_is_reminded_again(interview, camille):
    run_schedulers(now=TUESDAY_10H)
    with structure_scope(interview.structure_id):
        positioning_interview_reschedule(
            positioning=interview, interview_at=WEDNESDAY_14H30 + datetime.timedelta(hours=2), by=camille
        )
    run_schedulers(now=TUESDAY_10H + datetime.timedelta(hours=1))
    reminders = sent(MessageKind.INTERVIEW_REMINDER)
    assert len(reminders) == 2
    assert "à 16h30" in reminders[-1].body


def test_the_company_is_asked_for_feedback_the_day_after(interview):
    run_schedulers(now=WEDNESDAY_14H30 + datetime.timedelta(hours=3))  # the same day: not yet
    assert sent(MessageKind.COMPANY_FEEDBACK_REQUEST) == []

    run_schedulers(now=THURSDAY_10H)
    run_schedulers(now=THURSDAY_10H + datetime.timedelta(hours=2))

    [request] = sent(MessageKind.COMPANY_FEEDBACK_REQUEST)
    assert (request.channel, request.recipient) == (Channel.SMS, "+33698765432")
    assert (request.subject, request.subject_id) == (Subject.COMPANY, interview.offer.company_id)
    assert "comment s'est passé l'entretien avec Sami Durand ?" in request.body


def test_no_feedback_request_once_the_outcome_is_recorded(interview, camille):
    with structure_scope(interview.structure_id):
        positioning_advance(positioning=interview, to_status=PositioningStatus.INTERVIEW_HELD, by=camille)
        positioning_advance(positioning=interview, to_status=PositioningStatus.NOT_RETAINED, by=camille)
    run_schedulers(now=THURSDAY_10H)
    assert sent(MessageKind.COMPANY_FEEDBACK_REQUEST) == []


def test_a_company_reachable_by_email_only_is_asked_by_email(interview):
    with scopes_disabled():
        company = interview.offer.company
        company.phone, company.email = "", "rh@proprete-paloise.fr"
        company.save(update_fields=["phone", "email"])
    run_schedulers(now=THURSDAY_10H)
    [request] = sent(MessageKind.COMPANY_FEEDBACK_REQUEST)
    assert (request.channel, request.recipient) == (Channel.EMAIL, "rh@proprete-paloise.fr")
    assert request.email_subject == "Entretien avec Sami Durand : votre avis"


# --- Check-ins in the job -------------------------------------------------------------

START = datetime.date(2026, 3, 2)  # a Monday
ONE_WEEK, ONE_MONTH, SIX_MONTHS = (
    datetime.date(2026, 3, 9),
    datetime.date(2026, 4, 2),
    datetime.date(2026, 9, 2),
)


@pytest.fixture
def employment(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau, first_name="Sami", phone="+33612345678")
    with structure_scope(pau):
        return employment_declare(
            job_seeker=seeker,
            by=camille,
            contract=Contract.CDI,
            starts_on=START,
            ends_on=None,
            hours_per_week=None,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )


def test_check_ins_go_at_one_week_and_one_month_then_the_survival_one_at_six_months(employment):
    for day in (START, ONE_WEEK - datetime.timedelta(days=1)):
        run_schedulers(now=at(day))
    assert sent(MessageKind.JOB_CHECK_IN) == []

    for day in (ONE_WEEK, ONE_MONTH, SIX_MONTHS):
        run_schedulers(now=at(day))
        run_schedulers(now=at(day, hour=11))

    check_ins = sent(MessageKind.JOB_CHECK_IN)
    [survival] = sent(MessageKind.JOB_SURVIVAL_CHECK_IN)
    assert [message.created_at.astimezone(PARIS).date() for message in [*check_ins, survival]] == [
        ONE_WEEK,
        ONE_MONTH,
        SIX_MONTHS,
    ]
    with scopes_disabled():
        # The first three; those of one, two and four years come later.
        follow_ups = list(employment.follow_ups.order_by("due_on"))[:3]
    assert [m.idempotency_key for m in [*check_ins, survival]] == [
        f"job-check-in:{fu.pk}" for fu in follow_ups
    ]
    assert (
        check_ins[0].body
        == "Accès Pau : bonjour Sami, tout se passe bien dans votre emploi ? Répondez OUI ou NON."
    )
    assert survival.body.startswith("Accès Pau : bonjour Sami, etes-vous toujours en emploi ?")
    assert {(m.subject, m.subject_id) for m in [*check_ins, survival]} == {
        (Subject.JOB_SEEKER, employment.job_seeker_id)
    }


def test_a_check_in_due_on_a_sunday_goes_on_monday(employment):
    with scopes_disabled():
        follow_up = employment.follow_ups.order_by("due_on").first()
        follow_up.due_on = datetime.date(2026, 3, 8)  # a Sunday
        follow_up.save(update_fields=["due_on"])
    run_schedulers(now=at(datetime.date(2026, 3, 8)))
    assert sent(MessageKind.JOB_CHECK_IN) == []
    run_schedulers(now=at(datetime.date(2026, 3, 9)))
    assert len(sent(MessageKind.JOB_CHECK_IN)) == 1


def test_a_follow_up_already_done_is_not_asked_by_sms(employment, camille):
    with scopes_disabled():
        follow_up = employment.follow_ups.order_by("due_on").first()
    with structure_scope(employment.structure_id):
        job_follow_up_record(follow_up=follow_up, done_on=START, going_well=True, notes="", by=camille)
    run_schedulers(now=at(ONE_WEEK))
    assert sent(MessageKind.JOB_CHECK_IN) == []


def test_no_check_in_in_the_post_after_the_end_of_the_job(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau, phone="+33612345678")
    with structure_scope(pau):
        employment_declare(
            job_seeker=seeker,
            by=camille,
            contract=Contract.CDD,
            starts_on=START,
            ends_on=datetime.date(2026, 5, 31),
            hours_per_week=None,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )
    run_schedulers(now=at(SIX_MONTHS))
    assert sent(MessageKind.JOB_CHECK_IN) == []
    # Whether still in a job, any job, is asked all the same (test_survival_check_ins.py).
    assert len(sent(MessageKind.JOB_SURVIVAL_CHECK_IN)) == 1


def test_positionings_of_another_structure_are_reminded_too(interview, basque, bixente):
    offer = f.OfferFactory(structure=basque, company__structure=basque, captured_by=bixente)
    seeker = f.JobSeekerFactory(structure=basque)
    with scopes_disabled():
        Positioning.objects.create(
            structure=basque,
            offer=offer,
            job_seeker=seeker,
            presented_by=bixente,
            status=PositioningStatus.INTERVIEW_SCHEDULED,
            interview_at=WEDNESDAY_14H30,
        )
    run_schedulers(now=TUESDAY_10H)
    assert sorted(m.structure_id for m in sent(MessageKind.INTERVIEW_REMINDER)) == sorted(
        [interview.structure_id, basque.pk]
    )


def test_the_offers_app_registers_its_reminders_with_the_outbox():
    assert queue_due_reminders in registered_schedulers()
