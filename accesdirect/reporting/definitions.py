"""Every figure of the results, defined once: its code, French label and definition, unit, and
how it is computed. The pages, the "Définitions" page, the PDF/XLSX reports and the API all
read their numbers from `results(filters)` and their words from `INDICATORS`/`BREAKDOWNS`.

Public API (stable, used by the exports):
- `Filters`: what to report on (structures, period, site, programme, prescriber, CRE, grace
  days, the "6 months or more" variant of durable employment);
- `results(filters) -> Results`: every indicator and breakdown;
- `INDICATORS`, `BREAKDOWNS`, `indicator(code)`: the definitions, in page order;
- `savings` lives in reporting/savings.py.

The person filters (site, programme, prescriber organisation, CRE) select spells (see
reporting/cohort.py); PERs and tripartite reviews follow the people of the selected spells.
Offers and company contacts belong to no person: only the CRE filter applies to them (the
offers they captured, the contacts they made).
"""

import dataclasses
import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import CharField, Count, F, IntegerField, Min, Q, Value
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from accesdirect.companies.models import CompanyContact
from accesdirect.core.calendar import PARIS, add_months, paris_date
from accesdirect.offers.enums import OfferSource, OfferStatus, PositioningStatus
from accesdirect.offers.models import Offer
from accesdirect.seekers.enums import ExitReason, ReviewOutcome
from accesdirect.seekers.models import EngagementPeriod, TripartiteReview
from accesdirect.structures.enums import Role
from accesdirect.structures.models import Membership

from .cohort import Cohort, Spell, build_cohort
from .enums import Unit
from .models import ReportingSettings


