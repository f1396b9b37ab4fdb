"""The SMS alerts of new offers (matching/alerts.py): the scheduler run every minute by the
outbox worker alerts the few people a new offer suits well, among those who asked for it."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.matching.alerts import queue_offer_alerts
from accesdirect.matching.models import OfferAlertRun
from accesdirect.matching.queries import rank_candidates
from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource, Subject
from accesdirect.messaging.gsm import segment_count
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import registered_schedulers, run_schedulers
from accesdirect.messaging.services import opt_out_add
from accesdirect.messaging.templates import DEFAULTS, MAX_SEGMENTS, render_sms
from accesdirect.messaging.wording import SAMPLE_VALUES, preview
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.services import positioning_create

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# A Monday, inside the sending window.
MONDAY_10H = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
MONDAY = MONDAY_10H.date()


def alerts():
    with scopes_disabled():
        return list(Message.objects.filter(kind=MessageKind.OFFER_ALERT).order_by("pk"))


def alerted_ids():
    return sorted(message.subject_id for message in alerts())


@pytest.fixture
def new_offer(make_offer):
    def _make(**fields):
        fields.setdefault("captured_on", MONDAY)
        return make_offer(**fields)

    return _make


def test_a_new_offer_alerts_the_opted_in_people_whose_target_job_it_is(
    make_person, new_offer, rome, communes, camille
):
    wanted = make_person(rome.cleaner, offer_alerts=True, phone="+33612345678")
    make_person(rome.cleaner)  # did not ask for alerts
    make_person(rome.cleaner, offer_alerts=True, phone="")  # no mobile
    make_person(rome.cleaner, offer_alerts=True, commune=communes.orthez)  # 51 km away, too far
    make_person(rome.home_help, offer_alerts=True)  # only a close job
    offer = new_offer(title="Agent d'entretien", commune=communes.billere)

    assert queue_offer_alerts(now=MONDAY_10H) == 1

    [alert] = alerts()
    assert (alert.subject, alert.subject_id) == (Subject.JOB_SEEKER, wanted.pk)
    assert alert.recipient == "+33612345678"
    assert alert.idempotency_key == f"offer-alert:{offer.pk}:{wanted.pk}"
    assert alert.structure_id == offer.structure_id
    assert alert.body == (
        "Accès Pau : nouvelle offre Agent d'entretien à Billère. Intéressé(e) ? "
        f"Camille {camille.last_name[0]}. attend votre appel."
    )
    assert alert.status == MessageStatus.QUEUED
    assert alert.next_attempt_at == MONDAY_10H  # within the sending window: goes at once
    assert not alert.essential  # STOP applies


def test_the_close_job_person_is_compatible_but_not_alerted(make_person, new_offer, rome, pau):
    close = make_person(rome.home_help, offer_alerts=True)
    offer = new_offer()
    with structure_scope(pau):
        assert [pair.job_seeker_id for pair in rank_candidates(offer)] == [close.pk]

    assert queue_offer_alerts(now=MONDAY_10H) == 0


def test_a_number_that_answered_stop_is_not_alerted(make_person, new_offer, rome, pau):
    stopped = make_person(rome.cleaner, offer_alerts=True)
    opt_out_add(structure_id=pau.pk, phone=stopped.phone, source=OptOutSource.SMS_STOP)
    new_offer()

    assert queue_offer_alerts(now=MONDAY_10H) == 0


def test_a_person_on_another_offer_is_not_alerted(make_person, new_offer, make_offer, rome, camille, pau):
    busy = make_person(rome.cleaner, offer_alerts=True)
    older = make_offer(captured_on=MONDAY - datetime.timedelta(days=30))
    with structure_scope(pau):
        positioning_create(offer=older, job_seeker=busy, by=camille)
    new_offer()

    run_schedulers(now=MONDAY_10H)

    assert alerts() == []


def test_at_most_five_people_are_alerted_the_best_suited_first(make_person, new_offer, rome):
    experienced = [make_person((rome.cleaner, True), offer_alerts=True) for _ in range(5)]
    for _ in range(2):
        make_person(rome.cleaner, offer_alerts=True)
    new_offer()

    assert queue_offer_alerts(now=MONDAY_10H) == 5

    assert alerted_ids() == sorted(person.pk for person in experienced)


def test_an_offer_alerts_once_however_often_the_scheduler_runs(make_person, new_offer, rome):
    make_person(rome.cleaner, offer_alerts=True)
    offer = new_offer()

    assert queue_offer_alerts(now=MONDAY_10H) == 1
    late = make_person(rome.cleaner, offer_alerts=True)
    assert queue_offer_alerts(now=MONDAY_10H + datetime.timedelta(minutes=1)) == 0

    assert late.pk not in alerted_ids()
    with scopes_disabled():
        run = OfferAlertRun.objects.get(offer=offer)
    assert run.alerted == 1


def test_an_offer_without_anyone_to_alert_is_handled_once_too(new_offer):
    offer = new_offer()

    assert queue_offer_alerts(now=MONDAY_10H) == 0

    with scopes_disabled():
        assert OfferAlertRun.objects.get(offer=offer).alerted == 0


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 11, 23, 21, 0, tzinfo=PARIS),  # Monday evening
        datetime.datetime(2026, 11, 29, 10, 0, tzinfo=PARIS),  # a Sunday
    ],
)
def test_nothing_is_queued_outside_the_sending_window(moment, make_person, new_offer, rome):
    make_person(rome.cleaner, offer_alerts=True)
    new_offer(captured_on=moment.date())

    assert queue_offer_alerts(now=moment) == 0

    assert alerts() == []
    with scopes_disabled():
        assert not OfferAlertRun.objects.exists()


def test_the_offer_still_alerts_the_next_sending_day(make_person, new_offer, rome):
    make_person(rome.cleaner, offer_alerts=True)
    new_offer(captured_on=MONDAY - datetime.timedelta(days=2))  # captured on Saturday

    assert queue_offer_alerts(now=MONDAY_10H) == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"captured_on": MONDAY - datetime.timedelta(days=4)},
        {"status": OfferStatus.FILLED},
        {"status": OfferStatus.CANCELLED},
    ],
)
def test_old_or_closed_offers_alert_nobody(fields, make_person, new_offer, rome):
    make_person(rome.cleaner, offer_alerts=True)
    new_offer(**fields)

    assert queue_offer_alerts(now=MONDAY_10H) == 0


def test_each_structure_alerts_its_own_people(make_person, new_offer, rome, basque, communes):
    at_pau = make_person(rome.cleaner, offer_alerts=True)
    in_basque = make_person(rome.cleaner, structure=basque, offer_alerts=True, commune=communes.bayonne)
    pau_offer = new_offer()
    basque_offer = new_offer(structure=basque, commune=communes.bayonne)

    assert queue_offer_alerts(now=MONDAY_10H) == 2

    keys = {message.idempotency_key: message.structure_id for message in alerts()}
    assert keys == {
        f"offer-alert:{pau_offer.pk}:{at_pau.pk}": pau_offer.structure_id,
        f"offer-alert:{basque_offer.pk}:{in_basque.pk}": basque.pk,
    }


def test_the_scheduler_is_registered_with_the_outbox(make_person, new_offer, rome):
    make_person(rome.cleaner, offer_alerts=True)
    new_offer()

    queued = run_schedulers(now=MONDAY_10H)

    assert queued["accesdirect.matching.alerts.queue_offer_alerts"] == 1


def test_one_pass_reads_the_pool_once_per_structure(
    make_person, new_offer, rome, django_assert_max_num_queries
):
    for _ in range(40):
        make_person((rome.cleaner, True), offer_alerts=True)
    for _ in range(4):
        new_offer()

    # About a dozen queries per structure (its pool), then about five per SMS queued; the same
    # with twice as many people.
    with django_assert_max_num_queries(130):
        assert queue_offer_alerts(now=MONDAY_10H) == 20


def test_the_default_wording_fits_in_one_sms_with_long_values():
    assert MAX_SEGMENTS[MessageKind.OFFER_ALERT] == 1
    checked = preview(
        kind=MessageKind.OFFER_ALERT,
        body=DEFAULTS[MessageKind.OFFER_ALERT],
        structure_name="Accès Direct Côte Basque",
    )
    assert checked.problem == ""
    assert checked.segments == 1
    context = SAMPLE_VALUES | {"structure": "Accès Direct Côte Basque", "commune": "Oloron-Sainte-Marie"}
    _body, segments = render_sms(DEFAULTS[MessageKind.OFFER_ALERT], context)
    assert segments == segment_count(_body) == 1


# --- The person's choice, on their page -----------------------------------------------------


def _edit_data(person, **overrides):
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "phone": person.phone,
        "commune": person.commune_id,
        "availability": "immediate",
        "education_level": "3",
        "programme": person.programme,
        **overrides,
    }


def test_the_edit_form_turns_the_alerts_on_and_off(make_person, rome, camille_client):
    person = make_person(rome.cleaner)
    url = reverse("seekers:edit", args=[person.pk])

    camille_client.post(url, _edit_data(person, offer_alerts="on"))
    with scopes_disabled():
        person.refresh_from_db()
    assert person.offer_alerts is True
    page = camille_client.get(reverse("seekers:detail", args=[person.pk])).content.decode()
    assert "Nouvelles offres par SMS" in page

    camille_client.post(url, _edit_data(person))
    with scopes_disabled():
        person.refresh_from_db()
    assert person.offer_alerts is False


def test_a_person_gets_one_offer_alert_a_day_at_most(make_person, new_offer, rome):
    wanted = make_person(rome.cleaner, offer_alerts=True)
    new_offer(title="Agent d'entretien")
    new_offer(title="Agent de propreté")
    assert queue_offer_alerts(now=MONDAY_10H) == 1
    new_offer(title="Agent de nettoyage")
    assert queue_offer_alerts(now=MONDAY_10H + datetime.timedelta(hours=2)) == 0
    assert alerted_ids() == [wanted.pk]
    new_offer(title="Laveur de vitres", captured_on=MONDAY + datetime.timedelta(days=1))
    assert queue_offer_alerts(now=MONDAY_10H + datetime.timedelta(days=1)) == 1
    assert alerted_ids() == [wanted.pk, wanted.pk]


def test_the_matching_app_registers_its_alerts_with_the_outbox():
    assert queue_offer_alerts in registered_schedulers()
