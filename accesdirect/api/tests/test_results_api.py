"""The results over JSON give the figures of the pages, for the same filters: the Résultats
page's indicators and breakdowns, the Économies page's savings, the survival in employment;
the network head's aggregates; French 422s on absurd filters, never a 500; staff only."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accesdirect.core.calendar import add_months, paris_today
from accesdirect.core.scope import structure_scope
from accesdirect.core.vocabulary import Contract
from accesdirect.offers.services import employment_declare, job_follow_up_record
from accesdirect.portals.app_session import SESSION_KEY, SESSION_PHONE_KEY
from accesdirect.reporting.definitions import BREAKDOWNS, INDICATORS
from accesdirect.reporting.tests.bulk import Job, Path, bulk_paths
from accesdirect.seekers.enums import ExitReason
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
RESULTS = "/api/v1/results/"
SAVINGS = "/api/v1/results/savings"
SURVIVAL = "/api/v1/results/survival"
HUGE = "9" * 20


@pytest.fixture
def today() -> datetime.date:
    return paris_today()


@pytest.fixture
def history(pau, camille, today):
    """40 people of Accès Pau this year (30 back in a job, 12 of them durable; 10 who left), in
    two programmes, at a site; offers and company contacts of Camille."""
    entry = today - 200 * DAY
    cdi = (Job(Contract.CDI, entry + 30 * DAY),)
    cdd = (Job(Contract.CDD, entry + 40 * DAY, entry + 100 * DAY),)
    paths = [Path(entry=entry, jobs=cdi) for _ in range(12)]
    paths += [Path(entry=entry, jobs=cdd, programme="plie") for _ in range(18)]
    paths += [Path(entry=entry, exit=entry + 50 * DAY, exit_reason=ExitReason.STOPPED) for _ in range(10)]
    with structure_scope(pau):
        organisation = f.PrescriberOrganisationFactory(structure=pau, name="Département 64")
        site = f.SiteFactory(structure=pau, name="Antenne de Pau")
        bulk_paths(
            structure=pau,
            organisation=organisation,
            cre=camille,
            commune=f.CommuneFactory(),
            paths=paths,
            site=site,
        )
        company = f.CompanyFactory(structure=pau)
        for _ in range(3):
            f.OfferFactory(structure=pau, company=company, captured_by=camille, captured_on=today - 10 * DAY)
            f.CompanyContactFactory(company=company, by=camille)
    return {"site": site, "organisation": organisation}


def period(today) -> dict:
    return {"start": (today - 365 * DAY).isoformat(), "end": today.isoformat()}


def page_results(client, params: dict):
    response = client.get(reverse("reporting:results"), params)
    assert response.status_code == 200
    return response.context["results"]


def as_page(found, *, network: bool = False) -> tuple[dict, dict]:
    """The page's figures as the API writes them: values by code, rows by breakdown."""
    values = {item.code: found.values[item.code] for item in INDICATORS}
    rows = {
        item.code: [
            {"key": row.key, "label": row.label, "values": list(row.values)}
            for row in found.breakdowns[item.code]
        ]
        for item in BREAKDOWNS
        if not network or item.code not in {"contacts_per_cre", "objectives"}
    }
    return values, rows


def as_api(body: dict) -> tuple[dict, dict]:
    return (
        {item["code"]: item["value"] for item in body["indicators"]},
        {item["code"]: item["rows"] for item in body["breakdowns"]},
    )


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"period": True},
        {"period": True, "site": True},
        {"period": True, "programme": "plie", "cre": True, "grace_days": 0, "six_months_or_more": True},
        {"period": True, "prescriber": True},
    ],
    ids=["current-year", "last-365-days", "site", "programme-cre-grace-variant", "prescriber"],
)
def test_the_api_gives_the_figures_of_the_results_page(camille_client, camille, history, today, filters):
    api, page = {}, {}
    if filters.get("period"):
        dates = period(today)
        api |= dates
        page |= {"debut": dates["start"], "fin": dates["end"]}
    if filters.get("site"):
        api["site_id"] = page["antenne"] = history["site"].pk
    if filters.get("prescriber"):
        api["prescriber_id"] = page["prescripteur"] = history["organisation"].pk
    if filters.get("cre"):
        api["cre_id"] = page["cre"] = camille.pk
    if "programme" in filters:
        api["programme"] = page["dispositif"] = filters["programme"]
    if "grace_days" in filters:
        api["grace_days"] = page["delai"] = filters["grace_days"]
    if filters.get("six_months_or_more"):
        api["six_months_or_more"] = "true"
        page["six_mois"] = "on"

    response = camille_client.get(RESULTS, api)

    assert response.status_code == 200
    body = response.json()
    found = page_results(camille_client, page)
    assert as_api(body) == as_page(found)
    assert body["period"] == {
        "start": found.filters.start.isoformat(),
        "end": found.filters.end.isoformat(),
        "months": found.filters.months(),
    }
    assert (body["perimeter"], body["structures"], body["grace_days"]) == ("structure", 1, found.grace_days)