@dataclasses.dataclass(frozen=True)
class Filters:
    """What a report covers. `structure_ids`: one structure, or a network's. `grace_days`
    None reads the first structure's setting (the structure of the person asking)."""

    structure_ids: tuple[int, ...]
    start: datetime.date
    end: datetime.date
    site_id: int | None = None
    programme: str = ""
    organisation_id: int | None = None
    cre_id: int | None = None
    grace_days: int | None = None
    six_months_or_more: bool = False

    def months(self) -> int:
        """Calendar months the period touches (1 January – 31 December: 12)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def selects(self, spell: Spell) -> bool:
        return (
            (self.site_id is None or spell.site_id == self.site_id)
            and (not self.programme or spell.programme == self.programme)
            and (self.organisation_id is None or spell.organisation_id == self.organisation_id)
            and (self.cre_id is None or spell.cre_id == self.cre_id)
        )


@dataclasses.dataclass
class Data:
    """What the computations read: the selected spells, and the rows of the period."""

    filters: Filters
    settings: ReportingSettings
    grace_days: int
    cohort: Cohort
    spells: list[Spell]  # selected by the person filters, in the file during the period
    periods: list[dict]
    reviews: list[dict]
    offers: list[dict]
    contacts: dict[int, int]  # contacts of the period per CRE
    cre_names: dict[int, str]

    @property
    def people(self) -> set[int]:
        return {spell.job_seeker_id for spell in self.spells}

    def entries(self) -> list[Spell]:
        return [spell for spell in self.spells if self.filters.start <= spell.entry <= self.filters.end]

    def exits(self) -> list[Spell]:
        return [
            spell
            for spell in self.spells
            if spell.exit is not None and self.filters.start <= spell.exit <= self.filters.end
        ]

    def back_in_job(self) -> set[int]:
        return {spell.job_seeker_id for spell in self.spells if spell.first_job is not None}

    def durable(self) -> set[int]:
        variant = self.filters.six_months_or_more
        return {
            spell.job_seeker_id
            for spell in self.spells
            if spell.durable_start(six_months_or_more=variant) is not None
        }


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _days(spells: list[Spell], attribute: str) -> list[int]:
    return [(getattr(spell, attribute) - spell.entry).days for spell in spells if getattr(spell, attribute)]


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


def _filled_days(data: Data) -> list[int]:
    return [
        (row["hired_on"] - row["captured_on"]).days
        for row in data.offers
        if row["status"] == OfferStatus.FILLED and row["hired_on"] is not None
    ]


def _presented_by_captor(data: Data) -> float | None:
    """Proposals made in the period (and by the CRE filtered on, if any)."""
    start, end, cre = data.filters.start, data.filters.end, data.filters.cre_id
    made = [
        (presenter, captor)
        for _person, day, presenter, captor in data.cohort.proposals
        if start <= day <= end and (cre is None or presenter == cre)
    ]
    return _rate(sum(1 for presenter, captor in made if presenter == captor), len(made))


@dataclasses.dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    definition: Promise
    unit: str
    compute: Callable[[Data], Any]
    section: str = "people"

    @property
    def unit_label(self) -> str:
        return str(Unit(self.unit).label)


SECTIONS = {
    "people": _("Personnes accompagnées et retour à l'emploi"),
    "delays": _("Délais"),
    "per": _("PER et bilans tripartites"),
    "offers": _("Offres et entreprises"),
}

INDICATORS: list[Indicator] = [
    Indicator(
        "accompanied",
        _("Personnes accompagnées"),
        _(
            "Personnes dans le dossier au moins un jour de la période : entrées (date de la "
            "prescription) avant la fin de la période et non sorties avant son début. Une personne "
            "comptée une fois, même avec deux accompagnements dans la période."
        ),
        Unit.PEOPLE,
        lambda data: len(data.people),
    ),
    Indicator(
        "entries",
        _("Entrées"),
        _(
            "Accompagnements commencés dans la période : une prescription d'une personne qui n'était "
            "pas dans le dossier. Une nouvelle prescription d'une personne sortie (une reprise) est "
            "une entrée."
        ),
        Unit.COUNT,
        lambda data: len(data.entries()),
    ),
    Indicator(
        "exits",
        _("Sorties"),
        _("Accompagnements terminés dans la période (fin d'accompagnement enregistrée), tous motifs."),
        Unit.COUNT,
        lambda data: len(data.exits()),
    ),
    Indicator(
        "back_in_job",
        _("Retour à l'emploi"),
        _(
            "Personnes accompagnées dont un emploi (tout contrat) a commencé entre leur entrée et leur "
            "sortie plus le délai de grâce (réglage de la structure, 90 jours par défaut). Une "
            "personne comptée une fois, quel que soit le nombre de ses emplois. Une immersion n'est "
            "jamais un emploi."
        ),
        Unit.PEOPLE,
        lambda data: len(data.back_in_job()),
    ),
    Indicator(
        "back_in_job_rate",
        _("Taux de retour à l'emploi"),
        _("Retour à l'emploi ÷ personnes accompagnées."),
        Unit.PERCENT,
        lambda data: _rate(len(data.back_in_job()), len(data.people)),
    ),
    Indicator(
        "durable",
        _("Emploi durable"),
        _(
            "Personnes de retour à l'emploi dont un emploi durable a commencé dans la même fenêtre : "
            "un CDI, ou un CDD de plus de six mois (variante « six mois ou plus » au choix : un CDD "
            "du 1er janvier au 30 juin compte alors)."
        ),
        Unit.PEOPLE,
        lambda data: len(data.durable()),
    ),
    Indicator(
        "durable_share",
        _("Part d'emploi durable"),
        _("Emploi durable ÷ retour à l'emploi."),
        Unit.PERCENT,
        lambda data: _rate(len(data.durable()), len(data.back_in_job())),
    ),
    Indicator(
        "immersions",
        _("Personnes en immersion"),
        _(
            "Personnes accompagnées dont une immersion (non annulée) a commencé pendant leur "
            "accompagnement. Comptées à part : une immersion n'est jamais un emploi."
        ),
        Unit.PEOPLE,
        lambda data: len({spell.job_seeker_id for spell in data.spells if spell.immersion}),
    ),
    Indicator(
        "days_to_proposal_median",
        _("Jours de l'entrée à la première proposition (médiane)"),
        _(
            "Pour les entrées de la période qui ont reçu une proposition de poste : jours entre la "
            "prescription et la première proposition (positionnement sur une offre). Médiane."
        ),
        Unit.DAYS,
        lambda data: _median(_days(data.entries(), "first_proposal")),
        "delays",
    ),
    Indicator(
        "days_to_proposal_mean",
        _("Jours de l'entrée à la première proposition (moyenne)"),
        _("La même mesure, en moyenne."),
        Unit.DAYS,
        lambda data: _mean(_days(data.entries(), "first_proposal")),
        "delays",
    ),
    Indicator(
        "days_to_job_median",
        _("Jours de l'entrée au premier emploi (médiane)"),
        _(
            "Pour les entrées de la période de retour à l'emploi : jours entre la prescription et le "
            "début du premier emploi. Médiane."
        ),
        Unit.DAYS,
        lambda data: _median(_days(data.entries(), "first_job")),
        "delays",
    ),
    Indicator(
        "days_to_job_mean",
        _("Jours de l'entrée au premier emploi (moyenne)"),
        _("La même mesure, en moyenne."),
        Unit.DAYS,
        lambda data: _mean(_days(data.entries(), "first_job")),
        "delays",
    ),
    Indicator(
        "periods_signed",
        _("PER signés"),
        _("Périodes d'engagement réciproque signées dans la période."),
        Unit.COUNT,
        lambda data: len(data.periods),
        "per",
    ),
    Indicator(
        "periods_renewed",
        _("PER renouvelés"),
        _("PER signés dans la période qui suivent un PER du même cycle (deuxième ou troisième PER)."),
        Unit.COUNT,
        lambda data: sum(1 for row in data.periods if row["number"] > 1),
        "per",
    ),
    Indicator(
        "cycles",
        _("Cycles de PER"),
        _("Cycles (jusqu'à trois PER) où un PER a été signé dans la période."),
        Unit.COUNT,
        lambda data: len({(row["job_seeker_id"], row["cycle"]) for row in data.periods}),
        "per",
    ),
    Indicator(
        "reviews",
        _("Bilans tripartites"),
        _("Bilans tripartites tenus dans la période (détail par décision ci-dessous)."),
        Unit.COUNT,
        lambda data: len(data.reviews),
        "per",
    ),
    Indicator(
        "offers_captured",
        _("Offres recueillies"),
        _("Offres recueillies dans la période (détail par origine ci-dessous)."),
        Unit.COUNT,
        lambda data: len(data.offers),
        "offers",
    ),
    Indicator(
        "offers_positioned",
        _("Offres positionnées"),
        _("Offres recueillies dans la période sur lesquelles au moins une personne a été positionnée."),
        Unit.COUNT,
        lambda data: sum(1 for row in data.offers if row["first_positioning"] is not None),
        "offers",
    ),
    Indicator(
        "offers_filled",
        _("Offres pourvues"),
        _("Offres recueillies dans la période et pourvues par une personne accompagnée."),
        Unit.COUNT,
        lambda data: sum(1 for row in data.offers if row["status"] == OfferStatus.FILLED),
        "offers",
    ),
    Indicator(
        "offers_expired",
        _("Offres expirées"),
        _("Offres recueillies dans la période et expirées sans être pourvues."),
        Unit.COUNT,
        lambda data: sum(1 for row in data.offers if row["status"] == OfferStatus.EXPIRED),
        "offers",
    ),
    Indicator(
        "days_to_fill_median",
        _("Jours pour pourvoir une offre (médiane)"),
        _("Pour les offres pourvues : jours entre le recueil de l'offre et l'embauche. Médiane."),
        Unit.DAYS,
        lambda data: _median(_filled_days(data)),
        "offers",
    ),
    Indicator(
        "days_to_fill_mean",
        _("Jours pour pourvoir une offre (moyenne)"),
        _("La même mesure, en moyenne."),
        Unit.DAYS,
        lambda data: _mean(_filled_days(data)),
        "offers",
    ),
    Indicator(
        "presented_by_captor",
        _("Offres présentées par le ou la CRE qui les a recueillies"),
        _(
            "Part des propositions de poste faites dans la période par le ou la CRE qui a recueilli "
            "l'offre (principe B : qui recueille l'offre la présente)."
        ),
        Unit.PERCENT,
        _presented_by_captor,
        "offers",
    ),
    Indicator(
        "contacts_per_month",
        _("Contacts entreprise par mois"),
        _("Contacts avec des entreprises enregistrés dans la période, divisés par ses mois (tous les CRE)."),
        Unit.PER_MONTH,
        lambda data: round(sum(data.contacts.values()) / data.filters.months(), 1),
        "offers",
    ),
]


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of a breakdown: a label and its figures (numbers or None)."""

    key: Any
    label: str
    values: tuple


