"""Every paginated list of the site answers any page number with a page: past the last one (a
20-digit number, a negative one) the last page, for anything else the first; never a 500."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accesdirect.core.pagination import paginate

PAGE_NUMBERS = ["9999999999999999999", "-1", "0", "abc", "²", "1.5", "1e400", ""]


@pytest.mark.parametrize(
    ("raw", "number"), [("9999999999999999999", 3), ("-1", 3), ("abc", 1), ("²", 1), ("", 1)]
)
def test_a_page_number_out_of_range_gives_the_last_or_the_first_page(raw, number):
    request = RequestFactory().get("/", {"page": raw})
    assert paginate(request, list(range(60)), per_page=25).number == number


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["seekers:list", "companies:list", "offers:list", "outbox:list", "audit:trail", "matching:board"]
)
def test_every_list_page_answers_any_page_number(dominique, client, name):
    client.force_login(dominique)
    for raw in PAGE_NUMBERS:
        assert client.get(reverse(name), {"page": raw}).status_code == 200, raw
