"""PER (période d'engagement réciproque) forms and the tripartite review."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.errors import DomainError

from .. import services
from ..enums import ExitReason
from ..forms import (
    ExitForm,
    PeriodEndForm,
    PeriodFirstActionForm,
    PeriodForm,
    PeriodRenewForm,
    PeriodSignForm,
    TripartiteReviewForm,
)
from .common import back_to_seeker, form_page, seeker_for


@staff_required
@require_http_methods(["GET", "POST"])
def period_create(request, pk):
    seeker = seeker_for(request, pk)
    form = PeriodForm(request.POST or None, initial=PeriodForm.initial_from(timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_create(job_seeker=seeker, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(
                request, seeker, _("PER %(number)s établi, à signer.") % {"number": period.number}
            )
    return form_page(
        request,
        seeker=seeker,
        form=form,
        title=_("Nouveau PER"),
        submit_label=_("Établir le PER"),
        intro=_("Deux mois au plus, trois PER au plus. Chacun écrit ses objectifs."),
    )


def _period_action(request, pk, period_pk, *, form_class, initial=None, action, success, title, submit_label):
    """The shape shared by the forms acting on one PER of the person."""
    seeker = seeker_for(request, pk)
    period = get_for_user(request, seeker.periods.all(), pk=period_pk)
    form = form_class(request.POST or None, initial=initial(period) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = action(period=period, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(request, seeker, success % {"number": result.number})
    return form_page(
        request, seeker=seeker, form=form, title=title % {"number": period.number}, submit_label=submit_label
    )


@staff_required
@require_http_methods(["GET", "POST"])
def period_sign(request, pk, period_pk):
    return _period_action(
        request,
        pk,
        period_pk,
        form_class=PeriodSignForm,
        action=services.period_sign,
        success=_("PER %(number)s signé : il est en cours."),
        title=_("Signer le PER %(number)s"),
        submit_label=_("Enregistrer la signature"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def period_first_action(request, pk, period_pk):
    return _period_action(
        request,
        pk,
        period_pk,
        form_class=PeriodFirstActionForm,
        action=services.period_record_first_action,
        success=_("Première action engageante du PER %(number)s enregistrée."),
        title=_("PER %(number)s : première action engageante"),
        submit_label=_("Enregistrer"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def period_end(request, pk, period_pk):
    return _period_action(
        request,
        pk,
        period_pk,
        form_class=PeriodEndForm,
        initial=lambda period: {"ended_on": min(period.ends_on, timezone.localdate())},
        action=services.period_end,
        success=_("PER %(number)s terminé."),
        title=_("Terminer le PER %(number)s"),
        submit_label=_("Terminer le PER"),
    )


def _renew_initial(period) -> dict:
    ended_on = min(period.ends_on, timezone.localdate())
    return {"ended_on": ended_on, **PeriodForm.initial_from(ended_on)}


@staff_required
@require_http_methods(["GET", "POST"])
def period_renew(request, pk, period_pk):
    return _period_action(
        request,
        pk,
        period_pk,
        form_class=PeriodRenewForm,
        initial=_renew_initial,
        action=services.period_renew,
        success=_("PER %(number)s établi, à signer."),
        title=_("Renouveler le PER %(number)s"),
        submit_label=_("Terminer et établir le suivant"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def review_create(request, pk):
    seeker = seeker_for(request, pk)
    form = TripartiteReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data["exit_reason"] = data["exit_reason"] or ExitReason.PERIODS_ENDED
            services.tripartite_review_record(job_seeker=seeker, by=request.user, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(request, seeker, _("Bilan tripartite enregistré."))
    return form_page(
        request,
        seeker=seeker,
        form=form,
        title=_("Bilan tripartite"),
        submit_label=_("Enregistrer le bilan"),
        intro=_(
            "Avec le prescripteur et la personne. Nouveau cycle : trois nouveaux PER possibles ; "
            "poursuite : seulement s'il reste un PER dans le cycle ; fin d'accompagnement : avec son motif."
        ),
    )


@staff_required
@require_POST
def review_request(request, pk):
    seeker = seeker_for(request, pk)
    try:
        services.tripartite_review_request(job_seeker=seeker, by=request.user)
    except DomainError as exc:
        return back_to_seeker(request, seeker, exc.message, level=messages.ERROR)
    return back_to_seeker(request, seeker, _("Bilan tripartite à organiser."))


@staff_required
@require_http_methods(["GET", "POST"])
def seeker_exit(request, pk):
    seeker = seeker_for(request, pk)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_seeker_exit(
                job_seeker=seeker,
                reason=form.cleaned_data["reason"],
                exited_on=form.cleaned_data["exited_on"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(request, seeker, _("Fin d'accompagnement enregistrée."))
    return form_page(
        request,
        seeker=seeker,
        form=form,
        title=_("Fin d'accompagnement"),
        submit_label=_("Enregistrer la sortie"),
        intro=_("Le PER en cours se termine avec la sortie. Une nouvelle prescription la fera revenir."),
    )