@dataclasses.dataclass(frozen=True)
class Breakdown:
    code: str
    label: Promise
    definition: Promise
    columns: tuple
    compute: Callable[[Data], list[Row]]


def _exits_by_reason(data: Data) -> list[Row]:
    counts = Counter(spell.exit_reason for spell in data.exits())
    return [Row(reason.value, str(reason.label), (counts.get(reason.value, 0),)) for reason in ExitReason]


def _offers_by_source(data: Data) -> list[Row]:
    counts = Counter(row["source"] for row in data.offers)
    return [Row(source.value, str(source.label), (counts.get(source.value, 0),)) for source in OfferSource]


def _reviews_by_outcome(data: Data) -> list[Row]:
    counts = Counter(row["outcome"] for row in data.reviews)
    return [
        Row(outcome.value, str(outcome.label), (counts.get(outcome.value, 0),)) for outcome in ReviewOutcome
    ]


def _cre_label(data: Data, cre_id) -> str:
    return data.cre_names.get(cre_id) or str(_("Compte retiré"))


def _contacts_per_cre(data: Data) -> list[Row]:
    counts = data.contacts
    months = data.filters.months()
    return [
        Row(cre_id, _cre_label(data, cre_id), (count, round(count / months, 1)))
        for cre_id, count in sorted(counts.items(), key=lambda item: _cre_label(data, item[0]))
    ]


