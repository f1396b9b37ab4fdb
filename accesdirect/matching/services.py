"""Writes of matching: the weekly draft and the staff's decision on each of its lines, and the
structure's matching settings.

The draft is a proposal, not a decision: accepting a line positions the person through
offers.services.positioning_create, so the one-offer-one-person rule holds exactly as on the
offer's page; changing or rejecting a line is an override, recorded with its reason.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.core.audit import audit_record
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.structure_settings import structure_settings_save
from accesdirect.core.versions import data_version_bump
from accesdirect.offers.services import positioning_create
from accesdirect.seekers.enums import Programme
from accesdirect.seekers.models import JobSeeker

from .engine import Candidate
from .enums import DraftStatus, LineDecision
from .models import AssignmentDraft, AssignmentLine, MatchingSettings
from .queries import assignment_compute


def _candidate_snapshot(candidate: Candidate) -> dict:
    return {
        "job_seeker_id": candidate.job_seeker_id,
        "fit": candidate.fit,
        "priority": candidate.priority,
        "explanation": candidate.explanation.as_dict(),
        "proposed_on_offer_id": candidate.proposed_on_offer_id,
    }


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def assignment_draft_create(*, structure, by, now: datetime.datetime | None = None) -> AssignmentDraft:
    """Compute the week's assignment and store it as the draft to review; the previous draft
    under review is superseded (its decided lines stay as the record of what was decided).

    The computation runs before the transaction: it may take seconds on a large pool and must
    not hold the database's write lock meanwhile. A line whose offer was positioned in between
    simply fails on acceptance with the usual message."""
    now = now or timezone.now()
    structure_id = structure if isinstance(structure, int) else structure.pk
    result = assignment_compute(structure_id, now=now)
    try:
        with transaction.atomic():
            AssignmentDraft.objects.filter(structure_id=structure_id, status=DraftStatus.OPEN).update(
                status=DraftStatus.SUPERSEDED
            )
            draft = AssignmentDraft.objects.create(
                structure_id=structure_id,
                created_at=now,
                created_by=by,
                week_start=week_start(timezone.localdate(now)),
                offers_without_candidate=[
                    {"offer_id": item.offer_id, "reason": item.reason.value, "text": item.text}
                    for item in result.offers_without_candidate
                ],
                people_without_offer=[
                    {
                        "appellation_id": group.appellation_id,
                        "appellation_label": group.appellation_label,
                        "commune_id": group.commune_id,
                        "commune_name": group.commune_name,
                        "job_seeker_ids": list(group.job_seeker_ids),
                    }
                    for group in result.people_without_offer
                ],
                offers_count=result.offers_count,
                people_count=result.people_count,
                seconds=round(result.seconds, 3),
            )
            AssignmentLine.objects.bulk_create(
                AssignmentLine(
                    structure_id=structure_id,
                    created_at=now,
                    draft=draft,
                    offer_id=proposal.offer_id,
                    proposed_job_seeker_id=proposal.candidate.job_seeker_id,
                    fit=proposal.candidate.fit,
                    priority=proposal.candidate.priority,
                    explanation=proposal.candidate.explanation.as_dict(),
                    alternatives=[_candidate_snapshot(alternative) for alternative in proposal.alternatives],
                )
                for proposal in result.proposals
            )
            audit_record(
                by=by,
                action="assignment_draft.created",
                target=draft,
                params={"proposals": len(result.proposals)},
            )
    except IntegrityError:
        # The partial unique constraint: another draft was created at the same moment.
        raise ConflictError(
            _("Un autre calcul de la réunion du lundi vient d'aboutir : rechargez la page.")
        ) from None
    return draft


def _lock_pending(line: AssignmentLine) -> None:
    # Lock the line: two CREs deciding the same line at once must not both position someone.
    decision, draft_status = (
        AssignmentLine.objects.select_for_update(of=("self",))
        .values_list("decision", "draft__status")
        .get(pk=line.pk)
    )
    if decision != LineDecision.PENDING:
        raise ConflictError(
            _("Cette ligne est déjà décidée (%(decision)s).")
            % {"decision": LineDecision(decision).label.lower()}
        )
    if draft_status != DraftStatus.OPEN:
        raise DomainError(
            _("Cette proposition a été remplacée par un calcul plus récent : ouvrez la dernière.")
        )


def _decide(line: AssignmentLine, *, decision: LineDecision, by, **fields) -> AssignmentLine:
    line.decision = decision
    line.decided_by = by
    line.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(line, name, value)
    line.save(update_fields=["decision", "decided_by", "decided_at", *fields])
    audit_record(
        by=by,
        action=f"assignment_line.{LineDecision(decision).value}",
        target=line.offer,
        params={
            "draft": line.draft_id,
            "line": line.pk,
            "proposed_job_seeker": line.proposed_job_seeker_id,
            **(
                {"chosen_job_seeker": fields["chosen_job_seeker"].pk} if "chosen_job_seeker" in fields else {}
            ),
            **({"reason": fields["reason"]} if "reason" in fields else {}),
        },
    )
    if not AssignmentLine.objects.filter(draft_id=line.draft_id, decision=LineDecision.PENDING).exists():
        AssignmentDraft.objects.filter(pk=line.draft_id, status=DraftStatus.OPEN).update(
            status=DraftStatus.CLOSED
        )
    return line


def _required_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(message)
    return reason


@transaction.atomic
def assignment_line_accept(*, line: AssignmentLine, by) -> AssignmentLine:
    """Position the proposed person on the offer (refused if the offer was positioned meanwhile)."""
    _lock_pending(line)
    positioning = positioning_create(offer=line.offer, job_seeker=line.proposed_job_seeker, by=by)
    return _decide(line, decision=LineDecision.ACCEPTED, by=by, positioning=positioning)


@transaction.atomic
def assignment_line_change(*, line: AssignmentLine, job_seeker: JobSeeker, reason: str, by) -> AssignmentLine:
    """Position another person than the proposed one; the reason of the override is recorded."""
    reason = _required_reason(reason, _("Indiquez pourquoi une autre personne est choisie."))
    if job_seeker.structure_id != line.structure_id:
        raise DomainError(_("Cette personne et cette offre ne relèvent pas de la même structure."))
    if job_seeker.pk == line.proposed_job_seeker_id:
        raise DomainError(_("C'est la personne proposée : acceptez la ligne."))
    _lock_pending(line)
    positioning = positioning_create(offer=line.offer, job_seeker=job_seeker, by=by)
    return _decide(
        line,
        decision=LineDecision.CHANGED,
        by=by,
        chosen_job_seeker=job_seeker,
        reason=reason,
        positioning=positioning,
    )


@transaction.atomic
def assignment_line_reject(*, line: AssignmentLine, reason: str, by) -> AssignmentLine:
    """Set the proposal aside; the pair is not proposed again (a hard filter of matching)."""
    reason = _required_reason(reason, _("Indiquez pourquoi cette proposition est écartée."))
    _lock_pending(line)
    line = _decide(line, decision=LineDecision.REJECTED, by=by, reason=reason)
    data_version_bump(structure_id=line.structure_id)  # A refused pair for the rankings.
    return line


# --- Settings ------------------------------------------------------------------------------

SETTINGS_FIELDS = frozenset(
    field.name
    for field in MatchingSettings._meta.concrete_fields
    if field.name not in {"id", "structure", "created_at"}
)


def _checked(settings: MatchingSettings) -> None:
    points = settings.programme_points or {}
    if not isinstance(points, dict) or any(
        programme not in Programme.values or not isinstance(value, int) or value < 0
        for programme, value in points.items()
    ):
        raise DomainError(_("Les points par dispositif sont des nombres entiers positifs."))
    try:
        # The row's own rules (bounds of each field); uniqueness is the database's job.
        settings.full_clean(exclude=["structure"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None


@transaction.atomic
def matching_settings_update(*, structure, by, **values) -> MatchingSettings:
    """Save the structure's own settings: the given fields; the others keep their value, or
    the documented default when the structure had none."""
    unknown = set(values) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"matching_settings_update() cannot change {sorted(unknown)}")
    structure_id = structure if isinstance(structure, int) else structure.pk
    settings, changed = structure_settings_save(
        MatchingSettings, structure_id=structure_id, values=values, check=_checked
    )
    if changed:
        audit_record(by=by, action="matching_settings.changed", target=settings, params={"changes": changed})
    data_version_bump(structure_id=structure_id)  # The pools are scored with these weights.
    return settings


@transaction.atomic
def matching_settings_reset(*, structure, by) -> None:
    """Back to the documented defaults: the structure's own settings are removed."""
    structure_id = structure if isinstance(structure, int) else structure.pk
    deleted, _counts = MatchingSettings.all_objects.filter(structure_id=structure_id).delete()
    if deleted:
        audit_record(by=by, action="matching_settings.reset", structure_id=structure_id)
        data_version_bump(structure_id=structure_id)
