from .models import Membership

# The session key holding the id of the structure the user chose to work in.
SESSION_STRUCTURE_KEY = "structure_id"


def active_memberships(user) -> list[Membership]:
    """The user's active staff memberships with their structures, oldest first. Called before
    any scope exists, hence the unscoped manager."""
    return list(
        Membership.all_objects.filter(user=user, is_active=True).select_related("structure").order_by("pk")
    )


def membership_in(memberships: list[Membership], structure_id) -> Membership | None:
    """The membership of `structure_id` among `memberships`, or None."""
    return next((membership for membership in memberships if membership.structure_id == structure_id), None)
