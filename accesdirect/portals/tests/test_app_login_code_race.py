"""Sign-in codes under concurrent requests (two tabs, a script): the limits hold in the database,
on SQLite and PostgreSQL alike."""

import datetime
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accesdirect.core.scope import scopes_disabled
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.portals.models import LoginCode
from accesdirect.portals.services.login_codes import (
    CodeRefused,
    TooManyCodes,
    login_code_send,
    login_code_verify,
)
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+33612345678"


@pytest.fixture
def sami():
    return f.JobSeekerFactory(phone=PHONE)


def in_threads(function, count: int) -> list:
    def run(index):
        try:
            return function(index)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(run, range(count)))


def outcome(call):
    try:
        return call()
    except (CodeRefused, TooManyCodes) as exc:
        return type(exc).__name__


def test_twenty_wrong_tries_at_once_count_five_and_wear_the_code_out(sami):
    code = login_code_send(phone=PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    results = in_threads(lambda _i: outcome(lambda: login_code_verify(phone=PHONE, code=wrong)), 20)
    assert results == ["CodeRefused"] * 20
    assert LoginCode.objects.get().attempts == 5
    with pytest.raises(CodeRefused):
        login_code_verify(phone=PHONE, code=code)


def test_of_eight_right_tries_at_once_one_signs_in(sami):
    code = login_code_send(phone=PHONE)
    results = in_threads(lambda _i: outcome(lambda: login_code_verify(phone=PHONE, code=code)), 8)
    assert [result for result in results if result != "CodeRefused"] == [sami]


def test_sends_at_once_keep_one_code_and_the_hourly_limit(sami):
    now = timezone.now()
    results = in_threads(lambda _i: outcome(lambda: login_code_send(phone=PHONE, now=now)), 12)
    assert results.count("TooManyCodes") == 9
    with scopes_disabled():
        messages = list(Message.objects.filter(kind=MessageKind.LOGIN_CODE).order_by("pk"))
    assert 1 <= len(messages) <= 3
    assert LoginCode.objects.count() == 1
    # The code the person reads last is the one that works.
    last = re.search(r"\d{6}", messages[-1].body).group(0)
    assert login_code_verify(phone=PHONE, code=last, now=now + datetime.timedelta(minutes=1)) == sami


def test_the_database_keeps_one_code_per_number_and_at_most_five_tries(sami):
    login_code_send(phone=PHONE)
    first = LoginCode.objects.get()
    first.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        LoginCode.objects.update(attempts=6)