def _objectives(data: Data) -> list[Row]:
    """Per CRE: people they accompany (spell's CRE), those back in a job within the objective's
    months of their entry, the rate, the objective, and the progress towards it."""
    months, objective = data.settings.objective_months, data.settings.objective_percent
    people: dict[int, set] = defaultdict(set)
    placed: dict[int, set] = defaultdict(set)
    for spell in data.spells:
        if spell.cre_id is None:
            continue
        people[spell.cre_id].add(spell.job_seeker_id)
        if spell.first_job is not None and spell.first_job <= add_months(spell.entry, months):
            placed[spell.cre_id].add(spell.job_seeker_id)
    rows = []
    for cre_id in sorted(people, key=lambda cre_id: _cre_label(data, cre_id)):
        rate = _rate(len(placed[cre_id]), len(people[cre_id]))
        progress = round(100 * rate / objective, 1) if rate is not None else None
        rows.append(
            Row(
                cre_id,
                _cre_label(data, cre_id),
                (len(people[cre_id]), len(placed[cre_id]), rate, objective, progress),
            )
        )
    return rows


BREAKDOWNS: list[Breakdown] = [
    Breakdown(
        "exits_by_reason",
        _("Sorties par motif"),
        _("Les sorties de la période, par motif enregistré à la fin de l'accompagnement."),
        (_("Sorties"),),
        _exits_by_reason,
    ),
    Breakdown(
        "reviews_by_outcome",
        _("Bilans tripartites par décision"),
        _("Les bilans tripartites tenus dans la période, par décision."),
        (_("Bilans"),),
        _reviews_by_outcome,
    ),
    Breakdown(
        "offers_by_source",
        _("Offres recueillies par origine"),
        _("Les offres recueillies dans la période : prospection, formulaire « J'ai une offre », autre."),
        (_("Offres"),),
        _offers_by_source,
    ),
    Breakdown(
        "contacts_per_cre",
        _("Contacts entreprise par CRE"),
        _("Contacts avec des entreprises enregistrés dans la période par chaque CRE, au total et par mois."),
        (_("Contacts"), _("Par mois")),
        _contacts_per_cre,
    ),
    Breakdown(
        "objectives",
        _("Objectif par CRE"),
        _(
            "Pour chaque CRE, les personnes qu'il ou elle accompagne (le ou la CRE de l'accueil de "
            "leur accompagnement, à défaut celui ou celle de leur première proposition) : part de "
            "retour à l'emploi dans les douze mois (réglage) qui suivent l'entrée, objectif de la "
            "structure (60 % par défaut) et avancement (taux ÷ objectif). Les personnes entrées "
            "depuis moins d'un an ont encore le temps."
        ),
        (_("Personnes"), _("En emploi dans le délai"), _("Taux (%)"), _("Objectif (%)"), _("Avancement (%)")),
        _objectives,
    ),
]


def indicator(code: str) -> Indicator:
    return next(item for item in INDICATORS if item.code == code)


@dataclasses.dataclass
class Results:
    """Every figure for `filters`: `values[code]` per indicator (None when it has no
    denominator), `breakdowns[code]` a list of Row."""

    filters: Filters
    grace_days: int
    values: dict[str, Any]
    breakdowns: dict[str, list[Row]]

    def __getitem__(self, code: str):
        return self.values[code]

    def lines(self, section: str | None = None) -> list[tuple[Indicator, Any]]:
        return [(item, self.values[item.code]) for item in INDICATORS if section in (None, item.section)]


def staff_names(structure_ids) -> dict[int, str]:
    """The CREs (and direction) of the structures, by user id: the CRE filter's choices."""
    with scope(structure=list(structure_ids)):
        rows = (
            Membership.objects.filter(structure_id__in=structure_ids, role__in=[Role.CRE, Role.DIRECTION])
            .values("user_id", "user__first_name", "user__last_name", "user__email")
            .order_by("user__last_name", "user__first_name")
        )
        return {
            row["user_id"]: f"{row['user__first_name']} {row['user__last_name']}".strip()
            or row["user__email"]
            for row in rows
        }


