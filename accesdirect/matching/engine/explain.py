"""Explanations in plain French: three parts shown as a small scale and a word, a one-line
reason each, the priority sentence, and the reasons of a filtered pair. Never a percentage."""

import dataclasses

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import codes
from .codes import Filter, JobLevel
from .pool import OfferPool, PeoplePool
from .scoring import PairScores

PART_LABELS = {
    "job": gettext_lazy("Métier"),
    "commute": gettext_lazy("Trajet"),
    "conditions": gettext_lazy("Conditions"),
}
LEVEL_WORDS = {
    3: gettext_lazy("Très bon"),
    2: gettext_lazy("Bon"),
    1: gettext_lazy("Possible"),
    0: gettext_lazy("Faible"),
}
# The job part's scale: done or target job, close job, same historical fiche or domaine.
JOB_SCALE = {
    JobLevel.DONE: 3,
    JobLevel.TARGET: 3,
    JobLevel.CLOSE: 2,
    JobLevel.SAME_PARENT: 1,
    JobLevel.SAME_DOMAINE: 1,
    JobLevel.NONE: 0,
}
PROGRAMME_WORDS = {
    codes.Programme.RSA: gettext_lazy("au RSA"),
    codes.Programme.PLIE: gettext_lazy("en PLIE"),
    codes.Programme.CITY: gettext_lazy("dispositif ville"),
    codes.Programme.SENIOR: gettext_lazy("dispositif senior"),
}
_AVAILABILITY_BY_DAYS = {days: availability for availability, days in codes.AVAILABLE_IN_DAYS.items()}


@dataclasses.dataclass(frozen=True)
class Part:
    """One part of fit: `level` 0-3, shown as `scale` ("●●○") and `word` ("Bon")."""

    key: str
    level: int
    reason: str

    @property
    def label(self) -> str:
        return str(PART_LABELS[self.key])

    @property
    def scale(self) -> str:
        return "●" * self.level + "○" * (3 - self.level)

    @property
    def word(self) -> str:
        return str(LEVEL_WORDS[self.level])


