"""One structure's territory, from its staff to its latest positionings."""

import random

from django.db.models import Exists, OuterRef
from faker import Faker

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES
from accesdirect.offers.models import Offer, Positioning
from accesdirect.offers.services import positioning_create
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import TargetJob
from accesdirect.structures.models import Network

from .app import app_build
from .catalogue import BEARN, TerritoryPlan
from .companies import companies_build, companies_settle, prospection_contacts_build
from .context import Build, PhoneBook
from .immersions import immersions_add
from .offers import offers_settle, offers_top_up
from .people import appellation_in_demand, people_build, people_placed_long_ago_build
from .reference import ReferenceData, communes_around
from .staff import structure_create
from .timeline import Timeline

# The latest positionings go through the real service, as a CRE would make them.
LIVE_POSITIONINGS = 6


def territory_generate(
    *,
    plan: TerritoryPlan,
    reference: ReferenceData,
    scale: float,
    seed: int,
    fake: Faker,
    timeline: Timeline,
    network: Network,
    password_hash: str,
    phones: PhoneBook,
) -> Build:
    centre, communes = communes_around(insee_code=plan.centre_insee, radius_km=plan.radius_km)
    build = Build(
        plan=plan,
        scale=scale,
        rng=random.Random(f"{seed}-{plan.slug}"),
        fake=fake,
        timeline=timeline,
        reference=reference,
        centre=centre,
        communes=communes or [centre],
        phones=phones,
    )
    structure_create(build, network=network, password_hash=password_hash)
    companies_build(build)
    people_build(build)
    people_placed_long_ago_build(build, seed=f"{seed}-{plan.slug}")
    prospection_contacts_build(build)
    offers_top_up(build, appellation_in_demand(build))
    offers_settle(build)
    companies_settle(build)
    build.rows.write()
    build.rows.written["immersions faites par le service"] = immersions_add(build)
    live = LIVE_POSITIONINGS if scale >= 0.5 else 1
    build.rows.written["positionnements faits par le service"] = _live_positionings(build, live)
    app_build(build, with_demo_seeker=plan.slug == BEARN.slug)
    return build


def _live_positionings(build: Build, count: int) -> int:
    """Position a few accompanied people on open offers of their target jobs with the service
    (one offer = one person is then enforced exactly as in the product)."""
    made = 0
    with structure_scope(build.structure):
        busy = Positioning.objects.filter(
            job_seeker=OuterRef("job_seeker"), status__in=ACTIVE_POSITIONING_STATUSES
        )
        offers = Offer.objects.open().select_related("company", "captured_by").order_by("-captured_on", "pk")
        for offer in offers[:200]:
            target = (
                TargetJob.objects.filter(
                    appellation_id=offer.appellation_id, job_seeker__status=SeekerStatus.ACTIVE
                )
                .exclude(Exists(busy))
                .select_related("job_seeker")
                .order_by("pk")
                .first()
            )
            if target is None:
                continue
            positioning_create(offer=offer, job_seeker=target.job_seeker, by=offer.captured_by)
            made += 1
            if made >= count:
                break
    return made
