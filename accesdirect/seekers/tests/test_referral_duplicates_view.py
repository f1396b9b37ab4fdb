"""One person, one file: referring a person already on file offers their file (a re-entry)
instead of opening a second one, unless the CRE says it is another person."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.seekers.enums import ExitReason, PeriodStatus, SeekerStatus
from accesdirect.seekers.models import JobSeeker, Referral
from accesdirect.testing import factories as f

from . import factories as sf

pytestmark = pytest.mark.django_db
URL = reverse("seekers:referral_create")


def _data(organisation, **overrides):
    return {
        "organisation": organisation.pk,
        "prescriber_name": "Mme Lamarque",
        "programme": "plie",
        "referred_on": "2026-01-12",
        "first_name": "Hélène",
        "last_name": "DUPONT",
        "birth_date": "1985-04-02",
        "phone": "06 99 88 77 66",
        "commune": f.CommuneFactory().pk,
        "availability": "immediate",
        "education_level": "none",
        "wishes": "Travailler en cuisine",
        **overrides,
    }


@pytest.fixture
def helene(pau, organisation, camille):
    """Hélène Dupont was accompanied last year, then left: her file holds her history."""
    seeker = f.JobSeekerFactory(
        structure=pau,
        first_name="helene",
        last_name="dupont",
        birth_date=datetime.date(1985, 4, 2),
        phone="+33612345678",
        status=SeekerStatus.LEFT,
        exit_reason=ExitReason.MOVED,
        exited_on=datetime.date(2025, 6, 30),
    )
    sf.ReferralFactory(job_seeker=seeker, organisation=organisation, referred_on=datetime.date(2024, 9, 1))
    sf.JournalEntryFactory(job_seeker=seeker, text="Premier accompagnement.")
    f.EngagementPeriodFactory(
        job_seeker=seeker,
        starts_on=datetime.date(2024, 10, 1),
        ends_on=datetime.date(2024, 11, 30),
        status=PeriodStatus.ENDED,
        signed_on=datetime.date(2024, 10, 1),
        ended_on=datetime.date(2024, 11, 30),
        end_reason="term",
    )
    return seeker


def _people():
    with scopes_disabled():
        return list(JobSeeker.objects.order_by("pk"))


def test_the_same_mobile_offers_the_existing_file_and_keeps_the_input(camille_client, organisation, helene):
    response = camille_client.post(URL, _data(organisation, first_name="Nadia", phone="06 12 34 56 78"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Cette personne a peut-être déjà un dossier" in content
    assert reverse("seekers:detail", args=[helene.pk]) in content
    assert "02/04/1985" in content
    assert "Sorti·e" in content
    assert f'name="existing" value="{helene.pk}"' in content
    assert 'name="new_file" value="1"' in content
    # What the CRE typed is still in the form, re-posted by either button.
    assert 'value="Nadia"' in content
    assert "Travailler en cuisine" in content
    assert _people() == [helene]


def test_the_same_name_and_birth_date_accents_and_case_folded_offer_the_existing_file(
    camille_client, organisation, helene
):
    # "Hélène DUPONT" typed, "helene dupont" on file, another mobile.
    response = camille_client.post(URL, _data(organisation))

    assert f'name="existing" value="{helene.pk}"' in response.content.decode()
    assert _people() == [helene]


def test_taking_up_the_file_of_a_person_who_had_left_re_enters_them_with_their_history(
    camille_client, organisation, helene
):
    response = camille_client.post(URL, {**_data(organisation), "existing": helene.pk}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("seekers:detail", args=[helene.pk])
    assert "Prescription ajoutée au dossier de helene dupont" in response.content.decode()
    assert _people() == [helene]
    with scopes_disabled():
        helene.refresh_from_db()
        assert helene.status == SeekerStatus.REFERRED
        assert (helene.exit_reason, helene.exited_on) == ("", None)
        assert helene.referrals.count() == 2
        assert helene.periods.count() == 1
        assert helene.journal.filter(text="Premier accompagnement.").exists()
        assert helene.journal.filter(event="seekers.reentered").exists()
        assert helene.cycle == 2


def test_another_person_gets_a_new_file_when_the_cre_says_so(camille_client, organisation, helene):
    response = camille_client.post(URL, {**_data(organisation), "new_file": "1"})

    people = _people()
    assert len(people) == 2
    new = people[-1]
    assert response.url == reverse("seekers:detail", args=[new.pk])
    assert (new.first_name, new.last_name, new.status) == ("Hélène", "DUPONT", SeekerStatus.REFERRED)
    with scopes_disabled():
        assert Referral.objects.filter(job_seeker=helene).count() == 1


def test_a_file_of_another_structure_cannot_be_taken_up(camille_client, organisation, basque):
    elsewhere = f.JobSeekerFactory(structure=basque)

    response = camille_client.post(URL, {**_data(organisation), "existing": elsewhere.pk})

    assert response.status_code == 404
    with scopes_disabled():
        assert not Referral.objects.exists()


def test_a_person_with_no_file_is_referred_at_once(camille_client, organisation, helene):
    response = camille_client.post(URL, _data(organisation, first_name="Nadia", phone="06 55 44 33 22"))

    assert response.status_code == 302
    assert len(_people()) == 2
