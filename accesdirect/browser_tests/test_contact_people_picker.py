"""The company contact form's people picker in a real browser: two people found by name one
after the other, both kept, both recorded; the page never lists the whole file."""

import pytest
from django.conf import settings
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.companies.models import CompanyContact
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)], ids=["desk", "phone"])
def test_two_people_picked_by_search_are_both_recorded(
    browser, live_server, client, camille, pau, screenshots, viewport
):
    company = f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")
    lea = f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Bordenave")
    sami = f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Haddad")
    for index in range(20):
        f.JobSeekerFactory(structure=pau, first_name=f"Autre{index}", last_name="Personne")
    client.force_login(camille)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + reverse("companies:contact_log", args=[company.pk]))
    assert page.locator("#id_job_seekers option").count() == 0

    search = page.locator("#id_job_seekers_search")
    search.fill("borde")
    page.locator("#id_job_seekers option", has_text="Léa Bordenave").wait_for()
    page.select_option("#id_job_seekers", [str(lea.pk)])
    search.fill("hadd")
    page.locator("#id_job_seekers option", has_text="Sami Haddad").wait_for()
    # Léa, picked before the second search, is still there and still selected.
    selected = page.eval_on_selector("#id_job_seekers", "s => [...s.selectedOptions].map(o => o.value)")
    assert selected == [str(lea.pk)]
    page.locator("#id_job_seekers").evaluate(
        "(s, pk) => { for (const o of s.options) if (o.value === pk) o.selected = true; }", str(sami.pk)
    )
    page.check("input[name=kind][value=visit]")
    page.select_option("#id_outcome", index=1)
    page.screenshot(path=str(screenshots / f"contact_people_{viewport[0]}.png"), full_page=True)
    extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.locator("form button[type=submit].primary").first.click()
    page.wait_for_load_state("networkidle")
    context.close()

    assert extra <= 0
    # Playwright's event loop switched greenlets: the scope is set again for the check.
    with scopes_disabled():
        contact = CompanyContact.objects.get()
        assert set(contact.job_seekers.values_list("pk", flat=True)) == {lea.pk, sami.pk}
