"""Pages of matching: the ranked candidates of an offer and the ranked offers of a person
(fragments loaded by their pages), the Monday board with the weekly draft and the decisions on
its lines, and the structure's settings.

The rankings are read through matching.queries, the decisions written through
matching.services; positioning from a ranking posts to the offer's own positioning view."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
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


# The context of a fragment without ranking (an offer no longer open, a person not accompanied).
NO_RANKING = {"ranking": None, "rows": [], "filtered_rows": [], "more_url": ""}


def _shown(request) -> int:
    raw = request.GET.get("n", "")
    return max(1, min(int(raw), SHOWN_MAX)) if raw.isascii() and raw.isdigit() else SHOWN


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
# The page is a frame: each section is fetched when it scrolls into view (htmx, "revealed"), or
# opened as its own page without script, and pages its rows; the decision forms of a line of
# the draft are fetched when the line's "Choisir une autre personne" or "Écarter" is opened.


DRAFT_SECTIONS = ("lines", "offers_without_candidate", "people_without_offer")
# French slugs of the sections' URLs.
SECTION_SLUGS = {
    "new_offers": "nouvelles-offres",
    "positionings": "positionnements",
    "outcomes": "issues",
    "placements": "mises-a-l-emploi",
    "periods_ending": "fins-de-per",
    "without_proposal": "sans-proposition",
    "follow_ups": "relances",
    "lines": "proposition",
    "offers_without_candidate": "offres-sans-candidat",
    "people_without_offer": "personnes-sans-offre",
}
SECTIONS_BY_SLUG = {slug: name for name, slug in SECTION_SLUGS.items()}
BOARD_PER_PAGE = 25
# A line shows its proposal and two alternatives, each explained: ten make a page.
DRAFT_LINES_PER_PAGE = 10
GROUPS_PER_PAGE = 20


def _section_title(name: str, weeks: int) -> str:
    titles = {
        "new_offers": _("Nouvelles offres de la semaine"),
        "positionings": _("Positionnements en cours"),
        "outcomes": _("Issues des entretiens de la semaine"),
        "placements": _("Mises à l'emploi de la semaine"),
        "periods_ending": _("PER qui se terminent d'ici deux semaines"),
        "without_proposal": ngettext(
            "Sans proposition depuis plus d'une semaine",
            "Sans proposition depuis plus de %(counter)s semaines",
            weeks,
        )
        % {"counter": weeks},
        "follow_ups": _("Relances entreprises à faire"),
        "lines": _("Offres et personnes proposées"),
        "offers_without_candidate": _("Offres sans candidat compatible"),
        "people_without_offer": _("Personnes sans offre compatible"),
    }
    return titles[name]


def _board_weeks(request) -> int:
    """The weeks of the "sans proposition" section: from the page's field, else the settings."""
    form = BoardForm(request.GET or None)
    weeks = form.cleaned_data.get("semaines") if form.is_valid() else None
    return weeks or MatchingSettings.for_structure(request.structure).without_proposal_weeks


def _section_url(name: str, weeks: int | None = None, page: int | None = None) -> str:
    query = {key: value for key, value in (("semaines", weeks), ("page", page)) if value}
    url = reverse("matching:board_section", kwargs={"slug": SECTION_SLUGS[name]})
    return f"{url}?{urlencode(query)}" if query else url


@staff_required
def board(request):
    today = timezone.localdate()
    weeks = _board_weeks(request)
    draft = queries.draft_for_board()
    sections = [
        {
            "name": name,
            "slug": SECTION_SLUGS[name],
            "title": _section_title(name, weeks),
            "url": _section_url(name, weeks if name == "without_proposal" else None),
        }
        for name in (*queries.BOARD_SECTIONS, *(DRAFT_SECTIONS if draft else ()))
    ]
    context = {
        "today": today,
        "since": queries.board_since(today),
        "weeks": weeks,
        "sections": sections[: len(queries.BOARD_SECTIONS)],
        "draft_sections": sections[len(queries.BOARD_SECTIONS) :],
        "draft": draft,
    }
    if draft is not None:
        context.update(
            draft_is_open=draft.status == DraftStatus.OPEN,
            draft_is_old=draft.week_start != services.week_start(today),
        )
    return render(request, "matching/board.html", context)