def test_the_figures_are_numbers_with_their_words(camille_client, history, today):
    body = camille_client.get(RESULTS, period(today)).json()

    indicators = {item["code"]: item for item in body["indicators"]}
    assert indicators["accompanied"]["value"] == 40
    assert indicators["back_in_job"]["value"] == 30
    assert indicators["back_in_job_rate"]["value"] == 75.0
    assert indicators["durable_share"]["value"] == 40.0
    assert indicators["offers_captured"]["value"] == 3
    assert indicators["days_to_fill_median"]["value"] is None  # no offer filled: no denominator
    accompanied = indicators["accompanied"]
    assert (accompanied["label"], accompanied["unit"], accompanied["section"]) == (
        "Personnes accompagnées",
        "people",
        "people",
    )
    assert accompanied["definition"].startswith("Personnes dans le dossier")
    exits = next(item for item in body["breakdowns"] if item["code"] == "exits_by_reason")
    assert exits["columns"] == ["Sorties"]
    assert {"key": "stopped", "label": str(ExitReason.STOPPED.label), "values": [10]} in exits["rows"]
    objectives = next(item for item in body["breakdowns"] if item["code"] == "objectives")
    assert objectives["rows"][0]["label"].startswith("Camille")
    assert [section["code"] for section in body["sections"]] == ["people", "delays", "per", "offers"]


def test_the_default_period_is_the_current_calendar_year(camille_client, today):
    body = camille_client.get(RESULTS).json()

    assert body["period"] == {
        "start": datetime.date(today.year, 1, 1).isoformat(),
        "end": datetime.date(today.year, 12, 31).isoformat(),
        "months": 12,
    }


def test_the_savings_give_the_pages_calculation_line_by_line(client, dominique, history, today):
    client.force_login(dominique)
    client.post(
        reverse("reporting:settings"),
        {
            "grace_days": 90,
            "objective_percent": 60,
            "objective_months": 12,
            "cost_basis": "per_person",
            "cost_per_person": "1000",
            "convention_amount": "0",
        },
    )
    params = {**period(today), "months": 6}

    body = client.get(SAVINGS, params).json()

    page = client.get(
        reverse("reporting:savings"), {"debut": params["start"], "fin": params["end"], "mois": 6}
    ).context["savings"]
    assert body["people_accompanied"] == page.people_accompanied == 40
    assert body["people_durable"] == page.people_durable == 12
    assert body["months"] == 6
    assert body["household"] == "single"
    assert body["rsa_year"] == page.rsa_year
    assert Decimal(body["rsa_monthly"]) == page.rsa_monthly
    assert Decimal(body["rsa_avoided"]) == page.rsa_avoided == page.rsa_monthly * 12 * 6
    assert (body["cost_basis"], body["cost_per_person"], body["cost"]) == (
        "per_person",
        "1000.00",
        "40000.00",
    )
    assert Decimal(body["saved"]) == page.saved == page.rsa_avoided - 40000
    assert Decimal(body["saved_rounded"]) % 100 == 0


@pytest.fixture
def declare(pau, camille):
    def _declare(starts_on: datetime.date):
        with structure_scope(pau):
            return employment_declare(
                job_seeker=f.JobSeekerFactory(structure=pau),
                by=camille,
                contract=Contract.CDI,
                starts_on=starts_on,
                ends_on=None,
                hours_per_week=None,
                employer_name="Boulangerie Lacoste",
                job_title="Vendeuse",
            )

    return _declare


@pytest.fixture
def answer(pau, camille):
    def _answer(employment, months: int, still: bool, same: bool | None = None):
        with structure_scope(pau):
            job_follow_up_record(
                follow_up=employment.follow_ups.get(due_on=add_months(employment.starts_on, months)),
                by=camille,
                done_on=paris_today(),
                going_well=still,
                notes="",
                still_employed=still,
                same_employer=same,
            )

    return _answer


