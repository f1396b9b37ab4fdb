"""A CRE publishes meeting times in a row, sees who booked which, removes a free one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.offers.models import MeetingSlot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]
URL = reverse("seeker_app:slots")


def _monday_at_9():
    day = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def test_four_slots_in_a_row_are_published_and_listed(camille_client, camille):
    start = _monday_at_9()
    answer = camille_client.post(
        URL,
        {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "minutes": "30", "count": "4", "site": ""},
        follow=True,
    )
    assert "4 créneaux publiés." in answer.text
    times = list(MeetingSlot.objects.filter(staff=camille).values_list("starts_at", flat=True))
    assert times == [start + datetime.timedelta(minutes=30 * index) for index in range(4)]
    assert answer.text.count("libre") == 4


def test_a_clash_publishes_none_of_the_row_and_says_why(camille_client, camille):
    start = _monday_at_9()
    data = {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "minutes": "30", "count": "1", "site": ""}
    camille_client.post(URL, data)
    answer = camille_client.post(
        URL,
        {
            **data,
            "starts_at": (start - datetime.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
            "count": "3",
        },
    )
    assert answer.status_code == 200
    assert "Un créneau existe déjà" in answer.text
    assert MeetingSlot.objects.count() == 1


def test_absurd_values_are_refused_on_their_fields(camille_client):
    answer = camille_client.post(
        URL, {"starts_at": "9999-12-31T09:00", "minutes": "5000", "count": "99999999999999"}
    )
    assert answer.status_code == 200
    assert not MeetingSlot.objects.exists()


def test_a_free_slot_is_removed_by_its_cre_only(camille_client, camille, dominique):
    from django.test import Client

    start = _monday_at_9()
    camille_client.post(URL, {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "minutes": "30", "count": "1"})
    slot = MeetingSlot.objects.get()
    client = Client()
    client.force_login(dominique)
    assert client.post(reverse("seeker_app:slot_delete", args=[slot.pk])).status_code == 404
    camille_client.post(reverse("seeker_app:slot_delete", args=[slot.pk]))
    assert not MeetingSlot.objects.exists()
