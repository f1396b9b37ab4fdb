import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.models import Employment, Positioning
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
# Dates within the plausible windows whatever today is: a hire this year, an interview next year.
YEAR = timezone.localdate().year
NEXT_YEAR = YEAR + 1


def test_positioning_a_person_closes_the_offer(camille_client, pau, camille, offer):
    seeker = f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Pujol")
    response = camille_client.post(reverse("offers:position", args=[offer.pk]), {"job_seeker": seeker.pk})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.POSITIONED
    with scopes_disabled():
        positioning = Positioning.objects.get()
    assert positioning.job_seeker == seeker
    assert positioning.presented_by == camille


def test_a_second_person_on_a_positioned_offer_gets_the_french_message_and_nothing_is_created(
    camille_client, pau, offer, position
):
    position(offer)
    second = f.JobSeekerFactory(structure=pau)
    # The page was open before the first positioning: the form is posted anyway.
    response = camille_client.post(reverse("offers:position", args=[offer.pk]), {"job_seeker": second.pk})
    assert response.status_code == 200
    assert "Cette offre est déjà positionnée" in response.text
    with scopes_disabled():
        assert Positioning.objects.count() == 1
        assert not Positioning.objects.filter(job_seeker=second).exists()


def test_a_person_of_another_structure_cannot_be_positioned(camille_client, basque, offer):
    outsider = f.JobSeekerFactory(structure=basque)
    response = camille_client.post(reverse("offers:position", args=[offer.pk]), {"job_seeker": outsider.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text
    with scopes_disabled():
        assert not Positioning.objects.exists()


def test_advancing_a_positioning_step(camille_client, camille, offer, position):
    positioning = position(offer)
    url = reverse("offers:advance", args=[positioning.pk])
    response = camille_client.post(url, {"to_status": "accepted", "note": "Ravie", "interview_at": ""})
    assert response.status_code == 302
    with scopes_disabled():
        positioning.refresh_from_db()
        step = positioning.steps.get(status=PositioningStatus.ACCEPTED)
    assert positioning.status == PositioningStatus.ACCEPTED
    assert step.note == "Ravie"
    assert step.by == camille


def test_scheduling_an_interview_records_its_date(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.ACCEPTED)
    url = reverse("offers:advance", args=[positioning.pk])
    camille_client.post(
        url, {"to_status": "interview_scheduled", "note": "", "interview_at": f"{NEXT_YEAR}-04-02T09:30"}
    )
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.status == PositioningStatus.INTERVIEW_SCHEDULED
    assert positioning.interview_at.isoformat().startswith(f"{NEXT_YEAR}-04-02T07:30")  # 09:30 in Paris


def test_an_interview_without_date_is_refused_keeping_the_note(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.ACCEPTED)
    url = reverse("offers:advance", args=[positioning.pk])
    response = camille_client.post(url, {"to_status": "interview_scheduled", "note": "RDV chez le gérant"})
    assert response.status_code == 200
    assert "Indiquez la date et l&#x27;heure de l&#x27;entretien." in response.text
    assert "RDV chez le gérant" in response.text


def test_an_illegal_step_is_refused_in_french(camille_client, offer, position):
    positioning = position(offer)
    url = reverse("offers:advance", args=[positioning.pk])
    response = camille_client.post(url, {"to_status": "interview_held"})
    assert "ne peut pas passer de « Proposée » à « Entretien passé »" in response.text
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.status == PositioningStatus.PROPOSED


def test_not_retained_reopens_the_offer_and_a_second_person_can_be_positioned(
    camille_client, pau, offer, position
):
    first = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    camille_client.post(reverse("offers:advance", args=[first.pk]), {"to_status": "not_retained"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    second = f.JobSeekerFactory(structure=pau)
    response = camille_client.post(reverse("offers:position", args=[offer.pk]), {"job_seeker": second.pk})
    assert response.status_code == 302
    with scopes_disabled():
        assert Positioning.objects.get(status=PositioningStatus.PROPOSED).job_seeker == second


def test_the_hire_button_leads_to_the_employment_form(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    response = camille_client.post(reverse("offers:advance", args=[positioning.pk]), {"to_status": "hired"})
    assert response.url == reverse("offers:employment_record", args=[positioning.pk])


def test_recording_the_hire_fills_the_offer_and_plans_the_follow_ups(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    url = reverse("offers:employment_record", args=[positioning.pk])
    page = camille_client.get(url).text
    assert '<option value="cdi" selected>' in page  # the offer's terms, to confirm
    data = {
        "contract": "cdd",
        "starts_on": f"{YEAR}-02-01",
        "ends_on": f"{YEAR}-09-30",
        "hours_per_week": "30",
    }
    response = camille_client.post(url, data)
    with scopes_disabled():
        employment = Employment.objects.get()
        positioning.refresh_from_db()
        seeker = positioning.job_seeker
        assert employment.follow_ups.count() == 6
    assert response.url == reverse("offers:employment_detail", args=[employment.pk])
    assert positioning.status == PositioningStatus.HIRED
    assert employment.is_durable  # CDD of 8 months
    assert seeker.status == SeekerStatus.ACTIVE
    offer.refresh_from_db()
    assert offer.status == OfferStatus.FILLED
    # Coming back to the form shows the recorded employment.
    assert camille_client.get(url).url == reverse("offers:employment_detail", args=[employment.pk])


def test_a_hire_in_cdd_without_end_is_refused_keeping_the_input(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    url = reverse("offers:employment_record", args=[positioning.pk])
    data = {"contract": "cdd", "starts_on": f"{YEAR}-02-01", "ends_on": "", "hours_per_week": "30"}
    response = camille_client.post(url, data)
    assert response.status_code == 200
    assert "Un CDD a une date de fin" in response.text
    assert f'value="{YEAR}-02-01"' in response.text
    with scopes_disabled():
        positioning.refresh_from_db()
        assert not Employment.objects.exists()
    assert positioning.status == PositioningStatus.INTERVIEW_HELD


def test_the_hire_before_the_interview_is_refused(camille_client, offer, position):
    positioning = position(offer)
    url = reverse("offers:employment_record", args=[positioning.pk])
    response = camille_client.post(url, {"contract": "cdi", "starts_on": f"{YEAR}-02-01"})
    assert "ne peut pas passer de « Proposée » à « Embauché·e »" in response.text


def test_moving_the_interview(camille_client, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_SCHEDULED)
    url = reverse("offers:interview_reschedule", args=[positioning.pk])
    response = camille_client.post(url, {"interview_at": f"{NEXT_YEAR}-05-10T14:00"})
    assert response.status_code == 302
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.interview_at.isoformat().startswith(f"{NEXT_YEAR}-05-10T12:00")


def test_handing_the_presentation_to_a_colleague(camille_client, dominique, offer, position):
    positioning = position(offer)
    response = camille_client.post(
        reverse("offers:reassign", args=[positioning.pk]), {"presented_by": dominique.pk}
    )
    assert response.status_code == 302
    with scopes_disabled():
        positioning.refresh_from_db()
    assert positioning.presented_by == dominique


def test_the_presentation_cannot_be_handed_outside_the_team(camille_client, bixente, offer, position):
    positioning = position(offer)
    response = camille_client.post(
        reverse("offers:reassign", args=[positioning.pk]), {"presented_by": bixente.pk}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text
