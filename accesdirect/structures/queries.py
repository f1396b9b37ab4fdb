from .models import Membership


def current_membership(user, structure_id: int | None) -> Membership | None:
    """The active staff membership the user works in: the one chosen in the session, or
    the first one. Called before any scope exists, hence the unscoped manager."""
    memberships = Membership.all_objects.filter(user=user, is_active=True).select_related("structure")
    if structure_id is not None:
        chosen = memberships.filter(structure_id=structure_id).first()
        if chosen is not None:
            return chosen
    return memberships.order_by("pk").first()
