"""Matching figures on a synthetic territory (bench/synthetic.py): one JSON line per figure.

    python bench/bench_matching.py                      # every size
    python bench/bench_matching.py structure large      # some sizes: structure network stress large
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accesdirect_bench python bench/bench_matching.py

Figures (median and 95th percentile of one run, on this machine):
- rank: rank every active person of a structure for one offer (scoring, filters, order, the
  explanations of the 20 shown), the pool already loaded; numpy_floor_ms is a bare numpy
  scoring of the same pairs (distance, reach, fit, top 20) on precomputed arrays, the floor;
  load_ms is the loading of the pool from the database, once per page or run.
- assign: the weekly assignment (exact, one-to-one) with its explanations and alternatives.
- quality: the assignment against a greedy baseline on the same pairs (offers oldest first,
  each takes its best remaining candidate): proposals, share going to people out of work for
  24 months or more, mean fit (points), offers left without a candidate.
Targets: rank p50 <= 10 ms at 1,300 people and <= 300 ms at 100,000; assign <= 1 s at
1,300 × 400 and <= 10 s at 10,000 × 5,000.

Run time on a 2-core machine, generation included: structure ~10 s, large ~15 s, stress
~35 s, network ~65 s (about 2 minutes in all).
"""

import json
import random
import sys
import time

import numpy as np
from _setup import django_with_fresh_database

RANKED_OFFERS = 200
SHOWN = 20


def emit(**figures) -> None:
    print(json.dumps(figures), flush=True)


def _ms(values) -> tuple[float, float]:
    return round(float(np.percentile(values, 50)), 2), round(float(np.percentile(values, 95)), 2)


def load_context(structure):
    from accesdirect.matching.loader import MatchingContext

    started = time.perf_counter()
    context = MatchingContext(structure)
    context.people, context.offers, context.refusals  # noqa: B018 (load now, to time it)
    return context, (time.perf_counter() - started) * 1000


def rank_timings(context, offer_ids, rng):
    """(rank ms, numpy floor ms) per offer, the per-fiche cache emptied before each."""
    from accesdirect.matching.engine.scoring import distances_km
    from accesdirect.matching.queries import rank_candidates
    from accesdirect.offers.models import Offer

    people, offers, weights = context.people, context.offers, context.weights
    chosen = rng.sample(offer_ids, min(RANKED_OFFERS, len(offer_ids)))
    instances = Offer.objects.in_bulk(chosen)
    ranks, floors = [], []
    spread = float(people.priority.max(initial=0)) + 1
    for offer_id in chosen:
        people._levels_by_fiche.clear()
        started = time.perf_counter()
        rank_candidates(instances[offer_id], limit=SHOWN, context=context)
        ranks.append((time.perf_counter() - started) * 1000)

        j = int(offers.index_of([offer_id])[0])
        candidates, levels = people.levels_for_fiche(int(offers.fiche[j]))
        dense = np.zeros(people.size, dtype=np.int16)
        dense[candidates] = levels
        started = time.perf_counter()
        distance = distances_km(
            people.lat, people.lon, offers.lat[j], offers.lon[j], detour_factor=weights.detour_factor
        )
        ok = (distance <= people.reach_km) & (dense > 0)
        fit = weights.job * dense + weights.commute * np.where(distance <= people.reach_km / 3, 3, 2)
        key = np.where(ok, fit * spread + people.priority, -1.0)
        np.argpartition(-key, SHOWN)[:SHOWN]
        floors.append((time.perf_counter() - started) * 1000)
    return ranks, floors


def bench_rank(size_name, structure, rng):
    from accesdirect.core.scope import structure_scope

    with structure_scope(structure):
        context, load_ms = load_context(structure)
        ranks, floors = rank_timings(context, context.offers.ids.tolist(), rng)
    p50, p95 = _ms(ranks)
    emit(
        bench="rank",
        size=size_name,
        people=context.people.size,
        offers_ranked=len(ranks),
        p50_ms=p50,
        p95_ms=p95,
        numpy_floor_ms=_ms(floors)[0],
        load_ms=round(load_ms, 1),
    )
    return context


def bench_network_rank(size_name, structures, rng):
    from accesdirect.core.scope import structure_scope

    ranks, floors, loads, people = [], [], [], 0
    for structure in structures:
        with structure_scope(structure):
            context, load_ms = load_context(structure)
            offer_ids = context.offers.ids.tolist()
            structure_ranks, structure_floors = rank_timings(context, rng.sample(offer_ids, 20), rng)
        ranks += structure_ranks
        floors += structure_floors
        loads.append(load_ms)
        people += context.people.size
    p50, p95 = _ms(ranks)
    emit(
        bench="rank",
        size=size_name,
        structures=len(structures),
        people=people,
        people_per_structure=round(people / len(structures)),
        offers_ranked=len(ranks),
        p50_ms=p50,
        p95_ms=p95,
        numpy_floor_ms=_ms(floors)[0],
        load_ms_p50=_ms(loads)[0],
        load_ms_p95=_ms(loads)[1],
    )


def bench_assign(size_name, structure, context):
    from accesdirect.core.scope import structure_scope
    from accesdirect.matching.engine import assignment_solve

    with structure_scope(structure):
        results = {}
        for method in ("optimal", "greedy"):
            results[method] = assignment_solve(
                context.people,
                context.offers,
                weights=context.weights,
                refusals=context.refusals,
                method=method,
            )
    optimal = results["optimal"]
    emit(
        bench="assign",
        size=size_name,
        people=optimal.people_count,
        offers=optimal.offers_count,
        feasible_pairs=optimal.feasible_pairs,
        proposals=len(optimal.proposals),
        seconds=round(optimal.seconds, 3),
    )
    people = context.people
    for method, result in results.items():
        chosen = people.index_of([proposal.candidate.job_seeker_id for proposal in result.proposals])
        fits = [proposal.candidate.fit for proposal in result.proposals]
        emit(
            bench="quality",
            size=size_name,
            method=method,
            proposals=len(result.proposals),
            long_term_share=round(float(np.mean(people.months_without_work[chosen] >= 24)), 3) if fits else 0,
            mean_fit=round(float(np.mean(fits)), 2) if fits else 0,
            offers_without_candidate=len(result.offers_without_candidate),
            seconds=round(result.seconds, 3),
        )


def main(sizes: list[str]) -> None:
    django_with_fresh_database()
    from synthetic import SIZES, progress, territory_generate

    for size_name in sizes:
        if size_name not in SIZES:
            raise SystemExit(f"Taille inconnue : {size_name} ({', '.join(SIZES)}).")
        rng = random.Random(size_name)
        started = time.perf_counter()
        structures = territory_generate(size_name)
        progress(f"{size_name}: generated in {time.perf_counter() - started:.1f} s")
        if size_name == "network":
            bench_network_rank(size_name, structures, rng)
            continue
        [structure] = structures
        context = bench_rank(size_name, structure, rng)
        if size_name in ("structure", "large"):
            bench_assign(size_name, structure, context)


if __name__ == "__main__":
    main(sys.argv[1:] or ["structure", "large", "stress", "network"])
