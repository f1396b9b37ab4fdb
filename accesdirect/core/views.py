from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.text import capfirst
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import direction_required
from .audit import action_label, audit_details, audit_events, target_display
from .forms import AuditFilterForm
from .htmx import render_page_or_fragment
from .models import AuditEvent
from .pagination import paginate


@login_not_required
@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@direction_required
def audit_trail(request):
    """The direction's "Journal des actions": every recorded action of its structure."""
    events = AuditEvent.objects.all()  # the structure's lines only: the scope filters them
    # One query each for the filters' choices, reused to render the lines (no query per line).
    content_types = {
        content_type.pk: content_type
        for content_type in ContentType.objects.filter(
            pk__in=events.exclude(target_type=None).values("target_type_id")
        )
    }
    actors = get_user_model().objects.filter(pk__in=events.exclude(actor=None).values("actor_id"))
    filter_form = AuditFilterForm(
        request.GET,
        actors=actors.order_by("first_name", "last_name", "pk"),
        content_types=[(pk, _type_label(content_type)) for pk, content_type in content_types.items()],
    )
    page_obj = paginate(request, audit_events(**filter_form.filters()))
    page_obj.object_list = [
        {
            "at": event.at,
            "actor": event.actor_label,
            "action": action_label(event.action),
            "target": target_display(event, content_types),
            "details": audit_details(event, content_types),
        }
        for event in page_obj.object_list
    ]
    return render_page_or_fragment(
        request,
        page="core/audit_trail.html",
        fragment="core/includes/audit_results.html",
        context={"filter_form": filter_form, "page_obj": page_obj},
    )


def _type_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return capfirst(model._meta.verbose_name) if model is not None else content_type.model
