from django.conf import settings


def structure(request):
    membership = getattr(request, "membership", None)
    others = [other for other in getattr(request, "memberships", []) if other != membership]
    return {
        "current_structure": getattr(request, "structure", None),
        "current_membership": membership,
        # The user menu offers a switch only to users with several structures.
        "other_memberships": sorted(others, key=lambda other: other.structure.name),
        "demo_mode": settings.DEMO_MODE,
    }
