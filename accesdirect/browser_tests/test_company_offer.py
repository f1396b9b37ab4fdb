""" "J'ai une offre" on a phone (390 × 844): a company sends an offer through the public page in
a few fields, then a CRE, signed in, finds it "à confirmer" on Ma journée and confirms it: an
ordinary open offer, captured by them. Screenshots under var/screenshots/."""

import pytest
from django.conf import settings
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.portals.company_access import MIN_FILL
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_a_company_sends_an_offer_and_a_cre_confirms_it(
    browser, live_server, client, pau, camille, dominique, screenshots
):
    job = f.AppellationFactory(label="Serveur / Serveuse en restauration")
    pau_commune = f.CommuneFactory()

    # The company, on its phone, with no account.
    company_side = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = company_side.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + reverse("company_portal:offer_form", args=[pau.slug]))
    page.fill("#id_company_name", "Brasserie du Palais")
    page.fill("#id_contact_name", "Mme Lacoste")
    page.fill("#id_contact_phone", "06 12 34 56 78")
    page.fill("#id_appellation_search", "serveur")
    page.locator("#id_appellation option", has_text="Serveur / Serveuse").wait_for(state="attached")
    page.select_option("#id_appellation", value=str(job.pk))
    page.fill("#id_commune_search", "pau")
    page.locator("#id_commune option", has_text="Pau").wait_for(state="attached")
    page.select_option("#id_commune", value=str(pau_commune.pk))
    page.check("input[name=contract][value=cdi]")
    page.fill("#id_hours_per_week", "35")
    page.fill("#id_description", "Service du midi, du mardi au samedi.")
    form_fits = _fits(page)
    page.screenshot(path=str(screenshots / "company_offer_form_390.png"), full_page=True)
    # A person takes longer than the minimum fill time; this test types faster, so it waits.
    page.wait_for_timeout(MIN_FILL.total_seconds() * 1000)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/offre/merci/**")
    assert "Merci, votre offre est bien reçue" in page.content()
    thanks_fits = _fits(page)
    page.screenshot(path=str(screenshots / "company_offer_thanks_390.png"), full_page=True)
    company_side.close()

    # Camille, signed in on her phone, sees it on Ma journée and confirms it.
    client.force_login(camille)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    cre_side = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    cre_side.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = cre_side.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + reverse("dashboard:home"))
    card = page.locator("section.card", has_text="Offres à confirmer")
    assert "à répartir" in card.inner_text()
    card.get_by_role("link", name="Serveur / Serveuse en restauration").click()
    page.wait_for_load_state("networkidle")
    assert "Mme Lacoste" in page.content()
    offer_fits = _fits(page)
    page.screenshot(path=str(screenshots / "company_offer_to_confirm_390.png"), full_page=True)
    page.get_by_role("button", name="Confirmer l'offre").click()
    page.wait_for_load_state("networkidle")
    assert "L'offre est confirmée" in page.content().replace("&#x27;", "'")
    page.screenshot(path=str(screenshots / "company_offer_confirmed_390.png"), full_page=True)
    cre_side.close()

    assert (form_fits, thanks_fits, offer_fits) == (True, True, True)
    assert errors == []
    # Playwright's event loop switched greenlets: the scope is set again for the check.
    with scopes_disabled():
        offer = Offer.objects.get()
        assert (offer.status, offer.captured_by, offer.company.name) == (
            OfferStatus.OPEN,
            camille,
            "Brasserie du Palais",
        )
        assert Message.objects.filter(
            kind=MessageKind.COMPANY_OFFER_RECEIVED, recipient="+33612345678"
        ).exists()
