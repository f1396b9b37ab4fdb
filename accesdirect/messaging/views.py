"""Staff pages of the outbox: the messages sent and their delivery, resending, the wording
of each kind of message and the SMS sender name (those two for the direction)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accesdirect.companies.models import Company
from accesdirect.core.access import direction_required, get_for_user, staff_required
from accesdirect.core.errors import DomainError
from accesdirect.core.htmx import render_page_or_fragment
from accesdirect.core.pagination import paginate
from accesdirect.seekers.models import JobSeeker
from accesdirect.structures.models import User

from . import queries, services, wording
from .enums import MessageKind, MessageStatus, Subject
from .forms import MessageFilterForm, ResendForm, SenderForm, TemplateForm
from .models import Message, MessageTemplate
from .templates import DEFAULTS, MAX_SEGMENTS


def subject_links(message_list) -> dict[str, dict]:
    """Who each message is about, as {"<subject>:<id>": {"label", "url"}}: three queries at
    most whatever the number of messages (one per kind of subject)."""
    ids: dict[str, set[int]] = {}
    for message in message_list:
        if message.subject and message.subject_id:
            ids.setdefault(message.subject, set()).add(message.subject_id)
    links = {}
    if ids.get(Subject.JOB_SEEKER):
        for seeker in JobSeeker.objects.filter(pk__in=ids[Subject.JOB_SEEKER]).only(
            "first_name", "last_name"
        ):
            links[f"job_seeker:{seeker.pk}"] = {
                "label": seeker.full_name,
                "url": reverse("seekers:detail", args=[seeker.pk]),
            }
    if ids.get(Subject.COMPANY):
        for company in Company.objects.filter(pk__in=ids[Subject.COMPANY]).only("name"):
            links[f"company:{company.pk}"] = {
                "label": company.name,
                "url": reverse("companies:detail", args=[company.pk]),
            }
    if ids.get(Subject.STAFF):
        for user in User.objects.filter(pk__in=ids[Subject.STAFF]).only("first_name", "last_name", "email"):
            links[f"staff:{user.pk}"] = {"label": str(user), "url": ""}
    return links


def _with_subjects(message_list) -> list[Message]:
    message_list = list(message_list)
    links = subject_links(message_list)
    for message in message_list:
        message.subject_link = links.get(f"{message.subject}:{message.subject_id}")
    return message_list


@staff_required
@vary_on_headers("HX-Request")
def message_list(request):
    filter_form = MessageFilterForm(request.GET)
    page_obj = paginate(request, queries.message_list(**filter_form.filters()))
    page_obj.object_list = _with_subjects(page_obj.object_list)
    return render_page_or_fragment(
        request,
        page="messaging/list.html",
        fragment="messaging/includes/results.html",
        context={"filter_form": filter_form, "page_obj": page_obj},
    )


def _render_detail(request, message: Message, *, resend_form: ResendForm | None = None):
    [message] = _with_subjects([message])
    can_resend = message.status in services.RESENDABLE
    if can_resend and resend_form is None:
        resend_form = ResendForm(
            initial={"recipient": message.recipient}, uncertain=message.status == MessageStatus.UNCERTAIN
        )
    context = {
        "message": message,
        "events": list(message.events.order_by("occurred_at", "pk")),
        "chain": queries.message_chain(message),
        "resend_form": resend_form if can_resend else None,
    }
    return render(request, "messaging/detail.html", context)


@staff_required
def message_detail(request, pk):
    return _render_detail(request, get_for_user(request, Message, pk=pk))


@staff_required
@require_POST
def message_resend(request, pk):
    message = get_for_user(request, Message, pk=pk)
    if message.status not in services.RESENDABLE:
        messages.error(
            request,
            _("Seul un message en échec ou incertain se renvoie (celui-ci est « %(status)s »).")
            % {"status": message.get_status_display()},
        )
        return redirect("outbox:detail", pk=message.pk)
    form = ResendForm(request.POST, uncertain=message.status == MessageStatus.UNCERTAIN)
    if form.is_valid():
        try:
            resend = services.message_resend(
                message=message, recipient=form.cleaned_data["recipient"], by=request.user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le message est renvoyé : il part avec les prochains envois."))
            return redirect("outbox:detail", pk=resend.pk)
    return _render_detail(request, message, resend_form=form)


# --- Wording of the messages and SMS sender (direction) --------------------------------


def _kind_or_404(value: str) -> MessageKind:
    if value not in MessageKind.values:
        raise Http404
    return MessageKind(value)


def _render_template_list(request, sender_form: SenderForm):
    custom = dict(MessageTemplate.objects.values_list("kind", "body"))
    kinds = [
        {
            "kind": kind,
            "body": custom.get(kind, DEFAULTS[kind]),
            "is_custom": kind in custom,
            "limit": MAX_SEGMENTS.get(kind),  # None: sent by e-mail only
        }
        for kind in MessageKind
    ]
    return render(request, "messaging/templates.html", {"kinds": kinds, "sender_form": sender_form})


@direction_required
def template_list(request):
    return _render_template_list(request, SenderForm(initial={"sms_sender": request.structure.sms_sender}))


def _render_template_edit(request, kind: MessageKind, form: TemplateForm, body: str):
    context = {
        "kind": kind,
        "form": form,
        "is_custom": MessageTemplate.objects.filter(kind=kind).exists(),
        "default_body": DEFAULTS[kind],
        "variables": wording.kind_variables(kind),
        "preview": wording.preview(kind=kind, body=body, structure_name=request.structure.name),
    }
    return render(request, "messaging/template_edit.html", context)


@direction_required
@require_http_methods(["GET", "POST"])
def template_edit(request):
    kind = _kind_or_404(request.POST.get("kind") or request.GET.get("type", ""))
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                services.message_template_save(
                    structure=request.structure, kind=kind, body=form.cleaned_data["body"], by=request.user
                )
            except DomainError as error:
                form.add_error("body", error.message)
            else:
                messages.success(
                    request,
                    _("Le texte « %(kind)s » est enregistré pour les prochains messages.")
                    % {"kind": kind.label},
                )
                return redirect("outbox:templates")
        return _render_template_edit(request, kind, form, request.POST.get("body", ""))
    body = services.template_text(structure_id=request.structure.pk, kind=kind)
    form = TemplateForm(initial={"kind": kind, "body": body})
    return _render_template_edit(request, kind, form, body)


@direction_required
@require_GET
def template_preview(request):
    """The live preview of the editor (htmx): rendering, GSM-7 text and number of SMS."""
    kind = _kind_or_404(request.GET.get("kind", ""))
    checked = wording.preview(
        kind=kind, body=request.GET.get("body", ""), structure_name=request.structure.name
    )
    return render(request, "messaging/includes/preview.html", {"preview": checked})


@direction_required
@require_POST
def template_reset(request):
    kind = _kind_or_404(request.POST.get("kind", ""))
    services.message_template_reset(structure=request.structure, kind=kind, by=request.user)
    messages.success(request, _("Le texte « %(kind)s » revient au texte par défaut.") % {"kind": kind.label})
    return redirect("outbox:templates")


@direction_required
@require_POST
def sender_update(request):
    form = SenderForm(request.POST)
    if form.is_valid():
        try:
            services.sms_sender_update(
                structure=request.structure, sender=form.cleaned_data["sms_sender"], by=request.user
            )
        except DomainError as error:
            form.add_error("sms_sender", error.message)
        else:
            messages.success(request, _("L'émetteur des SMS est enregistré."))
            return redirect("outbox:templates")
    return _render_template_list(request, form)
