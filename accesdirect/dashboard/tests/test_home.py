import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.offers.services import positioning_create
from accesdirect.seekers.models import Appointment
from accesdirect.testing import factories as f

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
