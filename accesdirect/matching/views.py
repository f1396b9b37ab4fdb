"""Pages of matching: the ranked candidates of an offer and the ranked offers of a person
(fragments loaded by their pages), the Monday board with the weekly draft and the decisions on
its lines, and the structure's settings.

The rankings are read through matching.queries, the decisions written through
matching.services; positioning from a ranking posts to the offer's own positioning view."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accesdirect.core.access import direction_required, get_for_user, staff_required
from accesdirect.core.errors import DomainError
from accesdirect.core.htmx import render_page_or_fragment
from accesdirect.core.pagination import paginate
from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JobSeeker

from . import queries, services
from .enums import DraftStatus
from .forms import BoardForm, LineChangeForm, LineRejectForm, MatchingSettingsForm
from .loader import shared_context
from .models import AssignmentLine, MatchingSettings

# Ranked pairs shown at first, added by each "voir plus", and at most.
SHOWN = 10
SHOWN_MAX = 100
# Excluded pairs listed with their reasons.
FILTERED_SHOWN = 15
DRAFT_LINES_PER_PAGE = 50


# The context of a fragment without ranking (an offer no longer open, a person not accompanied).
NO_RANKING = {"ranking": None, "rows": [], "filtered_rows": [], "more_url": ""}


def _shown(request) -> int:
    raw = request.GET.get("n", "")
    return max(1, min(int(raw), SHOWN_MAX)) if raw.isdigit() else SHOWN


# --- Rankings --------------------------------------------------------------------------------


@staff_required
@vary_on_headers("HX-Request")  # the same URL serves the fragment or, without script, a page
def offer_candidates(request, pk):
    offer = get_for_user(request, Offer.objects.select_related("company", "commune"), pk=pk)
    shown = _shown(request)
    context = {"offer": offer, "is_open": offer.status == OfferStatus.OPEN, **NO_RANKING}
    if context["is_open"]:
        ranking = queries.candidates_ranking(
            offer, limit=shown, filtered_limit=FILTERED_SHOWN, context=shared_context(offer.structure_id)
        )
        people = JobSeeker.objects.select_related("commune").in_bulk(
            [pair.job_seeker_id for pair in [*ranking.pairs, *ranking.filtered]]
        )
        context.update(
            ranking=ranking,
            rows=[(pair, people[pair.job_seeker_id]) for pair in ranking.pairs],
            filtered_rows=[(pair, people[pair.job_seeker_id]) for pair in ranking.filtered],
            more_url=_more_url("matching:offer_candidates", offer.pk, shown, ranking),
        )
    return render_page_or_fragment(
        request,
        page="matching/offer_candidates.html",
        fragment="matching/includes/offer_candidates.html",
        context=context,
    )


@staff_required
@vary_on_headers("HX-Request")
def seeker_offers(request, pk):
    seeker = get_for_user(request, JobSeeker.objects.select_related("commune"), pk=pk)
    shown = _shown(request)
    context = {
        "seeker": seeker,
        "is_active": seeker.status == SeekerStatus.ACTIVE,
        **NO_RANKING,
        "priority": "",
        "close_jobs": [],
    }
    if context["is_active"]:
        # One pool for both readings of the page, kept between requests.
        matching = shared_context(seeker.structure_id)
        ranking = queries.offers_ranking(seeker, limit=shown, filtered_limit=FILTERED_SHOWN, context=matching)
        offers = Offer.objects.select_related("company", "commune").in_bulk(
            [pair.offer_id for pair in [*ranking.pairs, *ranking.filtered]]
        )
        ranked = [*ranking.pairs, *ranking.filtered]
        context.update(
            ranking=ranking,
            # The person's priority, the same on every offer: said once.
            priority=ranked[0].explanation.priority if ranked else "",
            rows=[(pair, offers[pair.offer_id]) for pair in ranking.pairs],
            filtered_rows=[(pair, offers[pair.offer_id]) for pair in ranking.filtered],
            close_jobs=queries.close_jobs_recruiting(seeker, context=matching),
            more_url=_more_url("matching:seeker_offers", seeker.pk, shown, ranking),
        )
    return render_page_or_fragment(
        request,
        page="matching/seeker_offers.html",
        fragment="matching/includes/seeker_offers.html",
        context=context,
    )


def _more_url(name: str, pk: int, shown: int, ranking: queries.Ranking) -> str:
    if not ranking.has_more or shown >= SHOWN_MAX:
        return ""
    return f"{reverse(name, args=[pk])}?n={min(shown + SHOWN, SHOWN_MAX)}"


# --- The Monday board ------------------------------------------------------------------------


@staff_required
def board(request):
    today = timezone.localdate()
    form = BoardForm(request.GET or None)
    weeks = form.cleaned_data.get("semaines") if form.is_valid() else None
    if not weeks:
        weeks = MatchingSettings.for_structure(request.structure).without_proposal_weeks
    draft = queries.draft_for_board()
    context = {
        "today": today,
        "since": queries.board_since(today),
        "weeks": weeks,
        "sections": queries.board_overview(today=today, weeks_without_proposal=weeks),
        "draft": draft,
    }
    if draft is not None:
        page_obj = paginate(request, queries.draft_lines(draft), per_page=DRAFT_LINES_PER_PAGE)
        rows = queries.draft_rows(page_obj.object_list)
        context.update(
            page_obj=page_obj,
            lines=[_line_forms(row) for row in rows],
            draft_is_open=draft.status == DraftStatus.OPEN,
            draft_is_old=draft.week_start != services.week_start(today),
            offers_without_candidate=queries.draft_offers_without_candidate(draft),
            people_without_offer=queries.draft_people_without_offer(draft),
        )
    return render(request, "matching/board.html", context)


def _line_forms(row: queries.DraftRow) -> dict:
    people = {
        alternative.job_seeker.pk: alternative.job_seeker
        for alternative in row.alternatives
        if alternative.job_seeker is not None
    }
    return {
        "row": row,
        "change_form": LineChangeForm(line=row.line, people=people),
        "reject_form": LineRejectForm(line=row.line),
    }


def _back_to_board(request, line: AssignmentLine | None = None):
    page = request.POST.get("page", "")
    url = reverse("matching:board") + (f"?page={page}" if page.isdigit() else "")
    return redirect(url + (f"#ligne-{line.pk}" if line else "#proposition"))


def _refused(request, form, line: AssignmentLine):
    """A decision form that did not validate: its French messages, back on the board."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _back_to_board(request, line)


