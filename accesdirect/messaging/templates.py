"""Default wording of every message, rendering, and the segment limits of each kind.

Structures may override a wording (MessageTemplate). Templates use Django template syntax
over plain strings prepared by the caller ({{ first_name }}), never over model objects."""

from django.template import Context, Engine, TemplateSyntaxError

from .enums import MessageKind
from .gsm import segment_count, to_gsm7

_ENGINE = Engine(autoescape=False, debug=False)

DEFAULTS: dict[str, str] = {
    MessageKind.LOGIN_CODE: "Acces Direct : votre code est {{ code }}. Il expire dans 10 minutes.",
    MessageKind.APPOINTMENT_CONFIRMATION: (
        "{{ structure }} : RDV le {{ date }} a {{ time }} avec {{ staff }}, {{ place }}. "
        "Prevenez-nous si vous ne pouvez pas venir."
    ),
    MessageKind.APPOINTMENT_REMINDER: (
        "{{ structure }} : rappel, RDV le {{ date }} a {{ time }} avec {{ staff }}, {{ place }}. "
        "Prevenez-nous si vous ne pouvez pas venir."
    ),
    MessageKind.PER_ENDING: "Le PER {{ number }} de {{ person }} se termine le {{ date }} : prevoir le RDV.",
    MessageKind.POSITIONING_PROPOSAL: (
        "{{ structure }} : {{ staff }} a une offre pour vous : {{ title }} a {{ commune }}. Rappelez-nous."
    ),
    MessageKind.INTERVIEW_REMINDER: (
        "{{ structure }} : entretien le {{ date }} a {{ time }} chez {{ company }}, {{ place }}. "
        "Bon courage !"
    ),
    MessageKind.RESERVATION_CONFIRMATION: (
        "{{ structure }} : offre {{ title }} reservee pour vous jusqu'au {{ date }}. "
        "{{ staff }} vous appelle."
    ),
    MessageKind.RESERVATION_EXPIRY: "{{ structure }} : votre reservation de l'offre {{ title }} a pris fin.",
    MessageKind.JOB_CHECK_IN: (
        "{{ structure }} : bonjour {{ first_name }}, tout se passe bien dans votre emploi ? "
        "Repondez OUI ou NON."
    ),
    MessageKind.COMPANY_OFFER_RECEIVED: (
        "{{ structure }} : votre offre {{ title }} est bien recue. {{ staff }} vous rappelle tres vite."
    ),
    MessageKind.COMPANY_FEEDBACK_REQUEST: (
        "{{ structure }} : comment s'est passe l'entretien avec {{ person }} ? Dites-le-nous par retour."
    ),
    MessageKind.OFFER_ALERT: (
        "{{ structure }} : nouvelle offre {{ title }} a {{ commune }}. "
        "Interesse(e) ? {{ staff }} attend votre appel."
    ),
    MessageKind.IMMERSION_REVIEW_REQUEST: (
        "{{ structure }} : l'immersion de {{ person }} se termine le {{ date }}. "
        "Comment s'est-elle passee ? Dites-le-nous par retour."
    ),
    MessageKind.OFFER_EXPIRED: (
        "L'offre {{ title }} de {{ company }}, recueillie le {{ date }}, est restee ouverte {{ days }} jours "
        "sans etre pourvue : elle est expiree. Si l'entreprise recrute toujours, recueillez-la a nouveau."
    ),
}

# Alerts and codes fit in one SMS; reminders in two at most.
MAX_SEGMENTS: dict[str, int] = dict.fromkeys(MessageKind, 1) | {
    MessageKind.APPOINTMENT_CONFIRMATION: 2,
    MessageKind.APPOINTMENT_REMINDER: 2,
    MessageKind.INTERVIEW_REMINDER: 2,
    MessageKind.PER_ENDING: 2,
    MessageKind.OFFER_EXPIRED: 2,
}

# Sent at once, whatever the hour.
URGENT_KINDS = frozenset({MessageKind.LOGIN_CODE})
# Sent even to a number that answered STOP: the person asked for them.
ESSENTIAL_KINDS = frozenset({MessageKind.LOGIN_CODE, MessageKind.RESERVATION_CONFIRMATION})


class TemplateError(ValueError):
    pass


def render(text: str, context: dict[str, object]) -> str:
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(str(exc)) from None
    # A Context escapes HTML unless told not to, whatever the engine says: an SMS is plain text.
    return " ".join(template.render(Context(context, autoescape=False)).split())


def render_sms(text: str, context: dict[str, object]) -> tuple[str, int]:
    body = to_gsm7(render(text, context))
    return body, segment_count(body)
