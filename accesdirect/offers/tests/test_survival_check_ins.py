"""The follow-ups of survival in employment (6, 12, 24 and 48 months after a start) outlive the
job: kept when it ends, asked by their own SMS ("êtes-vous toujours en emploi ?"), and the
person's OUI / AUTRE / NON recorded on the follow-up by the inbound SMS webhooks, where the
survival figures (reporting.survival) read it."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.core.calendar import add_months
from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import MessageKind, MessageStatus, Reply
from accesdirect.messaging.models import Message
from accesdirect.messaging.providers.console import ConsoleProvider
from accesdirect.messaging.replies import reply_handler
from accesdirect.messaging.schedule import run_schedulers
from accesdirect.messaging.services import inbound_sms_record, message_resend
from accesdirect.messaging.testing.fake_providers import BREVO_WEBHOOK_SECRET, CREDENTIALS, serve
from accesdirect.messaging.worker import FailoverChain, run_batch
from accesdirect.offers import journal as events
from accesdirect.offers.enums import Contract, EmploymentEndReason
from accesdirect.offers.models import SURVIVAL_MONTHS, JobFollowUp
from accesdirect.offers.services import (
    employment_declare,
    employment_end,
    job_follow_up_answer_by_sms,
    job_follow_up_record,
)
from accesdirect.reporting import survival
from accesdirect.seekers.models import JournalEntry
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PHONE = "+33612345678"
START = datetime.date(2026, 3, 2)  # a Monday
ONE_WEEK, ONE_MONTH = datetime.date(2026, 3, 9), datetime.date(2026, 4, 2)
SIX_MONTHS = datetime.date(2026, 9, 2)  # a Wednesday
INBOUND_URLS = {
    "twilio": "http://testserver/webhooks/twilio/inbound/",
    "brevo": "http://testserver/webhooks/brevo/events/",
    "ovh": "http://testserver/webhooks/ovh/inbound/fake-ovh-webhook-secret/",
}
SURVIVAL_SMS = (
    "Accès Pau : bonjour Sami, etes-vous toujours en emploi ? "
    "Répondez OUI (meme employeur), AUTRE (un autre employeur) ou NON."
)


@pytest.fixture(autouse=True)
def webhook_secrets(settings):
    settings.SMS_WEBHOOKS = {
        "brevo": {"secret": BREVO_WEBHOOK_SECRET},
        "ovh": {"secret": "fake-ovh-webhook-secret", "allowed_ips": []},
        "twilio": {"auth_token": CREDENTIALS["twilio"]["auth_token"]},
    }


@pytest.fixture
def chain(tmp_path):
    """The worker's providers: the console one, writing to a file."""
    return FailoverChain([ConsoleProvider(path=str(tmp_path / "sms.jsonl"))])


