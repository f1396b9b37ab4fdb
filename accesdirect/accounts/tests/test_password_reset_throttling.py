"""Reset links cannot be used to flood a mailbox nor to probe the platform: an address gets
at most 3 links an hour, a network address asks at most 10 times an hour; counted in the
database, so that two web workers share the count (one client here, one database)."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accesdirect.accounts.views import RESET_PER_ADDRESS, RESET_PER_CLIENT
from accesdirect.core.models import RateCounter
from accesdirect.core.throttle import throttle_hit

pytestmark = pytest.mark.django_db
URL = reverse("accounts:password_reset")


def test_an_address_gets_three_links_an_hour_and_the_fourth_request_looks_the_same(client, camille):
    answers = [client.post(URL, {"email": camille.email}) for _ in range(RESET_PER_ADDRESS + 1)]
    assert len(mail.outbox) == RESET_PER_ADDRESS
    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {reverse("accounts:password_reset_done")}


def test_a_client_past_ten_requests_an_hour_is_told_in_french_and_nothing_is_sent(client, camille):
    for index in range(RESET_PER_CLIENT):
        client.post(URL, {"email": f"quelqu.un{index}@exemple.fr"})
    mail.outbox.clear()
    refused = client.post(URL, {"email": camille.email})
    assert refused.status_code == 429
    assert "Trop de demandes depuis ce poste" in refused.text
    assert mail.outbox == []
    # Another network address is not held back.
    other = Client(REMOTE_ADDR="192.0.2.77").post(URL, {"email": camille.email})
    assert other.status_code == 302 and len(mail.outbox) == 1


def test_a_window_is_counted_once_per_hit_and_a_new_window_starts_afresh():
    now = datetime.datetime(2026, 12, 1, 10, 30, tzinfo=datetime.UTC)
    hour = datetime.timedelta(hours=1)
    assert [throttle_hit("k", limit=2, window=hour, now=now) for _ in range(3)] == [True, True, False]
    assert RateCounter.objects.get(key="k").count == 3
    assert throttle_hit("k", limit=2, window=hour, now=now + hour)


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_never_both_pass_the_last_free_place():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    now = datetime.datetime(2026, 12, 1, 10, 30, tzinfo=datetime.UTC)

    def hit(_):
        try:
            return throttle_hit("shared", limit=5, window=datetime.timedelta(hours=1), now=now)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(hit, range(40)))
    assert results.count(True) == 5
    assert RateCounter.objects.get(key="shared").count == 40