@staff_required
@require_GET
@vary_on_headers("HX-Request")
def board_section(request, slug):
    """One section of the board, a page of its rows: the fragment the board fetches, or without
    script a page of its own (where the decisions on the draft's lines come back)."""
    name = SECTIONS_BY_SLUG.get(slug)
    if name is None:
        raise Http404
    weeks = _board_weeks(request) if name == "without_proposal" else None
    context = {
        "name": name,
        "slug": slug,
        "title": _section_title(name, weeks or 0),
        "weeks": weeks,
    }
    if name in DRAFT_SECTIONS:
        draft = queries.draft_for_board(with_lists=name != "lines")
        if draft is None:
            raise Http404
        context.update(_draft_section(request, name, draft))
    else:
        today = timezone.localdate()
        section = queries.board_section(name, today=today, weeks_without_proposal=weeks or 0)
        context["page_obj"] = paginate(request, section, per_page=BOARD_PER_PAGE)
    page_obj = context["page_obj"]
    context.update(
        heading="h3" if name in DRAFT_SECTIONS else "h2",
        count=context.get("people_count", page_obj.paginator.count),
        badge={"placements": "badge-ok", "without_proposal": "badge-warn"}.get(name, ""),
        rows_template=f"matching/includes/board/{name}.html",
        previous_url=_section_url(name, weeks, page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        next_url=_section_url(name, weeks, page_obj.next_page_number()) if page_obj.has_next() else "",
    )
    return render_page_or_fragment(
        request,
        page="matching/board_section.html",
        fragment="matching/includes/board_section.html",
        context=context,
    )


def _draft_section(request, name: str, draft) -> dict:
    if name == "lines":
        page_obj = paginate(request, queries.draft_lines(draft), per_page=DRAFT_LINES_PER_PAGE)
        return {
            "page_obj": page_obj,
            "rows": queries.draft_rows(page_obj.object_list),
            "draft_is_open": draft.status == DraftStatus.OPEN,
        }
    if name == "offers_without_candidate":
        page_obj = paginate(request, draft.offers_without_candidate, per_page=BOARD_PER_PAGE)
        return {"page_obj": page_obj, "rows": queries.draft_offers_without_candidate(page_obj.object_list)}
    page_obj = paginate(request, draft.people_without_offer, per_page=GROUPS_PER_PAGE)
    return {
        "page_obj": page_obj,
        "rows": queries.draft_people_without_offer(page_obj.object_list),
        "people_count": queries.draft_people_count(draft),
    }


def _back_to_board(request, line: AssignmentLine | None = None):
    """After a decision: back to the draft's lines, at the page and the line decided."""
    if line is None:
        return redirect(reverse("matching:board") + "#proposition")
    page = request.POST.get("page", "")
    page = int(page) if page.isascii() and page.isdigit() else None
    return redirect(_section_url("lines", page=page) + f"#ligne-{line.pk}")


def _refused(request, form, line: AssignmentLine):
    """A decision form that did not validate: its French messages, back on the board."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _back_to_board(request, line)


def _line_form_page(
    request, *, line: AssignmentLine, form, action: str, title: str, submit: str, danger: bool
):
    """The form of a decision on a line, fetched when its part of the line is opened."""
    context = {
        "line": line,
        "form": form,
        "action": reverse(action, args=[line.pk]),
        "title": title,
        "submit": submit,
        "danger": danger,
        "page": request.GET.get("page", ""),
    }
    return render_page_or_fragment(
        request, page="matching/line_form.html", fragment="matching/includes/line_form.html", context=context
    )


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
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def line_change(request, pk):
    line = _line_for_user(request, pk)
    people = JobSeeker.objects.in_bulk(line.alternative_ids)
    form = LineChangeForm(request.POST or None, line=line, people=people)
    if request.method == "GET":
        return _line_form_page(
            request,
            line=line,
            form=form,
            action="matching:line_change",
            title=_("Choisir une autre personne"),
            submit=_("Positionner cette personne"),
            danger=False,
        )
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
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def line_reject(request, pk):
    line = _line_for_user(request, pk)
    form = LineRejectForm(request.POST or None, line=line)
    if request.method == "GET":
        return _line_form_page(
            request,
            line=line,
            form=form,
            action="matching:line_reject",
            title=_("Écarter la proposition"),
            submit=_("Écarter"),
            danger=True,
        )
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