def at(day: datetime.date, hour=10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def hire(pau, camille, *, phone=PHONE, first_name="Sami", contract=Contract.CDD):
    """Sami's CDD at the Boulangerie Lacoste, from Monday 2 March 2026 to the end of May (or a
    CDI from the same day)."""
    seeker = f.JobSeekerFactory(structure=pau, first_name=first_name, phone=phone)
    with structure_scope(pau):
        return employment_declare(
            job_seeker=seeker,
            by=camille,
            contract=contract,
            starts_on=START,
            ends_on=datetime.date(2026, 5, 29) if contract == Contract.CDD else None,
            hours_per_week=None,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )


@pytest.fixture
def employment(pau, camille):
    return hire(pau, camille)


def follow_up_at(employment, months: int) -> JobFollowUp:
    with scopes_disabled():
        return employment.follow_ups.get(due_on=add_months(employment.starts_on, months))


def due_dates(employment) -> list[datetime.date]:
    with scopes_disabled():
        return list(employment.follow_ups.order_by("due_on").values_list("due_on", flat=True))


def messages(kind) -> list[Message]:
    return list(Message.all_objects.filter(kind=kind).order_by("pk"))


def send_due_messages(day: datetime.date, chain) -> None:
    """The scheduler queues what is due that day, and the worker sends it."""
    run_schedulers(now=at(day))
    run_batch(chain=chain, now=at(day) + datetime.timedelta(minutes=1))


def answer(client, provider: str, body: str, sender: str = PHONE):
    """The person's SMS, as the provider forwards it to our webhook."""
    with serve(provider) as fake:
        callback = fake.inbound(sender=sender, body=body, url=INBOUND_URLS[provider])
    return client.generic(
        callback.method,
        callback.path,
        data=callback.body,
        content_type=callback.content_type or "text/plain",
        headers=callback.headers,
    )


def fresh(row):
    with scopes_disabled():
        return type(row).objects.get(pk=row.pk)


# --- The end of a job and the scheduler ------------------------------------------------


def test_the_end_of_a_job_keeps_the_follow_ups_of_survival(employment, camille):
    with structure_scope(employment.structure_id):
        employment_end(
            employment=employment,
            ended_on=datetime.date(2026, 3, 20),
            reason=EmploymentEndReason.RESIGNATION,
            by=camille,
        )

    # The week's check-in came before the end; the month's one had no object any more.
    assert due_dates(employment) == [ONE_WEEK, *(add_months(START, months) for months in SURVIVAL_MONTHS)]


def test_a_survival_check_in_goes_after_the_job_ended(employment, camille, chain):
    with structure_scope(employment.structure_id):
        employment_end(
            employment=employment,
            ended_on=datetime.date(2026, 3, 5),
            reason=EmploymentEndReason.TRIAL_PERIOD,
            by=camille,
        )
    for day in (ONE_WEEK, ONE_MONTH, SIX_MONTHS):
        send_due_messages(day, chain)

    assert messages(MessageKind.JOB_CHECK_IN) == []  # "Tout se passe bien dans votre emploi ?": no
    [check_in] = messages(MessageKind.JOB_SURVIVAL_CHECK_IN)
    assert check_in.idempotency_key == f"job-check-in:{follow_up_at(employment, 6).pk}"
    assert check_in.created_at.astimezone(PARIS).date() == SIX_MONTHS
    assert (check_in.status, check_in.recipient, check_in.body) == (MessageStatus.SENT, PHONE, SURVIVAL_SMS)
    assert check_in.segments == 1


def test_after_the_planned_end_only_the_survival_check_in_goes(employment, chain):
    """The CDD's planned end passed without its end being recorded: the check-ins in the post
    stop, the survival one does not."""
    with scopes_disabled():
        JobFollowUp.objects.filter(pk=follow_up_at(employment, 1).pk).update(due_on=datetime.date(2026, 6, 2))
    send_due_messages(datetime.date(2026, 6, 2), chain)
    send_due_messages(SIX_MONTHS, chain)

    assert messages(MessageKind.JOB_CHECK_IN) == []
    assert len(messages(MessageKind.JOB_SURVIVAL_CHECK_IN)) == 1


def test_each_survival_check_in_goes_once_on_its_day(pau, camille, chain):
    employment = hire(pau, camille, contract=Contract.CDI)
    for months in (6, 12):
        day = add_months(START, months)
        send_due_messages(day, chain)
        send_due_messages(day, chain)

    keys = [message.idempotency_key for message in messages(MessageKind.JOB_SURVIVAL_CHECK_IN)]
    assert keys == [f"job-check-in:{follow_up_at(employment, months).pk}" for months in (6, 12)]


# --- The answers by SMS ----------------------------------------------------------------


@pytest.fixture
def asked(employment, chain):
    """The six-month check-in, sent to Sami."""
    send_due_messages(SIX_MONTHS, chain)
    [check_in] = messages(MessageKind.JOB_SURVIVAL_CHECK_IN)
    return check_in


@pytest.mark.parametrize(
    ("provider", "body", "reply", "still_employed", "same_employer", "event"),
    [
        ("twilio", "OUI", Reply.YES, True, True, events.FOLLOW_UP_SMS_SAME_EMPLOYER),
        (
            "brevo",
            "Autre, je suis chez Leclerc",
            Reply.OTHER,
            True,
            False,
            events.FOLLOW_UP_SMS_OTHER_EMPLOYER,
        ),
        ("ovh", "non.", Reply.NO, False, None, events.FOLLOW_UP_SMS_NO_JOB),
    ],
)
def test_an_answer_by_sms_records_the_follow_up(
    client, employment, asked, provider, body, reply, still_employed, same_employer, event
):
    response = answer(client, provider, body)

    assert response.status_code == 200
    check_in = fresh(asked)
    assert check_in.reply == reply
    follow_up = fresh(follow_up_at(employment, 6))
    assert (follow_up.still_employed, follow_up.same_employer) == (still_employed, same_employer)
    assert follow_up.done_on == check_in.replied_at.astimezone(PARIS).date()
    assert (follow_up.by, follow_up.going_well) == (None, None)
    with scopes_disabled():
        [entry] = JournalEntry.objects.filter(job_seeker_id=employment.job_seeker_id, event=event)
    assert entry.author is None
    assert entry.occurred_at == check_in.replied_at


def test_the_survival_figures_read_the_answers_by_sms(client, pau, camille, chain):
    for number, first_name in enumerate(("Sami", "Léa", "Inès")):
        hire(pau, camille, phone=f"+3361234567{number}", first_name=first_name)
    send_due_messages(SIX_MONTHS, chain)
    for number, body in enumerate(("OUI", "AUTRE", "NON")):
        answer(client, "twilio", body, sender=f"+3361234567{number}")

    starts = survival.followed_starts(structure_ids=[pau.pk])

    assert [(start.still_employed, start.same_employer) for start in starts] == [
        ({6: True}, {6: True}),
        ({6: True}, {6: False}),
        ({6: False}, {}),
    ]
    six_months = survival.kaplan_meier(starts)[0]
    assert (six_months.months, six_months.at_risk, six_months.events) == (6, 3, 1)
    assert six_months.survival == survival.Fraction(2, 3)


def test_an_answer_after_staff_recorded_the_follow_up_changes_nothing_on_it(
    client, employment, asked, camille
):
    with structure_scope(employment.structure_id):
        job_follow_up_record(
            follow_up=follow_up_at(employment, 6),
            done_on=SIX_MONTHS,
            going_well=True,
            notes="Appelé : CDI signé chez le même employeur.",
            by=camille,
            still_employed=True,
            same_employer=True,
        )

    answer(client, "twilio", "NON")

    assert fresh(asked).reply == Reply.NO  # kept on the message, for the CRE to see
    follow_up = fresh(follow_up_at(employment, 6))
    assert (follow_up.done_on, follow_up.by, follow_up.still_employed, follow_up.same_employer) == (
        SIX_MONTHS,
        camille,
        True,
        True,
    )
    with scopes_disabled():
        assert not JournalEntry.objects.filter(event=events.FOLLOW_UP_SMS_NO_JOB).exists()


def test_staff_cannot_record_a_follow_up_the_person_answered_by_sms(client, employment, asked, camille):
    answer(client, "twilio", "AUTRE")

    with structure_scope(employment.structure_id), pytest.raises(DomainError, match="déjà enregistré"):
        job_follow_up_record(
            follow_up=follow_up_at(employment, 6),
            done_on=SIX_MONTHS,
            going_well=True,
            notes="",
            by=camille,
            still_employed=True,
            same_employer=True,
        )


def test_a_second_answer_by_sms_does_not_rewrite_the_first(employment, asked):
    inbound_sms_record(sender=PHONE, body="OUI")
    inbound_sms_record(sender=PHONE, body="NON")

    follow_up = fresh(follow_up_at(employment, 6))
    assert (follow_up.still_employed, follow_up.same_employer) == (True, True)
    assert fresh(asked).reply == Reply.NO


@pytest.mark.parametrize("body", ["Peut-être", "Qui êtes-vous ?", "ok", ""])
def test_an_unrelated_word_is_ignored(client, employment, asked, body):
    assert inbound_sms_record(sender=PHONE, body=body) == "ignored"

    assert fresh(asked).reply is None
    assert fresh(follow_up_at(employment, 6)).done_on is None


def test_the_answer_to_a_resent_check_in_records_the_same_follow_up(employment, asked, camille, chain):
    Message.all_objects.filter(pk=asked.pk).update(status=MessageStatus.FAILED)
    with structure_scope(employment.structure_id):
        resend = message_resend(message=asked, by=camille, now=at(SIX_MONTHS, 11))
    run_batch(chain=chain, now=at(SIX_MONTHS, 11) + datetime.timedelta(minutes=1))

    assert inbound_sms_record(sender=PHONE, body="oui") == "reply"

    assert fresh(resend).reply == Reply.YES
    assert fresh(follow_up_at(employment, 6)).still_employed is True


def test_the_follow_up_of_a_job_deleted_since_is_left_alone(employment, asked):
    """An answer whose follow-up is gone (the employment was removed by an administrator) is
    kept on the message and records nothing."""
    with scopes_disabled():
        follow_up_at(employment, 6).delete()

    assert inbound_sms_record(sender=PHONE, body="oui") == "reply"
    assert fresh(asked).reply == Reply.YES


# --- The check-ins in the post keep their OUI / NON -------------------------------------


def test_oui_to_the_first_weeks_check_in_stays_on_the_message(employment, chain):
    send_due_messages(ONE_WEEK, chain)
    [check_in] = messages(MessageKind.JOB_CHECK_IN)

    assert inbound_sms_record(sender=PHONE, body="Oui tout va bien") == "reply"

    assert fresh(check_in).reply == Reply.YES
    with scopes_disabled():
        assert employment.follow_ups.get(due_on=ONE_WEEK).done_on is None


def test_autre_is_not_an_answer_to_the_check_ins_in_the_post(employment, chain):
    send_due_messages(ONE_WEEK, chain)
    [check_in] = messages(MessageKind.JOB_CHECK_IN)

    assert inbound_sms_record(sender=PHONE, body="AUTRE") == "ignored"

    assert fresh(check_in).reply is None


# --- Wiring ----------------------------------------------------------------------------


def test_the_offers_app_handles_the_answers_to_its_survival_check_ins():
    assert reply_handler(MessageKind.JOB_SURVIVAL_CHECK_IN) is job_follow_up_answer_by_sms
    assert reply_handler(MessageKind.JOB_CHECK_IN) is None


def test_the_report_reads_the_follow_ups_that_the_service_plans_and_keeps():
    assert survival.MILESTONES == SURVIVAL_MONTHS


def test_a_reply_is_dated_in_the_structures_territory(employment, asked):
    """Sent at 22:30 UTC on 2 September: 00:30 on the 3rd in Pau."""
    late = datetime.datetime(2026, 9, 2, 22, 30, tzinfo=datetime.UTC)
    inbound_sms_record(sender=PHONE, body="oui", received_at=late)
    assert fresh(follow_up_at(employment, 6)).done_on == datetime.date(2026, 9, 3)
    assert fresh(asked).replied_at == late


def test_the_employment_page_shows_the_answer_by_sms(client, camille_client, employment, asked):
    answer(client, "twilio", "AUTRE")

    page = camille_client.get(reverse("offers:employment_detail", args=[employment.pk])).content.decode()

    assert "En emploi, autre employeur" in page
    assert "réponse par SMS" in page  # who answered: the person, not a member of staff
    assert "Difficultés" not in page  # the SMS asks nothing about how the job goes
