"""The job part: done > target > close job (ROME mobility) > same historical fiche > same
domaine > excluded, each with its plain reason."""

import random

import numpy as np
import pytest

from accesdirect.matching.engine import JobLevel
from accesdirect.matching.engine.scoring import job_levels_for_person
from accesdirect.matching.loader import MatchingContext
from accesdirect.matching.queries import explain_pair, rank_candidates

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder(make_person, rome):
    """One person per job level for an offer of "Agent / Agente de nettoyage de locaux"."""
    return {
        "done": make_person((rome.cleaner, True)),
        "target": make_person(rome.cleaner),
        "close": make_person(rome.home_help),
        "same_parent": make_person(rome.street_cleaner),
        "same_domaine": make_person(rome.laundry_worker),
        "unrelated": make_person(rome.kitchen_hand),
    }


def test_people_are_ranked_by_how_their_target_jobs_relate_to_the_offer(ladder, make_offer, in_pau):
    ranked = rank_candidates(make_offer())
    names = {person.pk: name for name, person in ladder.items()}
    assert [names[pair.job_seeker_id] for pair in ranked] == [
        "done",
        "target",
        "close",
        "same_parent",
        "same_domaine",
    ]
    fits = [pair.fit for pair in ranked]
    assert fits == sorted(fits, reverse=True) and len(set(fits)) == 5


def test_each_job_level_has_its_reason_scale_and_word(ladder, make_offer, in_pau):
    offer = make_offer()
    parts = {
        name: explain_pair(offer=offer, job_seeker=person).explanation.job for name, person in ladder.items()
    }
    assert {name: (part.reason, part.scale, part.word) for name, part in parts.items()} == {
        "done": ("A déjà exercé ce métier", "●●●", "Très bon"),
        "target": ("Poste visé", "●●●", "Très bon"),
        "close": ("Métier proche de Aide ménager / ménagère", "●●○", "Bon"),
        "same_parent": ("Même fiche historique que Agent / Agente de propreté urbaine", "●○○", "Possible"),
        "same_domaine": ("Même domaine professionnel : Nettoyage et propreté industriels", "●○○", "Possible"),
        "unrelated": ("Métier sans lien avec ses postes visés", "○○○", "Faible"),
    }


def test_another_appellation_of_the_same_fiche_counts_as_the_target_job(
    make_person, make_offer, rome, in_pau
):
    person = make_person(rome.window_cleaner)
    part = explain_pair(offer=make_offer(), job_seeker=person).explanation.job
    assert part.reason == "Poste visé « Laveur / Laveuse de vitres », même fiche ROME"
    assert part.level == 3


def test_the_best_of_several_target_jobs_counts(make_person, make_offer, rome, in_pau):
    person = make_person(rome.kitchen_hand, rome.laundry_worker, rome.home_help)
    part = explain_pair(offer=make_offer(), job_seeker=person).explanation.job
    assert part.reason == "Métier proche de Aide ménager / ménagère"


def test_a_mobility_link_goes_one_way(make_person, make_offer, rome, in_pau):
    """K1304 → K2204 is a ROME link: a home help may move to cleaning, not the reverse."""
    cleaner = make_person(rome.cleaner)
    pair = explain_pair(offer=make_offer(rome.home_help), job_seeker=cleaner)
    assert not pair.compatible
    assert pair.explanation.filtered == ("Métier sans lien avec ses postes visés",)


def test_vectorised_levels_follow_the_reference_rule_both_ways(make_person, make_offer, rome, pau, in_pau):
    rng = random.Random(7)
    appellations = list(vars(rome).values())
    people = [
        make_person(*[(a, rng.random() < 0.4) for a in rng.sample(appellations, rng.randint(1, 3))])
        for _ in range(30)
    ]
    offers = [make_offer(appellation) for appellation in appellations]
    context = MatchingContext(pau)
    pool, graph = context.people, context.graph
    for offer_index in range(context.offers.size):
        fiche = int(context.offers.fiche[offer_index])
        candidates, levels = pool.levels_for_fiche(fiche)
        by_person = dict(zip(candidates.tolist(), levels.tolist(), strict=True))
        for i in range(pool.size):
            expected = max(
                (graph.level(f, done, fiche) for _a, f, done, _c in pool.targets(i)), default=JobLevel.NONE
            )
            assert by_person.get(i, 0) == expected
            assert job_levels_for_person(pool, i, context.offers)[offer_index] == expected
    assert len(people) == pool.size and len(offers) == context.offers.size
    assert np.all(pool.ids[:-1] < pool.ids[1:])
