import pytest
from django.utils import timezone

from accesdirect.core.errors import DomainError
from accesdirect.seekers.enums import JournalKind, Programme, SeekerStatus
from accesdirect.seekers.models import JobSeeker, Referral
from accesdirect.seekers.services import job_seeker_update, referral_create
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _refer(pau, organisation, camille, today, **fields):
    return referral_create(
        structure=pau,
        organisation=organisation,
        programme=Programme.PLIE,
        referred_on=today,
        by=camille,
        first_name="Nadia",
        last_name="Benali",
        commune=f.CommuneFactory(),
        **fields,
    )


def test_a_referral_creates_the_person_waiting_for_intake(pau, organisation, camille, today, in_pau):
    referral = _refer(
        pau, organisation, camille, today, phone="06 12 34 56 78", prescriber_name="M. Lamarque"
    )

    seeker = referral.job_seeker
    assert seeker.status == SeekerStatus.REFERRED
    assert seeker.structure_id == pau.pk
    assert seeker.programme == Programme.PLIE
    assert seeker.phone == "+33612345678"
    assert referral.organisation == organisation
    assert referral.referred_on == today
    assert referral.accepted_on == today
    entry = seeker.journal.get()
    assert entry.kind == JournalKind.REFERRAL
    assert organisation.name in entry.rendered


def test_every_referred_person_is_taken_whatever_their_profile(pau, organisation, camille, today, in_pau):
    _refer(pau, organisation, camille, today)
    _refer(pau, organisation, camille, today, driving_licence=False, education_level="none")

    assert JobSeeker.objects.count() == 2
    assert Referral.objects.count() == 2


def test_a_referral_with_a_landline_is_refused_and_nothing_is_saved(
    pau, organisation, camille, today, in_pau
):
    with pytest.raises(DomainError, match="pas un mobile"):
        _refer(pau, organisation, camille, today, phone="05 59 12 34 56")

    assert not JobSeeker.objects.exists()


def test_a_referral_accepts_an_overseas_mobile(pau, organisation, camille, today, in_pau):
    referral = _refer(pau, organisation, camille, today, phone="+262 692 12 34 56")

    assert referral.job_seeker.phone == "+262692123456"


def test_a_prescriber_of_another_structure_is_refused(pau, basque, camille, today, in_pau):
    outsider = f.PrescriberOrganisationFactory(structure=basque)

    with pytest.raises(DomainError, match="ne travaille pas avec cette structure"):
        _refer(pau, outsider, camille, today)


def test_editing_a_person_writes_only_the_changed_fields(accompanied, camille, in_pau):
    other_copy = JobSeeker.objects.get(pk=accompanied.pk)
    other_copy.wishes = "Travailler le matin"
    other_copy.save(update_fields=["wishes"])

    job_seeker_update(
        job_seeker=accompanied, changes={"phone": "0781234567", "has_vehicle": True}, by=camille
    )

    accompanied.refresh_from_db()
    assert accompanied.phone == "+33781234567"
    assert accompanied.has_vehicle is True
    assert accompanied.wishes == "Travailler le matin"


def test_editing_a_person_with_a_landline_is_refused(accompanied, camille, in_pau):
    with pytest.raises(DomainError, match="pas un mobile"):
        job_seeker_update(job_seeker=accompanied, changes={"phone": "+33 5 59 12 34 56"}, by=camille)


def test_a_new_file_needs_a_name_and_a_commune(pau, organisation, camille, in_pau):
    with pytest.raises(DomainError, match="prénom, le nom et la commune"):
        referral_create(
            structure=pau,
            organisation=organisation,
            programme=Programme.RSA,
            referred_on=timezone.localdate(),
            by=camille,
            first_name="Léa",
            last_name="",
            commune=None,
        )
