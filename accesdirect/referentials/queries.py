"""Reads of the referentials: the autocomplete searches and the labels they show."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from .models import Appellation, Commune
from .text import fold

AUTOCOMPLETE_LIMIT = 20


def communes_matching(query: str, *, limit: int = AUTOCOMPLETE_LIMIT) -> QuerySet[Commune]:
    """Communes whose name words start with the typed words ("saint jean" finds
    Saint-Jean-de-Luz), or whose postal code starts with the typed digits; the biggest first."""
    compact = query.replace(" ", "")
    if compact.isdigit():
        by_code = Q(postal_codes__startswith=compact) | Q(postal_codes__contains=f" {compact}")
        return Commune.objects.filter(by_code).order_by("-population", "name")[:limit]
    folded = fold(query)
    if not folded:
        return Commune.objects.none()
    return (
        Commune.objects.filter(_all_words_start(folded))
        .annotate(name_starts=_starts_with(folded))
        .order_by("name_starts", "-population", "name")[:limit]
    )


def appellations_matching(query: str, *, limit: int = AUTOCOMPLETE_LIMIT) -> QuerySet[Appellation]:
    """Appellations whose words start with the typed words ("agent menag" finds "Agent /
    Agente de ménage"), or of the typed ROME code; titles starting with the query first."""
    folded = fold(query)
    if not folded:
        return Appellation.objects.none()
    return (
        Appellation.objects.filter(_all_words_start(folded))
        .select_related("fiche")
        .annotate(label_starts=_starts_with(folded), label_length=Length("label"))
        .order_by("label_starts", "label_length", "label")[:limit]
    )


def commune_label(commune: Commune) -> str:
    return str(commune)


def appellation_label(appellation: Appellation) -> str:
    """The title with its ROME code: several fiches share close titles."""
    return f"{appellation.label} ({appellation.fiche.code})"


def _all_words_start(folded_query: str) -> Q:
    condition = Q()
    for word in folded_query.split():
        condition &= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
    return condition


def _starts_with(folded_query: str) -> Case:
    return Case(
        When(search_text__startswith=folded_query, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