def test_the_survival_per_cohort_and_the_study_figures(camille_client, declare, answer, today):
    long_ago = add_months(today, -50)
    first = declare(long_ago)
    for months in (6, 12, 24):
        answer(first, months, True, True)
    answer(first, 48, True, False)
    second = declare(long_ago)
    answer(second, 6, True)
    answer(second, 12, False)
    recent = declare(add_months(today, -13))
    answer(recent, 6, True, True)

    body = camille_client.get(SURVIVAL).json()

    assert body["milestones"] == [6, 12, 24, 48]
    cohorts = {cohort["year"]: cohort for cohort in body["cohorts"]}
    old, new = long_ago.year, add_months(today, -13).year
    assert cohorts[old]["starts"] == 2
    assert [step["survival"] for step in cohorts[old]["steps"]] == [1.0, 0.5, 0.5, 0.5]
    assert cohorts[old]["steps"][1] == {
        "months": 12,
        "at_risk": 2,
        "events": 1,
        "censored": 0,
        "survival": 0.5,
    }
    assert [step["survival"] for step in cohorts[new]["steps"]] == [1.0, None, None, None]
    assert body["study"] == {
        "starts": 3,
        "followed_four_years": 1,
        "still_in_job_four_years": 0.5,
        "in_job_four_years_with_employer_known": 1,
        "other_employer_share": 1.0,
    }
    # The page's figures.
    report = camille_client.get(reverse("reporting:survival")).context["report"]
    assert body["starts"] == report.starts == 3
    assert body["overall"] == [
        {
            "months": step.months,
            "at_risk": step.at_risk,
            "events": step.events,
            "censored": step.censored,
            "survival": None if step.survival is None else float(step.survival),
        }
        for step in report.overall
    ]
    assert [cohort["starts"] for cohort in body["cohorts"]] == list(report.cohort_sizes.values())
    # Only the first jobs started in a period.
    since = camille_client.get(SURVIVAL, {"start": add_months(today, -14).isoformat()}).json()
    assert since["study"]["starts"] == 1
    assert since["start"] == add_months(today, -14).isoformat() and since["end"] is None


@pytest.fixture
def network(pau, basque, camille, today):
    """Accès Pau heads a network with Accès Basque: 3 people of Basque back in a CDI, 1 of Pau
    without a job."""
    f.network_of(pau, basque)
    bixente = f.staff_user(basque, Role.CRE, first_name="Bixente", email="bixente@acces-basque.fr")
    entry = today - 100 * DAY
    with structure_scope(basque):
        organisation = f.PrescriberOrganisationFactory(structure=basque)
        paths = [Path(entry=entry, jobs=(Job(Contract.CDI, entry + 10 * DAY),)) for _ in range(3)]
        bulk_paths(
            structure=basque, organisation=organisation, cre=bixente, commune=f.CommuneFactory(), paths=paths
        )
    with structure_scope(pau):
        organisation = f.PrescriberOrganisationFactory(structure=pau)
        bulk_paths(
            structure=pau,
            organisation=organisation,
            cre=camille,
            commune=f.CommuneFactory(),
            paths=[Path(entry=entry)],
        )
    return f.staff_user(pau, Role.NETWORK_HEAD, email="tete@reseau.fr")


def test_a_network_head_reads_the_networks_aggregates_as_the_page_does(client, network, today):
    client.force_login(network)
    params = {**period(today), "perimeter": "network"}

    body = client.get(RESULTS, params).json()

    found = page_results(client, {"debut": params["start"], "fin": params["end"], "perimetre": "reseau"})
    assert as_api(body) == as_page(found, network=True)
    assert (body["perimeter"], body["structures"]) == ("network", 2)
    values = {item["code"]: item["value"] for item in body["indicators"]}
    assert (values["accompanied"], values["back_in_job"], values["back_in_job_rate"]) == (4, 3, 75.0)
    codes = {item["code"] for item in body["breakdowns"]}
    assert "objectives" not in codes and "contacts_per_cre" not in codes
    assert "Bixente" not in str(body)
    assert client.get(SAVINGS, params).json()["people_durable"] == 3
    assert client.get(SURVIVAL, {"perimeter": "network"}).json()["study"]["starts"] == 3
    # Its own structure, by default.
    own = client.get(RESULTS, period(today)).json()
    assert (own["perimeter"], own["structures"]) == ("structure", 1)
    assert {item["code"]: item["value"] for item in own["indicators"]}["accompanied"] == 1


@pytest.mark.parametrize("name", ["site_id", "prescriber_id", "cre_id"])
def test_the_network_refuses_the_filters_that_name_a_structures_people(client, network, name):
    client.force_login(network)

    response = client.get(RESULTS, {"perimeter": "network", name: 1})

    assert response.status_code == 422
    item = response.json()["detail"][0]
    assert item["loc"] == ["query", name]
    assert "agrégés" in item["msg"]


