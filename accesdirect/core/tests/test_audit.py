import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from accesdirect.core.audit import action_label, audit_changes, audit_record
from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_line_takes_its_structure_and_label_from_the_target(pau, camille, unscoped):
    offer = f.OfferFactory(structure=pau, title="Agent d'entretien")

    event = audit_record(by=camille, action="offer.cancelled", target=offer)

    event.refresh_from_db()
    assert event.structure_id == pau.pk
    assert event.actor == camille
    assert event.actor_label == camille.get_full_name()
    assert event.target_type.model_class() is type(offer)
    assert event.target_id == offer.pk
    assert event.target_label == str(offer)


def test_a_structure_as_target_is_its_own_structure(pau, dominique):
    event = audit_record(by=dominique, action="settings.changed", target=pau)

    assert event.structure_id == pau.pk


def test_the_system_and_platform_actions_have_no_actor_or_structure():
    event = audit_record(by=None, action="referentials.imported")

    event.refresh_from_db()
    assert event.actor is None
    assert event.structure_id is None
    assert event.target_type is None


def test_parameters_are_stored_as_json_and_secrets_never(pau, camille):
    event = audit_record(
        by=camille,
        action="x.done",
        structure_id=pau.pk,
        params={
            "on": datetime.date(2026, 12, 1),
            "hours": Decimal("35.5"),
            "who": camille,
            "fields": {"b", "a"},
            "password": "hunter2",
            "nested": {"api_token": "abc"},
        },
    )

    event.refresh_from_db()
    assert event.params == {
        "on": "2026-12-01",
        "hours": "35.5",
        "who": camille.pk,
        "fields": ["a", "b"],
        "password": "***",
        "nested": {"api_token": "***"},
    }


def test_changes_list_only_what_really_changes(pau, unscoped):
    offer = f.OfferFactory(structure=pau, title="Ancien titre", hours_per_week=Decimal("35"))
    appellation = f.AppellationFactory()

    changes = audit_changes(
        offer, {"title": "Nouveau titre", "hours_per_week": Decimal("35"), "appellation": appellation}
    )

    assert changes == {
        "title": {"old": "Ancien titre", "new": "Nouveau titre"},
        "appellation": {"old": str(offer.appellation), "new": str(appellation)},
    }


def test_a_structure_reads_only_its_own_lines(pau, basque, camille, bixente):
    audit_record(by=camille, action="x.done", structure_id=pau.pk)
    audit_record(by=bixente, action="x.done", structure_id=basque.pk)
    audit_record(by=None, action="x.done")

    with structure_scope(pau):
        assert [event.actor for event in AuditEvent.objects.all()] == [camille]


def test_actions_read_in_the_readers_language():
    assert action_label("settings.changed") == "a modifié les paramètres de la structure"
    assert action_label("unknown.code") == "unknown.code"
    with translation.override("en"):
        # Same line, the English catalogue's label once the lead has compiled it.
        assert action_label("settings.changed") in {
            "a modifié les paramètres de la structure",
            "changed the structure's settings",
        }