@staff_required
@require_POST
def draft_create(request):
    try:
        draft = services.assignment_draft_create(structure=request.structure, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "Proposition de la semaine calculée : une personne proposée pour %(lines)s "
                "des %(offers)s offres ouvertes."
            )
            % {"lines": draft.lines.count(), "offers": draft.offers_count},
        )
    return _back_to_board(request)


def _line_for_user(request, pk) -> AssignmentLine:
    queryset = AssignmentLine.objects.select_related("offer__company", "proposed_job_seeker")
    return get_for_user(request, queryset, pk=pk)


@staff_required
@require_POST
def line_accept(request, pk):
    line = _line_for_user(request, pk)
    try:
        services.assignment_line_accept(line=line, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s est positionné·e sur « %(offer)s » : le marché de l'offre est fermé.")
            % {"name": line.proposed_job_seeker, "offer": line.offer.title},
        )
    return _back_to_board(request, line)


@staff_required
@require_POST
def line_change(request, pk):
    line = _line_for_user(request, pk)
    people = JobSeeker.objects.in_bulk(line.alternative_ids)
    form = LineChangeForm(request.POST, line=line, people=people)
    if not form.is_valid():
        return _refused(request, form, line)
    person = form.cleaned_data["person"]
    try:
        services.assignment_line_change(
            line=line, job_seeker=person, reason=form.cleaned_data["reason"], by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s est positionné·e sur « %(offer)s » à la place de la personne proposée.")
            % {"name": person, "offer": line.offer.title},
        )
    return _back_to_board(request, line)


@staff_required
@require_POST
def line_reject(request, pk):
    line = _line_for_user(request, pk)
    form = LineRejectForm(request.POST, line=line)
    if not form.is_valid():
        return _refused(request, form, line)
    try:
        services.assignment_line_reject(line=line, reason=form.cleaned_data["reason"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Proposition écartée : elle ne sera plus faite pour cette offre."))
    return _back_to_board(request, line)


# --- Settings --------------------------------------------------------------------------------


@direction_required
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    current = MatchingSettings.for_structure(request.structure)
    form = MatchingSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.matching_settings_update(structure=request.structure, by=request.user, **form.values())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Réglages du rapprochement enregistrés."))
            return redirect("matching:settings")
    return render(request, "matching/settings.html", {"form": form, "uses_defaults": current.pk is None})


@direction_required
@require_POST
def settings_reset(request):
    services.matching_settings_reset(structure=request.structure, by=request.user)
    messages.success(request, _("Les réglages du rapprochement sont revenus aux valeurs par défaut."))
    return redirect("matching:settings")