@pytest.mark.parametrize("url", [RESULTS, SAVINGS, SURVIVAL])
def test_the_network_is_refused_in_french_to_anyone_but_a_network_head(camille_client, client, pau, url):
    response = camille_client.get(url, {"perimeter": "network"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Le périmètre du réseau est réservé")
    # A network head whose structure belongs to no network.
    client.force_login(f.staff_user(pau, Role.NETWORK_HEAD, email="seule@acces-pau.fr"))
    assert client.get(url, {"perimeter": "network"}).status_code == 403


def test_a_site_prescriber_or_cre_of_another_structure_is_a_422(camille_client, basque, bixente):
    with structure_scope(basque):
        bayonne = f.SiteFactory(structure=basque, name="Bayonne")
        organisation = f.PrescriberOrganisationFactory(structure=basque, name="PLIE Côte basque")
    for name, value in (("site_id", bayonne.pk), ("prescriber_id", organisation.pk), ("cre_id", bixente.pk)):
        response = camille_client.get(RESULTS, {name: value})

        assert response.status_code == 422
        detail = response.json()["detail"]
        assert detail == [{"type": "invalid_choice", "loc": ["query", name], "msg": detail[0]["msg"]}]
        assert detail[0]["msg"].startswith("Sélectionnez un choix valide")


@pytest.mark.parametrize(
    ("url", "params", "name"),
    [
        (RESULTS, {"start": "0001-01-01"}, "start"),
        (RESULTS, {"end": "9999-12-31"}, "end"),
        (RESULTS, {"start": "1999-12-31"}, "start"),
        (RESULTS, {"start": "2020-05-01", "end": "2020-01-01"}, "end"),
        (RESULTS, {"start": "2001-01-01", "end": "2030-01-01"}, "end"),
        (RESULTS, {"start": "pas une date"}, "start"),
        (RESULTS, {"start": "10000-01-01"}, "start"),
        (RESULTS, {"site_id": HUGE}, "site_id"),
        (RESULTS, {"cre_id": "-1"}, "cre_id"),
        (RESULTS, {"prescriber_id": "abc"}, "prescriber_id"),
        (RESULTS, {"site_id": "0"}, "site_id"),
        (RESULTS, {"grace_days": "100000"}, "grace_days"),
        (RESULTS, {"programme": "chateau"}, "programme"),
        (RESULTS, {"six_months_or_more": "peut-être"}, "six_months_or_more"),
        (RESULTS, {"perimeter": "galaxie"}, "perimeter"),
        (SAVINGS, {"months": "0"}, "months"),
        (SAVINGS, {"months": "1" + "0" * 30}, "months"),
        (SAVINGS, {"household": "chateau"}, "household"),
        (SAVINGS, {"end": "9999-12-31"}, "end"),
        (SURVIVAL, {"start": "0001-01-01"}, "start"),
        (SURVIVAL, {"start": "2020-05-01", "end": "2020-01-01"}, "end"),
    ],
)
def test_absurd_parameters_get_a_french_422_on_their_parameter(camille_client, url, params, name):
    response = camille_client.get(url, params)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["loc"] for item in detail] == [["query", name]]
    assert detail[0]["msg"] and detail[0]["type"]


@pytest.mark.parametrize("url", [RESULTS, SAVINGS, SURVIVAL])
def test_the_results_are_for_staff_signed_in(client, pau, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Connectez-vous")
    # A person signed in to the job seekers' app is no staff account.
    person = f.JobSeekerFactory(structure=pau, phone="+33611111111")
    session = client.session
    session[SESSION_KEY] = person.pk
    session[SESSION_PHONE_KEY] = person.phone
    session.save()
    assert client.get(url).status_code == 401
    # Signed in without (or no longer with) a membership of a structure.
    client.force_login(f.UserFactory())
    response = client.get(url)
    assert response.status_code == 403
    assert response.json()["detail"] == "Réservé aux équipes des structures."


def test_each_endpoint_reads_in_few_queries(camille_client, history, today, django_assert_max_num_queries):
    # The Résultats page's budget (15): session, user, membership, the filters' choices
    # (sites, prescribers, CREs), the settings, the cohort, then PERs, offers and contacts.
    with django_assert_max_num_queries(15):
        assert (
            camille_client.get(RESULTS, {**period(today), "site_id": history["site"].pk}).status_code == 200
        )
    with django_assert_max_num_queries(15):
        assert camille_client.get(SAVINGS, period(today)).status_code == 200
    # Session, user, membership, then the employments and their follow-ups' answers.
    with django_assert_max_num_queries(5):
        assert camille_client.get(SURVIVAL).status_code == 200


def test_the_schema_documents_the_results_operations(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path in (RESULTS, SAVINGS, SURVIVAL):
        responses = schema["paths"][path]["get"]["responses"]
        assert {int(status) for status in responses} == {200, 401, 403, 422}
    parameters = {item["name"]: item for item in schema["paths"][RESULTS]["get"]["parameters"]}
    assert set(parameters) == {
        "perimeter",
        "start",
        "end",
        "site_id",
        "programme",
        "prescriber_id",
        "cre_id",
        "grace_days",
        "six_months_or_more",
    }