@dataclasses.dataclass(frozen=True)
class Explanation:
    job: Part
    commute: Part
    conditions: Part
    priority: str
    # Why the pair is not compatible (hard filters); empty when it is.
    filtered: tuple[str, ...] = ()

    @property
    def parts(self) -> tuple[Part, Part, Part]:
        return (self.job, self.commute, self.conditions)

    @property
    def compatible(self) -> bool:
        return not self.filtered

    def as_dict(self) -> dict:
        """A JSON-ready snapshot (stored with the lines of a weekly draft)."""
        return {
            "parts": [{"key": p.key, "level": p.level, "reason": p.reason} for p in self.parts],
            "priority": self.priority,
            "filtered": list(self.filtered),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Explanation":
        job, commute, conditions = (Part(**part) for part in data["parts"])
        return cls(job, commute, conditions, data["priority"], tuple(data["filtered"]))


def explain(people: PeoplePool, offers: OfferPool, scores: PairScores, k: int) -> Explanation:
    """The explanation of the k-th pair of `scores`."""
    i, j = int(scores.people[k]), int(scores.offers[k])
    level = JobLevel(int(scores.job[k]))
    filters = Filter(int(scores.filters[k]))
    commute_level = 0 if Filter.TOO_FAR in filters else int(scores.commute[k])
    return Explanation(
        job=Part("job", JOB_SCALE[level], job_reason(people, i, offers, j, level)),
        commute=Part("commute", commute_level, commute_reason(scores, k)),
        conditions=Part(
            "conditions", int(scores.conditions[k]), conditions_reason(people, i, offers, j, scores, k)
        ),
        priority=priority_sentence(people, i),
        filtered=tuple(filter_reasons(people, i, offers, j, scores, k)),
    )


def job_reason(people: PeoplePool, i: int, offers: OfferPool, j: int, level: JobLevel) -> str:
    graph = people.graph
    offer_fiche, offer_appellation = int(offers.fiche[j]), int(offers.appellation[j])
    if level == JobLevel.NONE:
        return _("Métier sans lien avec ses postes visés")

    def closeness(target) -> tuple:
        appellation, fiche, has_experience, _commune = target
        order = graph.sources_of.get(offer_fiche, {}).get(fiche, 99)
        return (graph.level(fiche, has_experience, offer_fiche), appellation == offer_appellation, -order)

    appellation, fiche, _done, _commune = max(people.targets(i), key=closeness)
    label = graph.appellation_labels.get(appellation, "")
    if level in (JobLevel.DONE, JobLevel.TARGET) and appellation == offer_appellation:
        return _("A déjà exercé ce métier") if level == JobLevel.DONE else _("Poste visé")
    if level == JobLevel.DONE:
        return _("A déjà exercé « %(label)s », même fiche ROME") % {"label": label}
    if level == JobLevel.TARGET:
        return _("Poste visé « %(label)s », même fiche ROME") % {"label": label}
    if level == JobLevel.CLOSE:
        return _("Métier proche de %(label)s") % {"label": label}
    if level == JobLevel.SAME_PARENT:
        return _("Même fiche historique que %(label)s") % {"label": label}
    domaine = graph.fiches.get(offer_fiche)
    return _("Même domaine professionnel : %(domaine)s") % {
        "domaine": domaine.domaine_label if domaine else ""
    }


def _km(value: float) -> str:
    return f"{round(value):d}"


def commute_reason(scores: PairScores, k: int) -> str:
    distance, reach = float(scores.distance_km[k]), float(scores.reach_km[k])
    if distance != distance:  # nan: a commune without coordinates
        return _("Distance inconnue (portée %(reach)s km)") % {"reach": _km(reach)}
    if distance < 1:
        return _("Moins de 1 km (portée %(reach)s km)") % {"reach": _km(reach)}
    return _("%(distance)s km (portée %(reach)s km)") % {"distance": _km(distance), "reach": _km(reach)}


def conditions_reason(
    people: PeoplePool, i: int, offers: OfferPool, j: int, scores: PairScores, k: int
) -> str:
    phrases = []
    offer = offers.rows[j]
    contract = codes.Contract(offer.contract).label
    wanted = codes.values_of(int(people.wanted_contracts[i]), codes.CONTRACTS)
    if wanted and scores.contract_ok[k]:
        phrases.append(_("%(contract)s souhaité") % {"contract": contract})
    elif wanted:
        phrases.append(
            _("%(contract)s (souhaite : %(wanted)s)")
            % {"contract": contract, "wanted": ", ".join(str(value.label) for value in wanted)}
        )
    wanted_time, offer_time = int(people.wanted_time[i]), int(offers.time[j])
    time_labels = {1: _("temps plein"), 2: _("temps partiel")}
    if wanted_time and offer_time and scores.time_ok[k]:
        phrases.append(_("%(time)s souhaité") % {"time": time_labels[wanted_time]})
    elif wanted_time and offer_time:
        phrases.append(
            _("%(time)s (souhaite : %(wanted)s)")
            % {"time": time_labels[offer_time], "wanted": time_labels[wanted_time]}
        )
    if not scores.start_ok[k]:
        availability = _AVAILABILITY_BY_DAYS.get(int(people.available_in[i]), codes.Availability.LATER)
        start = (
            _("démarrage le %(date)s") % {"date": offer.starts_on.strftime("%d/%m/%Y")}
            if offer.starts_on
            else _("démarrage immédiat")
        )
        phrases.append(
            _("%(start)s (disponibilité : %(availability)s)")
            % {"start": start, "availability": str(availability.label).lower()}
        )
    if not phrases:
        return _("Conforme à ses souhaits")
    sentence = ", ".join(str(phrase) for phrase in phrases)
    return sentence[:1].upper() + sentence[1:]


def priority_sentence(people: PeoplePool, i: int) -> str:
    """ "sans emploi depuis 38 mois, aucune proposition depuis 9 semaines, au RSA"."""
    parts = []
    months = int(people.months_without_work[i])
    if months == 0:
        parts.append(_("sans emploi depuis moins d'un mois"))
    elif months > 0:
        parts.append(
            ngettext("sans emploi depuis %(n)d mois", "sans emploi depuis %(n)d mois", months) % {"n": months}
        )
    weeks = int(people.weeks_since_proposal[i])
    if weeks < 0:
        parts.append(_("aucune proposition de poste jusqu'ici"))
    elif weeks == 0:
        parts.append(_("une proposition cette semaine"))
    else:
        parts.append(
            ngettext(
                "aucune proposition depuis %(n)d semaine", "aucune proposition depuis %(n)d semaines", weeks
            )
            % {"n": weeks}
        )
    programme = codes.PROGRAMMES[int(people.programme[i])]
    if programme in PROGRAMME_WORDS:
        parts.append(str(PROGRAMME_WORDS[programme]))
    if people.in_job[i]:
        parts.append(_("en emploi en ce moment (après les personnes sans emploi pour un emploi durable)"))
    return ", ".join(parts)


def filter_reasons(
    people: PeoplePool, i: int, offers: OfferPool, j: int, scores: PairScores, k: int
) -> list[str]:
    filters = Filter(int(scores.filters[k]))
    reasons = []
    if Filter.OFFER_POSITIONED in filters:
        reasons.append(_("Offre déjà positionnée"))
    if Filter.OFFER_CLOSED in filters:
        status = codes.OFFER_STATUSES[int(offers.status[j])]
        reasons.append(_("Offre fermée (%(status)s)") % {"status": str(status.label).lower()})
    if Filter.PERSON_INACTIVE in filters:
        status = codes.SEEKER_STATUSES[int(people.status[i])]
        reasons.append(_("Personne hors accompagnement (%(status)s)") % {"status": str(status.label).lower()})
    if Filter.REFUSED in filters:
        reasons.append(_("Déjà refusée"))
    if Filter.JOB_UNRELATED in filters:
        reasons.append(_("Métier sans lien avec ses postes visés"))
    if Filter.TOO_FAR in filters:
        reasons.append(
            _("Trop loin : %(distance)s km pour une portée de %(reach)s km")
            % {"distance": _km(float(scores.distance_km[k])), "reach": _km(float(scores.reach_km[k]))}
        )
    if Filter.LICENCE in filters:
        reasons.append(_("Permis B exigé"))
    if Filter.CONDITIONS in filters:
        conflicts = codes.values_of(int(people.unavailable[i] & offers.conditions[j]), codes.WORK_CONDITIONS)
        labels = ", ".join(str(condition.label).lower() for condition in conflicts)
        reasons.append(
            ngettext(
                "Condition impossible pour la personne : %(conditions)s",
                "Conditions impossibles pour la personne : %(conditions)s",
                len(conflicts),
            )
            % {"conditions": labels}
        )
    return reasons
