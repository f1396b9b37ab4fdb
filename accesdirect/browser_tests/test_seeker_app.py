"""The job seekers' app on a phone (390 × 844): a person signs in with the code the outbox
holds, sees the offers that fit, reserves one in one click and books a slot of its CRE; a second
person, at the same time on another phone, is told the offer is taken. Screenshots under
var/screenshots/."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.models import MeetingSlot, Positioning
from accesdirect.offers.services import slot_publish
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def _sign_in(browser, live_server, phone: str):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + reverse("seeker_app:sign_in"))
    page.fill("input[name=phone]", phone)
    page.click("button[type=submit]")
    page.wait_for_url("**/connexion/code/**")
    with scopes_disabled():
        body = (
            Message.objects.filter(kind=MessageKind.LOGIN_CODE)
            .order_by("-pk")
            .values_list("body", flat=True)[0]
        )
    page.fill("input[name=code]", re.search(r"\b(\d{6})\b", body).group(1))
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + reverse("seeker_app:home"))
    return context, page, errors


def test_a_person_signs_in_reserves_and_books_a_slot_a_second_is_refused(
    browser, live_server, pau, camille, screenshots
):
    job = f.AppellationFactory(label="Agent / Agente de propreté")
    offer = f.OfferFactory(
        structure=pau,
        company__structure=pau,
        captured_by=camille,
        appellation=job,
        commune=pau.commune,
        title="Agent d'entretien",
    )
    for first_name, phone in (("Léa", "+33611111111"), ("Sami", "+33622222222")):
        person = f.JobSeekerFactory(structure=pau, first_name=first_name, phone=phone, commune=pau.commune)
        f.TargetJobFactory(job_seeker=person, appellation=job, commune=pau.commune)
    day = timezone.localdate() + datetime.timedelta(days=3)
    with structure_scope(pau):
        slot = slot_publish(
            structure=pau,
            staff=camille,
            starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            by=camille,
        )

    lea_context, lea, lea_errors = _sign_in(browser, live_server, "06 11 11 11 11")
    sami_context, sami, sami_errors = _sign_in(browser, live_server, "06 22 22 22 22")
    assert "Bonjour Léa" in lea.content()
    # Installable: the service worker of the app is running, over the app's scope.
    scope = lea.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
    assert scope == live_server.url + reverse("seeker_app:home")
    home_fits = _fits(lea)
    lea.screenshot(path=str(screenshots / "app_home_390.png"), full_page=True)

    # Both see the offer; Léa reserves first.
    for page in (lea, sami):
        page.click("text=Voir mes offres")
        page.wait_for_url("**/app/offres/")
    assert "Agent d'entretien" in lea.content()
    offers_fits = _fits(lea)
    lea.screenshot(path=str(screenshots / "app_offers_390.png"), full_page=True)
    lea.click("form[action$='/reserver/'] button")
    lea.wait_for_url("**/app/reservations/**")
    assert "Choisir mon rendez-vous" in lea.content()
    lea.check(f"input[name=slot][value='{slot.pk}']")
    lea.screenshot(path=str(screenshots / "app_reservation_390.png"), full_page=True)
    lea.click("text=Prendre ce rendez-vous")
    lea.wait_for_load_state("networkidle")
    assert "Mon rendez-vous" in lea.content()
    reservation_fits = _fits(lea)

    # Sami's page still shows the offer: his click is refused, in French.
    sami.click("form[action$='/reserver/'] button")
    sami.wait_for_load_state("networkidle")
    assert "vient d'être réservée par quelqu'un d'autre" in sami.content()
    sami.screenshot(path=str(screenshots / "app_offer_taken_390.png"), full_page=True)
    lea_context.close()
    sami_context.close()

    with scopes_disabled():
        [held] = Positioning.objects.filter(offer=offer)
        assert held.status == PositioningStatus.RESERVED and held.job_seeker.first_name == "Léa"
        assert MeetingSlot.objects.get(pk=slot.pk).positioning_id == held.pk
    assert (home_fits, offers_fits, reservation_fits) == (True, True, True)
    assert lea_errors == []
    # The refused click answers 409 (Conflict) on purpose, which Chromium logs; nothing else.
    assert all("409" in error for error in sami_errors), sami_errors