def paris_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)


def load_data(
    filters: Filters, *, settings: ReportingSettings | None = None, cre_names=None, people_only: bool = False
) -> Data:
    """The spells and rows a report reads (see `results`); `people_only` reads the spells alone
    (the savings need no PER, offer or contact)."""
    ids = list(filters.structure_ids)
    settings = settings or ReportingSettings.for_structure(ids[0])
    grace = settings.grace_days if filters.grace_days is None else filters.grace_days
    cohort = build_cohort(structure_ids=ids, grace_days=grace)
    spells = [
        spell
        for spell in cohort.spells
        if spell.in_file_during(filters.start, filters.end) and filters.selects(spell)
    ]
    people = {spell.job_seeker_id for spell in spells}
    if people_only:
        return Data(filters, settings, grace, cohort, spells, [], [], [], {}, cre_names or {})
    period = {"structure_id__in": ids}
    with scope(structure=ids):
        # PERs and reviews in one query (a union of the same columns).
        periods_and_reviews = list(
            EngagementPeriod.objects.filter(**period, signed_on__range=(filters.start, filters.end))
            .order_by()
            .values("job_seeker_id", "cycle", "number", kind=Value("", output_field=CharField()))
            .union(
                TripartiteReview.objects.filter(**period, held_on__range=(filters.start, filters.end))
                .order_by()
                .values(
                    "job_seeker_id",
                    cycle=Value(0, output_field=IntegerField()),
                    number=Value(0, output_field=IntegerField()),
                    kind=F("outcome"),
                ),
                all=True,
            )
        )
        offers = Offer.objects.filter(**period, captured_on__range=(filters.start, filters.end))
        contacts = CompanyContact.objects.filter(**period)
        if filters.cre_id is not None:
            offers = offers.filter(captured_by_id=filters.cre_id)
            contacts = contacts.filter(by_id=filters.cre_id)
        offer_rows = list(
            offers.order_by()
            .annotate(
                # Through the join, not a correlated subquery: in the structure's scope, SQLite
                # would read the structure's positionings once per offer.
                first_positioning=Min("positionings__id"),
                hired_at=Min(
                    "positionings__steps__at", filter=Q(positionings__steps__status=PositioningStatus.HIRED)
                ),
            )
            .values("source", "status", "captured_on", "first_positioning", "hired_at")
        )
        # Counted by the database, per CRE, between the period's first and last day in Paris.
        contact_counts = dict(
            contacts.filter(occurred_at__gte=paris_midnight(filters.start))
            .filter(occurred_at__lt=paris_midnight(filters.end + datetime.timedelta(days=1)))
            .order_by()
            .values("by_id")
            .annotate(count=Count("id"))
            .values_list("by_id", "count")
        )
    for row in offer_rows:
        row["hired_on"] = paris_date(row["hired_at"]) if row["hired_at"] else None
    return Data(
        filters=filters,
        settings=settings,
        grace_days=grace,
        cohort=cohort,
        spells=spells,
        periods=[row for row in periods_and_reviews if not row["kind"] and row["job_seeker_id"] in people],
        reviews=[
            {**row, "outcome": row["kind"]}
            for row in periods_and_reviews
            if row["kind"] and row["job_seeker_id"] in people
        ],
        offers=offer_rows,
        contacts=contact_counts,
        cre_names=cre_names if cre_names is not None else staff_names(ids),
    )


def results(
    filters: Filters,
    *,
    settings: ReportingSettings | None = None,
    cre_names: dict | None = None,
    data: Data | None = None,
) -> Results:
    """Every indicator and breakdown for `filters`. `settings` (the first structure's, read
    when not given) gives the grace days, when the filters do not, and the CRE objective;
    `cre_names` (staff_names) saves a query when the caller already has them."""
    # `data` (load_data) when the caller reads it for another output too (the funder report).
    data = data or load_data(filters, settings=settings, cre_names=cre_names)
    return Results(
        filters=filters,
        grace_days=data.grace_days,
        values={item.code: item.compute(data) for item in INDICATORS},
        breakdowns={item.code: item.compute(data) for item in BREAKDOWNS},
    )


__all__ = [
    "BREAKDOWNS",
    "INDICATORS",
    "SECTIONS",
    "Breakdown",
    "Filters",
    "Indicator",
    "Results",
    "Row",
    "indicator",
    "load_data",
    "results",
    "staff_names",
]
