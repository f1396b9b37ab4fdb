"""The Monday meeting's lines naming a person, moved when the direction merges two files of
the same person (registered with seekers.services.merge, which never names this app)."""

from accesdirect.seekers.services.merge import register_merge_mover

from .enums import DraftStatus
from .models import AssignmentLine


@register_merge_mover
def move_assignment_lines(*, kept, merged, by) -> dict[str, int]:
    lines = AssignmentLine.objects
    moved = lines.filter(proposed_job_seeker=merged).update(proposed_job_seeker=kept)
    moved += lines.filter(chosen_job_seeker=merged).update(chosen_job_seeker=kept)
    # The alternatives of a line name people by id, and the open draft's lines may still
    # choose one of them (past drafts are snapshots of a computation, left as they were).
    for line in lines.filter(draft__status=DraftStatus.OPEN):
        if any(alternative.get("job_seeker_id") == merged.pk for alternative in line.alternatives):
            line.alternatives = [
                {**alternative, "job_seeker_id": kept.pk}
                if alternative.get("job_seeker_id") == merged.pk
                else alternative
                for alternative in line.alternatives
            ]
            line.save(update_fields=["alternatives"])
    return {AssignmentLine._meta.label_lower: moved}
