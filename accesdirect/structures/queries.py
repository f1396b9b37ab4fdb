from django.db.models import Q

from accesdirect.core.calendar import Territory, territory_of_departement

from .enums import Role
from .models import Membership, Structure

# The session key holding the id of the structure the user chose to work in.
SESSION_STRUCTURE_KEY = "structure_id"


def active_memberships(user) -> list[Membership]:
    """The user's active staff memberships with their structures, oldest first. Called before
    any scope exists, hence the unscoped manager."""
    return list(
        Membership.all_objects.filter(user=user, is_active=True)
        .select_related("structure__commune")
        .order_by("pk")
    )


def membership_in(memberships: list[Membership], structure_id) -> Membership | None:
    """The membership of `structure_id` among `memberships`, or None."""
    return next((membership for membership in memberships if membership.structure_id == structure_id), None)


# Who hears about a structure's business when the staff member in charge is gone.
DIRECTION_ROLES = (Role.DIRECTION, Role.NETWORK_HEAD)


def staff_in_charge(wanted: dict) -> dict:
    """For each key of `wanted`, mapped to (structure_id, user_id or None): [that user] if still
    an active member of the structure, else the structure's direction (possibly empty). Two
    queries whatever the number of keys; read by the schedulers, hence the unscoped manager."""
    structure_ids = {structure_id for structure_id, _ in wanted.values()}
    user_ids = {user_id for _, user_id in wanted.values() if user_id}
    memberships = list(
        Membership.all_objects.filter(structure_id__in=structure_ids, is_active=True)
        .filter(Q(role__in=DIRECTION_ROLES) | Q(user_id__in=user_ids))
        .select_related("user")
        .order_by("pk")
    )
    members = {(m.structure_id, m.user_id): m.user for m in memberships}
    direction: dict[int, list] = {}
    for membership in memberships:
        if membership.role in DIRECTION_ROLES:
            direction.setdefault(membership.structure_id, []).append(membership.user)
    found = {}
    for key, (structure_id, user_id) in wanted.items():
        member = members.get((structure_id, user_id))
        found[key] = [member] if member is not None else direction.get(structure_id, [])
    return found


def structure_territories(structure_ids=None) -> dict[int, Territory]:
    """Where each structure works (of every one when `structure_ids` is None), by id, in one
    query: the time zone and public holidays of its head office's commune, which its SMS obey.
    Read by the outbox and the schedulers outside any scope."""
    rows = (
        Structure.objects.all() if structure_ids is None else Structure.objects.filter(pk__in=structure_ids)
    )
    return {
        pk: territory_of_departement(departement)
        for pk, departement in rows.values_list("pk", "commune__departement")
    }
