"""Matching in the audit trail: the Monday draft, each decision on its lines, the settings."""

import pytest
from django_scopes import scopes_disabled

from accesdirect.core.models import AuditEvent
from accesdirect.core.scope import structure_scope
from accesdirect.matching.models import AssignmentLine
from accesdirect.matching.services import (
    assignment_draft_create,
    assignment_line_accept,
    assignment_line_change,
    assignment_line_reject,
    matching_settings_reset,
    matching_settings_update,
)

pytestmark = pytest.mark.django_db


def lines(structure, prefix):
    with structure_scope(structure):
        return list(AuditEvent.objects.filter(action__startswith=prefix).order_by("at", "pk"))


@pytest.fixture
def draft(make_person, make_offer, rome, pau, camille):
    make_person(rome.cleaner, months_without_work=30)
    make_person(rome.cleaner, months_without_work=20)
    make_person(rome.cleaner, months_without_work=10)
    make_offer()
    make_offer(rome.window_cleaner)
    make_offer()
    with structure_scope(pau):
        return assignment_draft_create(structure=pau, by=camille)


def test_the_draft_and_each_decision_are_recorded_with_who_decided(draft, pau, camille, dominique):
    with scopes_disabled():
        first, second, _third = AssignmentLine.objects.filter(draft=draft).order_by("pk")
    with structure_scope(pau):
        assignment_line_accept(line=first, by=camille)
        assignment_line_reject(line=second, reason="Ne souhaite plus ce métier", by=dominique)

    [created] = lines(pau, "assignment_draft.")
    assert (created.actor, created.target_id, created.params) == (camille, draft.pk, {"proposals": 3})
    accepted, rejected = lines(pau, "assignment_line.")
    assert (accepted.action, accepted.actor, accepted.target_id) == (
        "assignment_line.accepted",
        camille,
        first.offer_id,
    )
    assert (rejected.action, rejected.actor, rejected.params["reason"]) == (
        "assignment_line.rejected",
        dominique,
        "Ne souhaite plus ce métier",
    )


def test_another_person_chosen_records_both_people_and_the_reason(draft, pau, camille):
    with scopes_disabled():
        first, second, _third = AssignmentLine.objects.filter(draft=draft).order_by("pk")
    with structure_scope(pau):
        assignment_line_change(
            line=first, job_seeker=second.proposed_job_seeker, reason="Plus proche", by=camille
        )

    [event] = lines(pau, "assignment_line.")
    assert event.action == "assignment_line.changed"
    assert event.params == {
        "draft": draft.pk,
        "line": first.pk,
        "proposed_job_seeker": first.proposed_job_seeker_id,
        "chosen_job_seeker": second.proposed_job_seeker_id,
        "reason": "Plus proche",
    }


def test_settings_changes_record_old_and_new_values(pau, dominique):
    matching_settings_update(structure=pau, by=dominique, commute_weight=4)
    matching_settings_update(structure=pau, by=dominique, commute_weight=4, min_fit=10)
    matching_settings_reset(structure=pau, by=dominique)
    matching_settings_reset(structure=pau, by=dominique)  # nothing left to reset

    first, second, reset = lines(pau, "matching_settings.")
    assert first.action == second.action == "matching_settings.changed"
    assert set(first.params["changes"]) == {"commute_weight"}
    assert first.params["changes"]["commute_weight"]["new"] == 4
    # The unchanged weight is not repeated.
    assert set(second.params["changes"]) == {"min_fit"}
    assert second.params["changes"]["min_fit"]["new"] == 10
    assert (reset.action, reset.actor) == ("matching_settings.reset", dominique)
