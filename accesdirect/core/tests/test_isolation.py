"""Structure isolation, over every URL of the application (generated from the URL conf).

Camille's structure (Accès Pau) owns one object of every structure-owned model, all with the
same primary key, so that every URL with an id points at one of Pau's objects whatever model
it expects. Bixente (CRE at Accès Basque) must get 404 on every one of them, by GET and POST,
and must never see Pau's people in any list page.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.companies.models import Company, CompanyContact, CompanyPerson
from accesdirect.core.models import ExportJob
from accesdirect.immersions.models import Immersion
from accesdirect.matching.models import AssignmentDraft, AssignmentLine
from accesdirect.messaging.models import Message
from accesdirect.offers.models import Employment, JobFollowUp, Offer, Positioning, PositioningStep
from accesdirect.seekers.models import (
    Appointment,
    EngagementPeriod,
    Intake,
    JobSeeker,
    JournalEntry,
    Referral,
    TargetJob,
    TripartiteReview,
)
from accesdirect.structures.models import PrescriberOrganisation, Site
from accesdirect.testing import factories as f

OBJECT_ID = 4242
SECRET_NAME = "Isolationtestname"
# URL namespaces that are not structure data: the admin (superusers, tested on its own), the
# providers' webhooks (a secret in the path, messaging/tests/test_webhooks.py), one's own
# account and password reset links (accounts/tests), language switching; the companies' public
# pages, reached by a structure's slug or a signed link, not by an object's id
# (portals/tests/test_company_*.py).
SKIPPED_NAMESPACES = {"admin", "messaging", "accounts", "company_portal"}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            child_namespace = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), child_namespace)
        elif isinstance(pattern, URLPattern):
            yield namespace, prefix + str(pattern.pattern), pattern


def _concrete(route: str) -> str:
    """Turn a route like 'chercheurs/<int:pk>/per/<int:period_pk>/' into a real path."""
    import re

    path = re.sub(r"<(?:int:)?\w+>", str(OBJECT_ID), route)
    path = re.sub(r"<(?:str|slug|path|uuid):\w+>", str(OBJECT_ID), path)
    path = path.lstrip("^").rstrip("$").replace("\\", "")
    return "/" + path


def application_routes():
    routes = []
    for namespace, route, pattern in _walk(get_resolver().url_patterns):
        if namespace in SKIPPED_NAMESPACES or namespace is None:
            continue
        if getattr(pattern.callback, "app_person_view", False) or route.startswith("api/v1/app/"):
            # The job seekers' app (pages and API): a person's session, not a staff account;
            # portals/tests and api/tests/test_app_api.py check another structure's person gets 404.
            continue
        routes.append((namespace, route))
    return routes


OBJECT_ROUTES = [route for route in application_routes() if "<" in route[1]]
LIST_ROUTES = [route for route in application_routes() if "<" not in route[1]]


@pytest.fixture
def pau_objects(pau, camille):
    """One object of every structure-owned model in Pau, all with the same id."""
    today = timezone.localdate()
    common = {"pk": OBJECT_ID, "structure": pau}
    with scopes_disabled():
        commune = f.CommuneFactory()
        appellation = f.AppellationFactory()
        site = Site.objects.create(name="Antenne Pau", commune=commune, **common)
        organisation = PrescriberOrganisation.objects.create(name="Département", kind="departement", **common)
        seeker = JobSeeker.objects.create(
            first_name="Alix",
            last_name=SECRET_NAME,
            commune=commune,
            programme="rsa",
            status="active",
            **common,
        )
        Referral.objects.create(
            job_seeker=seeker, organisation=organisation, programme="rsa", referred_on=today, **common
        )
        Intake.objects.create(job_seeker=seeker, held_on=today, by=camille, **common)
        TargetJob.objects.create(job_seeker=seeker, appellation=appellation, commune=commune, **common)
        EngagementPeriod.objects.create(
            job_seeker=seeker,
            number=1,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=30),
            seeker_objectives="x",
            structure_objectives="y",
            **common,
        )
        TripartiteReview.objects.create(
            job_seeker=seeker, held_on=today, outcome="other", by=camille, **common
        )
        Appointment.objects.create(
            job_seeker=seeker, staff=camille, starts_at=timezone.now(), site=site, **common
        )
        JournalEntry.objects.create(
            job_seeker=seeker, kind="note", occurred_at=timezone.now(), text="x", **common
        )
        company = Company.objects.create(name=f"{SECRET_NAME} SARL", commune=commune, **common)
        person = CompanyPerson.objects.create(company=company, name="Mme Gérante", **common)
        CompanyContact.objects.create(
            company=company,
            by=camille,
            person=person,
            kind="visit",
            occurred_at=timezone.now(),
            outcome="interested",
            **common,
        )
        offer = Offer.objects.create(
            company=company,
            captured_by=camille,
            appellation=appellation,
            title=f"{SECRET_NAME} poste",
            contract="cdi",
            commune=commune,
            **common,
        )
        positioning = Positioning.objects.create(
            offer=offer, job_seeker=seeker, presented_by=camille, **common
        )
        PositioningStep.objects.create(
            positioning=positioning, status="proposed", at=timezone.now(), by=camille, **common
        )
        employment = Employment.objects.create(
            job_seeker=seeker,
            employer_name="X",
            job_title="Y",
            contract="cdi",
            starts_on=today,
            recorded_by=camille,
            **common,
        )
        JobFollowUp.objects.create(employment=employment, due_on=today, **common)
        Immersion.objects.create(
            job_seeker=seeker,
            company=company,
            tutor_name="Mme Gérante",
            tutor_phone="+33698765432",
            starts_on=today,
            ends_on=today,
            hours_per_week=35,
            commune=commune,
            purpose="discover",
            appellation=appellation,
            objectives="x",
            tasks="y",
            assessment="z",
            created_by=camille,
            **common,
        )
        draft = AssignmentDraft.objects.create(week_start=today, created_by=camille, **common)
        part = {"level": 3, "reason": "x"}
        AssignmentLine.objects.create(
            draft=draft,
            offer=offer,
            proposed_job_seeker=seeker,
            fit=20,
            priority=10,
            explanation={
                "parts": [{"key": key, **part} for key in ("job", "commute", "conditions")],
                "priority": "x",
                "filtered": [],
            },
            **common,
        )
        ExportJob.objects.create(
            requested_by=camille,
            kind="personnes",
            format="csv",
            status="done",
            file_name="absent.csv",
            row_count=1,
            finished_at=timezone.now(),
            expires_at=timezone.now() + datetime.timedelta(days=1),
            **common,
        )
        Message.objects.create(
            channel="sms",
            kind="appointment_reminder",
            recipient="+33612345678",
            subject="job_seeker",
            subject_id=OBJECT_ID,
            body=f"{SECRET_NAME} : rappel",
            idempotency_key="isolation-test",
            status="failed",
            next_attempt_at=timezone.now(),
            **common,
        )
    return seeker


@pytest.mark.django_db
def test_the_url_conf_has_object_urls_to_check():
    namespaces = {namespace for namespace, _ in OBJECT_ROUTES}
    assert {"seekers", "companies", "offers", "immersions"} <= namespaces


@pytest.mark.django_db
@pytest.mark.parametrize(("namespace", "route"), OBJECT_ROUTES)
def test_another_structure_gets_404_on_every_object_url(
    client, pau_objects, bixente, camille, namespace, route
):
    path = _concrete(route)
    client.force_login(camille)
    own = client.get(path)
    assert own.status_code != 404, f"{path} is not found even for its own structure: the check proves nothing"

    client.force_login(bixente)
    answers = {"GET": client.get(path).status_code}
    if namespace == "api":
        body = {"job_seeker_id": OBJECT_ID}
        answers["POST"] = client.post(path, body, content_type="application/json").status_code
    else:
        answers["POST"] = client.post(path, {}).status_code
    # 405 tells nothing about the object (the method is not served at all); anything else must be 404.
    assert set(answers.values()) <= {404, 405}, f"{path} answered {answers} to another structure"
    assert 404 in answers.values(), f"{path} answered {answers}: the object was never looked up"


@pytest.mark.django_db
@pytest.mark.parametrize(("namespace", "route"), LIST_ROUTES)
def test_list_pages_never_show_another_structures_people(client, pau_objects, bixente, namespace, route):
    client.force_login(bixente)
    response = client.get(_concrete(route), {"q": SECRET_NAME[:6]})
    assert SECRET_NAME not in response.content.decode(errors="replace")


@pytest.mark.django_db
def test_another_structure_cannot_be_chosen_with_the_structure_switch(client, pau_objects, pau, bixente):
    # The switch takes the structure in its POST body, not in its URL: the walks above only
    # GET it (405), so the refusal is checked here.
    assert ("structures", "structure/changer/") in LIST_ROUTES
    client.force_login(bixente)
    assert client.post(reverse("structures:switch"), {"structure": pau.pk}).status_code == 404
    assert client.get(reverse("seekers:detail", args=[OBJECT_ID])).status_code == 404
    assert SECRET_NAME not in client.get(reverse("seekers:list")).content.decode()
