"""The schedulers of time-based messages, registered by each domain app and run once a minute."""

import datetime
import logging
import pathlib
import re

import pytest
from django.core.management import call_command

from accesdirect.core.calendar import METROPOLE, territory_of_departement
from accesdirect.messaging.formats import sms_date, sms_time, staff_name
from accesdirect.messaging.schedule import (
    register_scheduler,
    registered_schedulers,
    run_schedulers,
    scheduler_name,
    sending_territories,
    sending_window_open,
)
from accesdirect.testing import factories as f

from .conftest import PARIS, TUESDAY_10H

pytestmark = pytest.mark.django_db
CALLS = []


def failing_scheduler(*, now):
    raise RuntimeError("bug in a scheduler")


def counting_scheduler(*, now):
    CALLS.append(now)
    return 2


def test_the_domain_apps_register_their_schedulers_from_their_app_config():
    # Seekers, offers and matching each register at least one (their own tests say which).
    assert len(registered_schedulers()) >= 3
    assert all(callable(scheduler) for scheduler in registered_schedulers())


def test_registering_a_scheduler_twice_keeps_one():
    before = registered_schedulers()
    for scheduler in before:
        register_scheduler(scheduler)
    assert registered_schedulers() == before


# The outbox lies below every domain app: its own modules (views and URLs, the web edge, aside)
# never name one, not even in a string.
DOMAIN_APPS = ("seekers", "companies", "offers", "matching", "reporting", "portals", "api", "immersions")
EDGE_MODULES = {"views.py", "urls.py", "staff_urls.py"}


def test_the_outbox_names_no_domain_app():
    package = pathlib.Path(__file__).resolve().parents[1]
    naming = re.compile(r"accesdirect[./](" + "|".join(DOMAIN_APPS) + r")\b")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and path.name not in EDGE_MODULES and naming.search(path.read_text())
    ]
    assert offenders == []


def test_a_failing_scheduler_is_logged_and_the_others_still_run(caplog):
    CALLS.clear()
    here = "accesdirect.messaging.tests.test_schedule."
    with caplog.at_level(logging.ERROR, logger="accesdirect.messaging.schedule"):
        queued = run_schedulers(now=TUESDAY_10H, schedulers=[failing_scheduler, counting_scheduler])
    assert queued == {here + "failing_scheduler": 0, here + "counting_scheduler": 2}
    assert CALLS == [TUESDAY_10H]
    assert "bug in a scheduler" in caplog.text


def test_the_command_runs_one_pass_at_the_given_moment(capsys, caplog):
    with caplog.at_level(logging.ERROR):
        call_command("queue_scheduled_messages", "--now", "2026-11-24T10:00:00+01:00")
    output = capsys.readouterr().out
    assert "0 message(s) mis en attente d'envoi." in output
    assert all(scheduler_name(scheduler) in output for scheduler in registered_schedulers())
    assert caplog.text == ""  # every scheduler ran without error


def test_schedulers_queue_only_while_sms_may_go_out():
    assert sending_window_open(TUESDAY_10H, territory=METROPOLE)
    assert not sending_window_open(datetime.datetime(2026, 11, 24, 21, 0, tzinfo=PARIS), territory=METROPOLE)
    # a Sunday, Christmas
    assert not sending_window_open(datetime.datetime(2026, 11, 29, 10, 0, tzinfo=PARIS), territory=METROPOLE)
    assert not sending_window_open(datetime.datetime(2026, 12, 25, 10, 0, tzinfo=PARIS), territory=METROPOLE)


def test_the_structures_whose_window_is_open_are_grouped_by_territory(pau):
    guadeloupe = f.StructureFactory(
        commune=f.CommuneFactory(insee_code="97120", name="Pointe-à-Pitre", departement="971")
    )
    no_commune = f.StructureFactory(commune=None)
    territory = territory_of_departement("971")

    # 10:00 in Paris is 05:00 in Guadeloupe.
    assert sending_territories(TUESDAY_10H) == {METROPOLE: [pau.pk, no_commune.pk]}
    # 15:00 in Paris is 10:00 there.
    afternoon = TUESDAY_10H + datetime.timedelta(hours=5)
    assert sending_territories(afternoon) == {METROPOLE: [pau.pk, no_commune.pk], territory: [guadeloupe.pk]}
    # 21:00 in Paris is 16:00 there.
    assert sending_territories(TUESDAY_10H + datetime.timedelta(hours=11)) == {territory: [guadeloupe.pk]}


def test_dates_and_times_are_written_in_french_whatever_the_language():
    assert sms_date(datetime.date(2026, 11, 25)) == "mercredi 25 novembre"
    assert sms_date(datetime.date(2026, 12, 1)) == "mardi 1er décembre"
    # A datetime is read in Paris time: 23:30 UTC on the 24th is already the 25th.
    assert sms_date(datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.UTC)) == "mercredi 25 novembre"
    assert sms_time(datetime.datetime(2026, 11, 25, 9, 30, tzinfo=PARIS)) == "9h30"
    assert sms_time(datetime.datetime(2026, 11, 25, 14, 0, tzinfo=PARIS)) == "14h"


def test_people_know_their_cre_by_first_name_and_initial():
    assert staff_name(f.UserFactory.build(first_name="Camille", last_name="Martin")) == "Camille M."
    assert staff_name(f.UserFactory.build(first_name="", last_name="", email="cre@pau.fr")) == "cre@pau.fr"
