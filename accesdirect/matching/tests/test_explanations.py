"""Every scored pair explains itself in plain French: three parts with a small scale and a
word, a reason each, the priority sentence; never a percentage."""

import pytest

from accesdirect.matching.engine import Explanation, Part
from accesdirect.matching.queries import explain_pair

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("level", "scale", "word"),
    [(3, "●●●", "Très bon"), (2, "●●○", "Bon"), (1, "●○○", "Possible"), (0, "○○○", "Faible")],
)
def test_a_level_is_shown_as_a_scale_and_a_word(level, scale, word):
    part = Part("commute", level, "12 km (portée 35 km)")
    assert (part.scale, part.word, part.label) == (scale, word, "Trajet")


def test_a_pair_explains_its_three_parts(make_person, make_offer, rome, communes, in_pau):
    person = make_person(rome.home_help, commune=communes.nay, driving_licence=True, has_vehicle=True)
    explanation = explain_pair(offer=make_offer(), job_seeker=person).explanation
    assert [(p.label, p.scale, p.word, p.reason) for p in explanation.parts] == [
        ("Métier", "●●○", "Bon", "Métier proche de Aide ménager / ménagère"),
        ("Trajet", "●●○", "Bon", "20 km (portée 35 km)"),
        ("Conditions", "●●●", "Très bon", "Conforme à ses souhaits"),
    ]
    assert explanation.priority == "sans emploi depuis 26 mois, aucune proposition de poste jusqu'ici, au RSA"
    assert explanation.compatible


def test_an_explanation_survives_its_json_snapshot(make_person, make_offer, rome, communes, in_pau):
    person = make_person(rome.cleaner, commune=communes.orthez)
    explanation = explain_pair(offer=make_offer(), job_seeker=person).explanation
    assert not explanation.compatible
    assert Explanation.from_dict(explanation.as_dict()) == explanation


def test_no_explanation_ever_shows_a_percentage(make_person, make_offer, rome, communes, in_pau):
    offer = make_offer()
    for person in [
        make_person((rome.cleaner, True)),
        make_person(rome.laundry_worker),
        make_person(rome.kitchen_hand),
    ]:
        explanation = explain_pair(offer=offer, job_seeker=person).explanation
        assert "%" not in str(explanation.as_dict())
