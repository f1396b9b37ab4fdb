"""Under the Content-Security-Policy (core/headers.py), the pages that run the most scripts
still work in a real browser, with no violation reported: the API documentation (Swagger UI,
from our own static files), the admin, the Monday board and the one-time codes' enrolment."""

import pytest
from django.conf import settings
from django.urls import reverse

from accesdirect.accounts.testing import sign_in_without_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(browser, live_server, client=None):
    context = browser.new_context()
    if client is not None:
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    violations, foreign = [], []
    # Chromium reports every blocked script, style or request as a console error naming the policy.
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.on("request", lambda request: request.url.startswith(live_server.url) or foreign.append(request.url))
    return context, page, violations, foreign


def test_the_api_documentation_renders_from_our_own_files(browser, live_server):
    context, page, violations, foreign = _open(browser, live_server)
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Accès Direct API" in page.inner_text(".swagger-ui .info .title")
    context.close()
    assert violations == []
    assert foreign == []


def test_the_admin_and_the_board_run_without_violations(browser, live_server, client, dominique):
    client.force_login(dominique)
    context, page, violations, foreign = _open(browser, live_server, client)
    for url in (
        reverse("admin:index"),
        reverse("admin:structures_membership_add"),
        reverse("matching:board"),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    context.close()
    assert violations == []
    assert foreign == []


def test_the_enrolment_page_draws_its_qr_code_in_the_page(
    browser, live_server, client, dominique, screenshots
):
    sign_in_without_code(client, dominique)
    context, page, violations, foreign = _open(browser, live_server, client)
    page.goto(live_server.url + reverse("dashboard:home"))  # held at the one-time code...
    assert page.url.startswith(live_server.url + reverse("accounts:enrol"))  # ...which sends to the enrolment
    box = page.locator(".qr-code svg").bounding_box()
    assert box is not None and box["width"] >= 150
    page.screenshot(path=str(screenshots / "enrolment.png"), full_page=True)
    context.close()
    assert violations == []
    assert foreign == []
