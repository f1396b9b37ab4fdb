"""The direction's "Journal des actions": Dominique (direction at Pau) reads who did what in
Pau, filters it, and never sees another structure's lines; Camille (CRE) has no access."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.audit import audit_record
from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
TRAIL = reverse("audit:trail")


@pytest.fixture
def dominique_client(client, dominique):
    client.force_login(dominique)
    return client


@pytest.fixture
def offer(pau, camille):
    return f.OfferFactory(
        structure=pau, company__structure=pau, company__name="Propreté Paloise", captured_by=camille
    )


def record(by, action, target=None, at=None, **kwargs):
    event = audit_record(by=by, action=action, target=target, **kwargs)
    if at is not None:
        AuditEvent.objects.with_scopes_disabled().filter(pk=event.pk).update(at=at)
    return event


def test_the_audit_trail_shows_who_cancelled_an_offer(client, camille, dominique, offer):
    client.force_login(camille)
    client.post(reverse("offers:cancel", args=[offer.pk]))

    client.force_login(dominique)
    page = client.get(TRAIL).text

    assert camille.get_full_name() in page
    assert "a annulé l&#x27;offre" in page
    assert "Agent d&#x27;entretien – Propreté Paloise" in page


def test_changed_fields_read_with_their_names_and_values(dominique_client, camille, offer, pau):
    with structure_scope(pau):
        from accesdirect.offers.services import offer_update

        offer_update(offer=offer, by=camille, title="Agent de propreté", contract="cdd", duration_months=6)

    page = dominique_client.get(TRAIL).text

    assert "a modifié l&#x27;offre" in page
    assert "Agent d&#x27;entretien → Agent de propreté" in page
    assert "CDI → CDD" in page  # the choice's label, not its stored value


def test_a_cre_is_refused(camille_client):
    assert camille_client.get(TRAIL).status_code == 403


def test_only_the_direction_finds_it_in_the_user_menu(client, camille, dominique):
    client.force_login(dominique)
    assert TRAIL in client.get(reverse("dashboard:home")).text
    client.force_login(camille)
    assert TRAIL not in client.get(reverse("dashboard:home")).text


def test_another_structures_direction_never_sees_pau_lines(client, basque, camille, offer):
    record(camille, "offer.cancelled", offer)
    record(None, "referentials.imported")  # a platform line: nobody's structure
    direction = f.staff_user(basque, Role.DIRECTION, first_name="Maialen")

    client.force_login(direction)
    page = client.get(TRAIL).text

    assert "Propreté Paloise" not in page
    assert camille.get_full_name() not in page
    assert "0 action" in page


def test_filters_by_person_object_type_action_and_days(
    dominique_client, camille, dominique, offer, pau, unscoped
):
    now = timezone.now()
    record(camille, "offer.cancelled", offer, at=now - datetime.timedelta(days=10))
    record(dominique, "settings.changed", pau, at=now)
    record(None, "offer.expired", offer, at=now)

    def actions(**query):
        response = dominique_client.get(TRAIL, query)
        assert response.status_code == 200
        return [line["action"] for line in response.context["page_obj"].object_list]

    assert actions(actor=camille.pk) == ["a annulé l'offre"]
    assert actions(actor="system") == ["a clôturé l'offre, expirée"]
    offer_type = AuditEvent.objects.filter(action="offer.cancelled").get().target_type_id
    assert sorted(actions(target_type=offer_type)) == ["a annulé l'offre", "a clôturé l'offre, expirée"]
    assert actions(action="settings.changed") == ["a modifié les paramètres de la structure"]
    today = timezone.localdate()
    assert len(actions(since=today.isoformat())) == 2
    assert actions(until=(today - datetime.timedelta(days=5)).isoformat()) == ["a annulé l'offre"]
    assert actions(target_type=offer_type, target_id=offer.pk, action="offer.cancelled") == [
        "a annulé l'offre"
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"since": "9999-12-31"},
        {"until": "9999-12-31"},
        {"since": "0001-01-01"},
        {"since": "31/02/2026"},
        {"since": "2026-12-01", "until": "2026-11-01"},
        {"page": "9" * 20},
        {"page": "-1"},
        {"actor": "9" * 20},
        {"actor": "abc"},
        {"target_type": "9" * 20},
        {"target_id": "9" * 20},
        {"target_id": "-3"},
        {"action": "<script>"},
    ],
)
def test_no_input_breaks_the_page(dominique_client, camille, offer, query):
    record(camille, "offer.cancelled", offer)
    response = dominique_client.get(TRAIL, query)
    assert response.status_code == 200


def test_a_date_out_of_bounds_is_explained_and_left_out(dominique_client, camille, offer):
    record(camille, "offer.cancelled", offer)
    response = dominique_client.get(TRAIL, {"since": "9999-12-31"})
    assert "Choisissez une date entre le 01/01/2000 et le 31/12/2100." in response.text
    assert len(response.context["page_obj"].object_list) == 1


def test_the_filters_answer_with_the_results_only_to_htmx(dominique_client, camille, offer):
    record(camille, "offer.cancelled", offer)
    response = dominique_client.get(TRAIL, {"action": "offer.cancelled"}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert "a annulé l&#x27;offre" in response.text


def test_a_line_written_in_english_reads_in_french(client, camille, dominique, offer):
    client.force_login(camille)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("offers:cancel", args=[offer.pk]))

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(dominique)
    assert "a annulé l&#x27;offre" in client.get(TRAIL).text


def test_the_page_makes_the_same_queries_for_two_or_forty_lines(dominique_client, pau, dominique, unscoped):
    people = [f.staff_user(pau, Role.CRE) for _ in range(4)]
    offers = [f.OfferFactory(structure=pau, company__structure=pau) for _ in range(4)]

    def page_queries(lines: int) -> int:
        AuditEvent.objects.all().delete()
        for index in range(lines):
            target = offers[index % 4] if index % 3 else pau
            record(
                people[index % 4],
                "offer.updated",
                target,
                params={"changes": {"title": {"old": "a", "new": "b"}}},
            )
        with CaptureQueriesContext(connection) as queries:
            response = dominique_client.get(TRAIL)
        assert len(response.context["page_obj"].object_list) == min(lines, settings.PAGE_SIZE)
        return len(queries)

    few, many = page_queries(2), page_queries(40)
    assert few == many <= 10, (few, many)
