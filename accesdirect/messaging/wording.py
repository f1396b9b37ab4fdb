"""Checking a structure's own wording of a message before it is saved.

A wording is rendered with sample values (long ones, so that real messages fit too), turned
into GSM-7 and its SMS segments counted against the kind's limit (templates.MAX_SEGMENTS); the
wording of a kind only ever sent by e-mail is shown as written, with no SMS limit.
Only a few template tags are allowed: a wording must never read files ({% include %}) or
print its context ({% debug %})."""

import dataclasses
import re

from django.template import Context, Engine

from .gsm import is_gsm7, segment_count, septets, to_gsm7
from .templates import DEFAULTS, EMAIL_ONLY_KINDS, MAX_SEGMENTS

ALLOWED_TAGS = frozenset({"if", "elif", "else", "endif", "firstof", "comment", "endcomment"})
_TAG = re.compile(r"{%\s*(\w*)")
_VARIABLE = re.compile(r"{{\s*(\w+)")
_UNKNOWN = "\x00UNKNOWN:%s\x00"
_UNKNOWN_FOUND = re.compile(r"\x00UNKNOWN:(.*?)\x00")
# Renders like templates._ENGINE, but marks the variables that the message will not know.
_CHECK_ENGINE = Engine(autoescape=False, debug=False, string_if_invalid=_UNKNOWN)

# Long but realistic values: a wording that fits with them fits with nearly every real message.
SAMPLE_VALUES = {
    "code": "482913",
    "date": "mercredi 25 novembre",
    "time": "14h30",
    "staff": "Camille M.",
    "place": "Antenne du Hédas, 12 rue Castetnau",
    "title": "Agent / Agente d'entretien de locaux",
    "commune": "Lescar",
    "company": "Boulangerie Lacoste",
    "person": "Sami Durand",
    "first_name": "Sami",
    "number": "2",
    "days": "60",
    "link": "https://accesdirect.example.fr/s/acces-direct-cote-basque/entreprise/"
    "12-345:1tXyZa:Q2hhcmdlZCB3aXRoIGEgc2lnbmF0dXJlIG9mIDQzIGM/",
}


def kind_variables(kind: str) -> list[str]:
    """The variables a message of this kind is given (those of its default wording)."""
    return list(dict.fromkeys(_VARIABLE.findall(DEFAULTS[kind])))


def sample_context(kind: str, *, structure_name: str) -> dict[str, str]:
    values = SAMPLE_VALUES | {"structure": structure_name}
    return {name: values.get(name, name) for name in kind_variables(kind)}


@dataclasses.dataclass(frozen=True)
class Preview:
    kind: str
    limit: int | None  # None: an e-mail, sent as written
    error: str = ""
    text: str = ""  # the sample message as written
    sms: str = ""  # the same in GSM-7, as the SMS carries it
    segments: int = 0
    length: int = 0  # in GSM-7 septets
    replaced: tuple[str, ...] = ()  # characters GSM-7 cannot carry, replaced in the SMS

    @property
    def email_only(self) -> bool:
        return self.limit is None

    @property
    def too_long(self) -> bool:
        return self.limit is not None and self.segments > self.limit

    @property
    def problem(self) -> str:
        """Why this wording cannot be saved, in French ("" when it can)."""
        if self.error:
            return self.error
        if self.too_long:
            return (
                f"Ce texte fait {self.segments} SMS avec des valeurs d'exemple : ce type de message "
                f"doit tenir en {self.limit} SMS au plus. Raccourcissez-le."
            )
        return ""


def _syntax_problem(kind: str, body: str) -> str:
    if not body.strip():
        return "Le texte est vide."
    tags = sorted({tag or "?" for tag in _TAG.findall(body)} - ALLOWED_TAGS)
    if tags:
        return (
            f"Balise non autorisée : {{% {tags[0]} %}}. Seules les conditions "
            "({% if %}…{% endif %}) et {% firstof %} sont possibles."
        )
    return ""


def preview(*, kind: str, body: str, structure_name: str) -> Preview:
    limit = MAX_SEGMENTS.get(kind)
    problem = _syntax_problem(kind, body)
    if problem:
        return Preview(kind=kind, limit=limit, error=problem)
    try:
        rendered = _CHECK_ENGINE.from_string(body).render(
            Context(sample_context(kind, structure_name=structure_name), autoescape=False)
        )
    except Exception as exc:  # noqa: BLE001 - any template error is the wording's fault
        return Preview(
            kind=kind,
            limit=limit,
            error=f"Le texte contient une erreur de syntaxe ({exc}). Vérifiez les {{{{ }}}} et les {{% %}}.",
        )
    unknown = list(dict.fromkeys(_UNKNOWN_FOUND.findall(rendered)))
    if unknown:
        known = ", ".join("{{ " + name + " }}" for name in kind_variables(kind))
        return Preview(
            kind=kind,
            limit=limit,
            error=f"Variable inconnue : {{{{ {unknown[0]} }}}}. Ce message connaît : {known}.",
        )
    text = " ".join(rendered.split())
    if any(mark in text for mark in ("{{", "}}", "{%", "%}")):
        return Preview(
            kind=kind,
            limit=limit,
            error="Le texte contient une erreur de syntaxe : une balise {{ }} ou {% %} n'est pas fermée.",
        )
    if kind in EMAIL_ONLY_KINDS:
        return Preview(kind=kind, limit=limit, text=text)
    sms = to_gsm7(text)
    return Preview(
        kind=kind,
        limit=limit,
        text=text,
        sms=sms,
        segments=segment_count(sms),
        length=septets(sms),
        replaced=tuple(dict.fromkeys(char for char in text if not is_gsm7(char))),
    )
