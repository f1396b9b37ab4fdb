"""The Django admin writes the audit trail: Dominique (direction at Pau) edits Pau's settings
there, and the trail says who changed what, with the old and new values."""

import pytest
from django.urls import reverse

from accesdirect.core.models import AuditEvent
from accesdirect.structures.models import Site
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def lines():
    return [(event.action, event.actor, event.target_label) for event in AuditEvent.objects.order_by("pk")]


def test_the_structures_settings_changed_in_the_admin_are_recorded(client, dominique, pau, unscoped):
    client.force_login(dominique)
    response = client.post(
        reverse("admin:structures_structure_change", args=[pau.pk]),
        {
            "name": "Accès Pau-Béarn",
            "commune": pau.commune_id,
            "sms_sender": "ACCES",
            "reservation_hold_hours": 48,
        },
    )

    assert response.status_code == 302
    [event] = AuditEvent.objects.all()
    assert (event.action, event.actor, event.structure_id) == ("settings.changed", dominique, pau.pk)
    assert event.params == {"changes": {"name": {"old": "Accès Pau", "new": "Accès Pau-Béarn"}}}


def test_adding_changing_and_deleting_a_site_are_recorded(client, dominique, pau, unscoped):
    commune = f.CommuneFactory()
    client.force_login(dominique)
    client.post(reverse("admin:structures_site_add"), {"name": "Permanence Orthez", "commune": commune.pk})
    site = Site.objects.get(name="Permanence Orthez")
    edit = {"name": "Permanence Orthez", "address": "", "commune": commune.pk}
    client.post(reverse("admin:structures_site_change", args=[site.pk]), edit)  # nothing changed
    client.post(
        reverse("admin:structures_site_change", args=[site.pk]), {**edit, "address": "2 rue du Bourg"}
    )
    client.post(reverse("admin:structures_site_delete", args=[site.pk]), {"post": "yes"})

    assert not Site.objects.filter(pk=site.pk).exists()
    assert lines() == [
        ("admin.added", dominique, "Permanence Orthez"),
        ("admin.changed", dominique, "Permanence Orthez"),
        ("admin.deleted", dominique, "Permanence Orthez"),
    ]
    assert {event.structure_id for event in AuditEvent.objects.all()} == {pau.pk}


def test_a_bulk_deletion_records_each_object(client, dominique, pau, unscoped):
    sites = [f.SiteFactory(structure=pau, name=name) for name in ("Antenne A", "Antenne B")]
    client.force_login(dominique)
    client.post(
        reverse("admin:structures_site_changelist"),
        {"action": "delete_selected", "_selected_action": [site.pk for site in sites], "post": "yes"},
    )

    assert sorted(lines()) == [
        ("admin.deleted", dominique, "Antenne A"),
        ("admin.deleted", dominique, "Antenne B"),
    ]


def test_operators_read_the_whole_trail_and_nobody_edits_it(client, pau, camille, dominique, unscoped):
    from accesdirect.core.audit import audit_record

    pau_line = audit_record(by=camille, action="settings.changed", target=pau)
    audit_record(by=None, action="referentials.imported")
    operator = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)

    page = client.get(reverse("admin:core_auditevent_changelist")).text

    assert "a modifié les paramètres de la structure" in page
    assert "referentials.imported" in page
    assert client.get(reverse("admin:core_auditevent_change", args=[pau_line.pk])).status_code == 200
    client.post(reverse("admin:core_auditevent_delete", args=[pau_line.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(pk=pau_line.pk).exists()
    client.force_login(dominique)
    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 403
