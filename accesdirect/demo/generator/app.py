"""The job seekers' app in the demo: the CREs' meeting times for the coming two weeks, a few
sign-ups to call back, and one person, accompanied, whose mobile is printed with the demo
accounts so that anyone can sign in to the app with the code the outbox shows."""

import datetime

from django.db.models import Q

from accesdirect.core.calendar import METROPOLE, is_sending_day
from accesdirect.core.scope import structure_scope
from accesdirect.matching.loader import shared_context
from accesdirect.matching.queries import rank_offers
from accesdirect.offers.models import MeetingSlot
from accesdirect.portals.forms_app import CONSENT_TEXT
from accesdirect.portals.models import Lead
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JobSeeker

from .context import Build

# A real French mobile range, printed with the demo accounts (06 00 00 00 01).
DEMO_SEEKER_PHONE = "+33600000001"
SLOT_TIMES = [datetime.time(9, 0), datetime.time(9, 30), datetime.time(10, 0), datetime.time(14, 0)]
SLOT_DAYS = 10
# Sign-ups waiting for a call, at full scale.
LEADS = 6


def app_build(build: Build, *, with_demo_seeker: bool) -> None:
    _slots_add(build)
    _leads_add(build)
    if with_demo_seeker:
        _demo_seeker(build)


def _leads_add(build: Build) -> None:
    """A few people not yet accompanied who signed up in the app over the last days, waiting for
    a call ("Inscriptions à contacter"), with the consent as the sign-up page words it."""
    rng, fake = build.rng, build.fake
    consent = str(CONSENT_TEXT)
    for _ in range(max(1, round(LEADS * build.scale))):
        signed_up = build.timeline.past(
            build.timeline.at(build.today - datetime.timedelta(days=rng.randint(0, 4)), rng.randint(8, 20))
        )
        lead = Lead.objects.create(
            structure_id=build.structure_id,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            phone=build.phones.mobile(),
            commune_id=build.commune_picker.pick(rng).id,
            consent_text=consent,
            consented_at=signed_up,
            created_at=signed_up,
        )
        fiche_id = build.reference.past_fiches.pick(rng)
        wished = build.reference.appellations_by_fiche[fiche_id]
        lead.appellations.set([appellation.id for appellation in rng.sample(wished, min(2, len(wished)))])
    build.rows.written["inscriptions à contacter (application)"] = max(1, round(LEADS * build.scale))


def _slots_add(build: Build) -> None:
    """Each CRE publishes four meeting times a working day for the next two weeks, at their site
    (written in bulk: a few thousand rows; the service checks one time at a time)."""
    today = build.today
    days = []
    day = today + datetime.timedelta(days=1)
    while len(days) < SLOT_DAYS:
        if day.weekday() < 5 and is_sending_day(day, territory=METROPOLE):
            days.append(day)
        day += datetime.timedelta(days=1)
    site_of = {cre.pk: info.site.pk for info in build.sites for cre in info.cres}
    slots = [
        MeetingSlot(
            structure_id=build.structure_id,
            staff_id=cre.pk,
            starts_at=build.timeline.at(day, time.hour, time.minute),
            minutes=30,
            site_id=site_of.get(cre.pk),
        )
        for cre in build.cres
        for day in days
        for time in SLOT_TIMES
    ]
    MeetingSlot.objects.bulk_create(slots, batch_size=2000)
    build.rows.written["créneaux de rendez-vous publiés"] = len(slots)


def _demo_seeker(build: Build) -> None:
    """The accompanied person of the demo persona CRE with the most offers that fit them gets
    the printed mobile (another file holding it gives it up first)."""
    JobSeeker.objects.filter(phone=DEMO_SEEKER_PHONE).update(phone="")
    candidates = (
        JobSeeker.objects.filter(structure_id=build.structure_id, status=SeekerStatus.ACTIVE)
        .filter(~Q(phone=""))
        .order_by("pk")[:60]
    )
    with structure_scope(build.structure):
        context = shared_context(build.structure_id)
        best = max(
            candidates, key=lambda person: len(rank_offers(person, limit=None, context=context)), default=None
        )
    if best is not None:
        JobSeeker.objects.filter(pk=best.pk).update(phone=DEMO_SEEKER_PHONE)
