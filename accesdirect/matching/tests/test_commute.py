"""The commute part: distance between communes × detour factor, against the person's reach
(their own maximum, else by mobility: car 35 km, licence without car 12 km, none 8 km)."""

import pytest

from accesdirect.matching.loader import MatchingContext
from accesdirect.matching.models import MatchingSettings
from accesdirect.matching.queries import explain_pair
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("mobility", "reach"),
    [
        ({"driving_licence": True, "has_vehicle": True}, 35),
        ({"driving_licence": True, "has_vehicle": False}, 12),
        ({"driving_licence": False, "has_vehicle": False}, 8),
        ({"driving_licence": False, "has_vehicle": True}, 8),
    ],
)
def test_the_default_reach_follows_the_mobility(
    mobility, reach, make_person, make_offer, rome, communes, in_pau
):
    person = make_person(rome.cleaner, commune=communes.billere, **mobility)
    part = explain_pair(offer=make_offer(), job_seeker=person).explanation.commute
    assert part.reason == f"3 km (portée {reach} km)"


def test_the_persons_own_maximum_overrides_the_default(make_person, make_offer, rome, communes, in_pau):
    walker = make_person(rome.cleaner, commune=communes.nay, max_commute_km=25)
    driver = make_person(
        rome.cleaner, commune=communes.nay, driving_licence=True, has_vehicle=True, max_commute_km=15
    )
    offer = make_offer()
    assert explain_pair(offer=offer, job_seeker=walker).explanation.commute.reason == "20 km (portée 25 km)"
    assert explain_pair(offer=offer, job_seeker=driver).explanation.filtered == (
        "Trop loin : 20 km pour une portée de 15 km",
    )


@pytest.mark.parametrize(
    ("commune", "level", "word"),
    [("pau", 3, "Très bon"), ("lescar", 3, "Très bon"), ("nay", 2, "Bon"), ("oloron", 1, "Possible")],
)
def test_the_level_is_the_share_of_the_reach_used(
    commune, level, word, make_person, make_offer, rome, communes, in_pau
):
    person = make_person(
        rome.cleaner, commune=getattr(communes, commune), driving_licence=True, has_vehicle=True
    )
    part = explain_pair(offer=make_offer(), job_seeker=person).explanation.commute
    assert (part.level, part.word) == (level, word)


def test_a_nearer_person_ranks_first_at_equal_job(make_person, make_offer, rome, communes, in_pau):
    far = make_person(rome.cleaner, commune=communes.oloron, driving_licence=True, has_vehicle=True)
    near = make_person(rome.cleaner, commune=communes.billere, driving_licence=True, has_vehicle=True)
    offer = make_offer()
    assert explain_pair(offer=offer, job_seeker=near).fit > explain_pair(offer=offer, job_seeker=far).fit


def test_the_detour_factor_and_the_default_reaches_are_structure_settings(
    make_person, make_offer, rome, communes, pau, in_pau
):
    person = make_person(rome.cleaner, commune=communes.lescar)
    offer = make_offer()
    assert not explain_pair(offer=offer, job_seeker=person).compatible  # 9 km for a reach of 8 km
    settings = MatchingSettings.objects.create(structure=pau, detour_factor=1.0, reach_none_km=10)
    pair = explain_pair(
        offer=offer, job_seeker=person, context=MatchingContext(pau, matching_settings=settings)
    )
    assert pair.explanation.commute.reason == "7 km (portée 10 km)"


def test_a_commune_without_coordinates_gives_an_unknown_distance(make_person, make_offer, rome, in_pau):
    nowhere = f.CommuneFactory(insee_code="99999", name="Inconnue", latitude=None, longitude=None)
    person = make_person(rome.cleaner, commune=nowhere)
    pair = explain_pair(offer=make_offer(), job_seeker=person)
    assert pair.compatible
    assert (pair.explanation.commute.level, pair.explanation.commute.reason) == (
        1,
        "Distance inconnue (portée 8 km)",
    )


def test_the_same_commune_is_less_than_a_kilometre(make_person, make_offer, rome, in_pau):
    part = explain_pair(offer=make_offer(), job_seeker=make_person(rome.cleaner)).explanation.commute
    assert part.reason == "Moins de 1 km (portée 8 km)"
