import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.offers.services import positioning_create
from accesdirect.seekers.models import Appointment
from accesdirect.testing import factories as f
from accesdirect.testing.clock import PARIS_TUESDAY_0030, SERVER_ZONES, frozen_now, server_time_zone

pytestmark = pytest.mark.django_db


def _busy_day(structure, cre, count):
    today_10h = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    for index in range(count):
        seeker = f.JobSeekerFactory(structure=structure)
        Appointment.objects.create(
            structure=structure, job_seeker=seeker, staff=cre, starts_at=today_10h, purpose=f"Point {index}"
        )
        contact = f.CompanyContactFactory(
            company__structure=structure,
            by=cre,
            next_follow_up_on=timezone.localdate() - datetime.timedelta(days=1),
        )
        offer = f.OfferFactory(structure=structure, company=contact.company, captured_by=cre)
        with structure_scope(structure):
            positioning_create(offer=offer, job_seeker=seeker, by=cre)


def test_the_home_page_shows_the_days_work(camille_client, pau, camille):
    _busy_day(pau, camille, 2)
    response = camille_client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Point 0" in page
    assert "Relances entreprises" in page
    assert "Agent d&#x27;entretien" in page


def test_the_home_page_makes_a_bounded_number_of_queries(
    camille_client, pau, camille, django_assert_max_num_queries
):
    _busy_day(pau, camille, 3)
    with django_assert_max_num_queries(15) as few:
        camille_client.get("/")
    _busy_day(pau, camille, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        camille_client.get("/")


def test_a_follow_up_done_by_a_later_contact_disappears(camille_client, pau, camille):
    contact = f.CompanyContactFactory(
        company__structure=pau,
        company__name="Boulangerie Larrieu",
        by=camille,
        occurred_at=timezone.now() - datetime.timedelta(days=10),
        next_follow_up_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    assert "Boulangerie Larrieu" in camille_client.get("/").content.decode()
    f.CompanyContactFactory(company=contact.company, by=camille, occurred_at=timezone.now())
    assert "Boulangerie Larrieu" not in camille_client.get("/").content.decode()


@pytest.mark.parametrize("zone", SERVER_ZONES)
def test_the_home_page_shows_the_day_in_paris_whatever_the_servers_zone(
    client, pau, camille, monkeypatch, zone
):
    # At 00:30 in Paris on Tuesday 16 March, a server in UTC or in California is still on Monday.
    seeker = f.JobSeekerFactory(structure=pau)
    paris = PARIS_TUESDAY_0030.astimezone(timezone.get_default_timezone())
    for purpose, starts_at in [
        ("Point juste après minuit", paris.replace(hour=0, minute=45)),
        ("Point de la veille au soir", paris.replace(day=15, hour=23, minute=15)),
    ]:
        Appointment.objects.create(
            structure=pau, job_seeker=seeker, staff=camille, starts_at=starts_at, purpose=purpose
        )
    frozen_now(monkeypatch, PARIS_TUESDAY_0030)
    client.force_login(camille)
    with server_time_zone(zone):
        page = client.get("/").content.decode()
    assert "mardi 16 mars 2027" in page
    assert "Point juste après minuit" in page
    assert "Point de la veille au soir" not in page


def _periods_ending(structure, signed_by, count):
    today = timezone.localdate()
    for index in range(count):
        f.EngagementPeriodFactory(
            job_seeker=f.JobSeekerFactory(structure=structure, last_name=f"Fin{index:02d}"),
            starts_on=today - datetime.timedelta(days=40),
            ends_on=today + datetime.timedelta(days=3),
            status="active",
            signed_on=today - datetime.timedelta(days=40),
            signed_by=signed_by,
        )


def test_the_pers_to_renew_show_their_total_the_cres_own_first_and_a_link_to_all(
    camille_client, pau, camille, dominique
):
    _periods_ending(pau, dominique, 22)
    f.EngagementPeriodFactory(
        job_seeker=f.JobSeekerFactory(structure=pau, last_name="Camille-Signed"),
        starts_on=timezone.localdate() - datetime.timedelta(days=40),
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
        status="active",
        signed_on=timezone.localdate() - datetime.timedelta(days=40),
        signed_by=camille,
    )

    page = camille_client.get("/").content.decode()

    section = page[page.index("PER à renouveler") :]
    assert '<span class="badge">23</span>' in section
    assert section.index("Camille-Signed") < section.index("Fin00")
    assert "Voir les 23 PER" in section
    f.JobSeekerFactory(structure=pau, last_name="Sans-PER")
    listed = camille_client.get("/chercheurs/?period_ending_days=14").content.decode()
    assert "23 personnes" in listed
    assert "Sans-PER" not in listed
