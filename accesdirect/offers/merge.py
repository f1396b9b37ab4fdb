"""The offers' rows of a person, moved when the direction merges two files of the same person
(registered with seekers.services.merge, which never names this app)."""

from accesdirect.seekers.services.merge import register_merge_mover

from .models import Employment, Positioning


@register_merge_mover
def move_positionings_and_employments(*, kept, merged, by) -> dict[str, int]:
    # An offer has one active positioning whoever it is (the partial unique constraint on the
    # offer): giving them another person id cannot put two people on one offer.
    return {
        Positioning._meta.label_lower: Positioning.objects.filter(job_seeker=merged).update(job_seeker=kept),
        Employment._meta.label_lower: Employment.objects.filter(job_seeker=merged).update(job_seeker=kept),
    }
