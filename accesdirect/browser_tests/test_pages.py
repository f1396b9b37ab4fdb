"""The main pages at desk (1366 px) and phone (390 px) width: they load, show no console error
and never scroll sideways. Screenshots go to var/screenshots/ for a human look."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.calendar import add_months
from accesdirect.core.scope import structure_scope
from accesdirect.offers.services import employment_declare, job_follow_up_record, positioning_create
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def pages(pau, camille):
    """A person accompanied, in a short job and positioned on an offer, and the pages to see."""
    seeker = f.JobSeekerFactory(
        structure=pau,
        first_name="Éléonore",
        last_name="Castagnet-Lassalle",
        email="eleonore.castagnet-lassalle.tres-longue-adresse@exemple-de-messagerie.fr",
    )
    for _ in range(3):
        f.TargetJobFactory(job_seeker=seeker)
    # A prescriber's full name, as long as real ones: the results' filter lists it.
    f.PrescriberOrganisationFactory(
        structure=pau,
        name="Département des Pyrénées-Atlantiques — Direction de la solidarité et de l'insertion, pôle RSA",
    )
    offer = f.OfferFactory(
        structure=pau, company__structure=pau, captured_by=camille, title="Agent d'entretien"
    )
    with structure_scope(pau):
        positioning_create(offer=offer, job_seeker=seeker, by=camille)
        employment = employment_declare(
            job_seeker=seeker,
            by=camille,
            contract="interim",
            starts_on=timezone.localdate() - datetime.timedelta(days=3),
            ends_on=timezone.localdate() + datetime.timedelta(days=10),
            hours_per_week=35,
            employer_name="Intérim Béarn Services",
            job_title="Manutentionnaire",
        )
        _followed_for_years(pau, camille)
    return {
        "home": reverse("dashboard:home"),
        "people": reverse("seekers:list"),
        "person": reverse("seekers:detail", args=[seeker.pk]),
        "offers": reverse("offers:list"),
        "offer": reverse("offers:detail", args=[offer.pk]),
        "company": reverse("companies:detail", args=[offer.company_id]),
        "employment": reverse("offers:employment_detail", args=[employment.pk]),
        "board": reverse("matching:board"),
        "results": reverse("reporting:results"),
        "savings": reverse("reporting:savings"),
        "survival": reverse("reporting:survival"),
    }


def _followed_for_years(pau, camille):
    """People whose first job started two to four years ago, followed since: survival curves."""
    today = timezone.localdate()
    for index in range(12):
        starts_on = add_months(today, -50 + 12 * (index % 3))
        job = employment_declare(
            job_seeker=f.JobSeekerFactory(structure=pau),
            by=camille,
            contract="cdi",
            starts_on=starts_on,
            ends_on=None,
            hours_per_week=35,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )
        for months in (6, 12, 24, 48):
            follow_up = job.follow_ups.filter(due_on=add_months(starts_on, months)).first()
            if follow_up is None or follow_up.due_on > today:
                break
            still = (index + months) % 7 != 0
            job_follow_up_record(
                follow_up=follow_up,
                by=camille,
                done_on=today,
                going_well=still,
                notes="",
                still_employed=still,
                same_employer=(index % 3 != 1) if still else None,
            )
            if not still:
                break


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_main_pages_fit_the_screen(browser, live_server, client, camille, pages, screenshots, width):
    client.force_login(camille)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    overflowing, cut_titles = {}, {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(screenshots / f"{name}_{width}.png"), full_page=True)
        extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if extra > 0:
            overflowing[name] = extra
        # A wide table scrolls inside its card; its title stays readable without scrolling.
        cut = page.evaluate(
            "[...document.querySelectorAll('.table-scroll caption')]"
            ".filter(c => c.getBoundingClientRect().right > document.documentElement.clientWidth)"
            ".map(c => c.textContent.trim())"
        )
        if cut:
            cut_titles[name] = cut
    context.close()

    assert overflowing == {}, f"pages scrolling sideways at {width} width (px): {overflowing}"
    assert cut_titles == {}, f"table titles cut at {width} width: {cut_titles}"
    assert errors == []


def test_the_directions_longer_menu_fits_a_phone(browser, live_server, client, dominique, pages):
    """The direction's menu has one more link (the structure's settings): it wraps on a phone."""
    client.force_login(dominique)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS["phone"], strict=True)))
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    overflowing = {}
    for name in ("company", "offer"):
        assert page.goto(live_server.url + pages[name]).status == 200
        extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if extra > 0:
            overflowing[name] = extra
    context.close()
    assert overflowing == {}
