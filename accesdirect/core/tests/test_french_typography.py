"""French as the French write it on the pages: "1er décembre", "janv.", "1,3"."""

import datetime

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _render(text: str, **context) -> str:
    return engines["django"].from_string(text).render(context)


def test_the_first_day_of_a_month_is_an_ordinal_in_every_date_format():
    first = datetime.date(2026, 12, 1)
    assert _render('{{ d|date:"j F Y" }}', d=first) == "1er décembre 2026"
    assert _render('{{ d|date:"l j F" }}', d=first) == "mardi 1er décembre"
    assert _render("{{ d|date }}", d=first) == "1er décembre 2026"
    assert _render('{{ d|date:"j F" }}', d=datetime.date(2026, 12, 2)) == "2 décembre"
    assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=first) == "01/12/2026"
    with translation.override("en"):
        assert "1er" not in _render('{{ d|date:"j F Y" }}', d=first)


def test_a_datetime_is_read_in_local_time_before_its_day_is_written():
    # 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    assert _render('{{ d|date:"j N Y H:i" }}', d=moment) == "1er déc. 2026 00:30"


def test_abbreviated_months_as_the_french_write_them():
    assert _render('{{ d|date:"j N Y" }}', d=datetime.date(2027, 1, 15)) == "15 janv. 2027"
    assert _render('{{ d|date:"j N Y" }}', d=datetime.date(2027, 2, 15)) == "15 févr. 2027"
    assert _render('{{ d|date:"j N Y" }}', d=datetime.date(2027, 3, 15)) == "15 mars 2027"


def test_an_offer_starting_on_the_first_says_1er_on_its_page(camille_client, pau, camille):
    offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    offer.starts_on = datetime.date(2027, 1, 1)
    offer.save(update_fields=["starts_on"])
    page = camille_client.get(reverse("offers:detail", args=[offer.pk])).text
    assert "1er janvier 2027" in page
