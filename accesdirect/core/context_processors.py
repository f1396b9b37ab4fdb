from django.conf import settings


def structure(request):
    return {
        "current_structure": getattr(request, "structure", None),
        "current_membership": getattr(request, "membership", None),
        "demo_mode": settings.DEMO_MODE,
    }
