"""Default wording of every message, rendering, and the segment limits of each kind.

Structures may override a wording (MessageTemplate). Templates use Django template syntax
over plain strings prepared by the caller ({{ first_name }}), never over model objects."""

from django.template import Context, Engine, TemplateSyntaxError

from .enums import MessageKind
from .gsm import segment_count, to_gsm7

_ENGINE = Engine(autoescape=False, debug=False)

# Written in plain French with its accents: an e-mail carries them all, an SMS keeps those GSM-7
# has (à é è ù) and transliterates the others (ç → c, ê → e) in render_sms.
DEFAULTS: dict[str, str] = {
    MessageKind.LOGIN_CODE: "Accès Direct : votre code est {{ code }}. Il expire dans 10 minutes.",
    MessageKind.SIGN_IN_REMINDER: (
        "{{ structure }} : vous êtes déjà inscrit(e) chez nous. Pour voir vos offres, connectez-vous "
        "avec ce numéro{% if link %} : {{ link }}{% endif %}"
    ),
    MessageKind.APPOINTMENT_CONFIRMATION: (
        "{{ structure }} : RDV le {{ date }} à {{ time }} avec {{ staff }}, {{ place }}. "
        "Prévenez-nous si vous ne pouvez pas venir."
    ),
    MessageKind.APPOINTMENT_REMINDER: (
        "{{ structure }} : rappel, RDV le {{ date }} à {{ time }} avec {{ staff }}, {{ place }}. "
        "Prévenez-nous si vous ne pouvez pas venir."
    ),
    MessageKind.PER_ENDING: "Le PER {{ number }} de {{ person }} se termine le {{ date }} : prévoir le RDV.",
    MessageKind.POSITIONING_PROPOSAL: (
        "{{ structure }} : {{ staff }} a une offre pour vous : {{ title }} à {{ commune }}. Rappelez-nous."
    ),
    MessageKind.INTERVIEW_REMINDER: (
        "{{ structure }} : entretien le {{ date }} à {{ time }} chez {{ company }}, {{ place }}. "
        "Bon courage !"
    ),
    MessageKind.RESERVATION_CONFIRMATION: (
        "{{ structure }} : offre {{ title }} réservée pour vous jusqu'au {{ date }}. "
        "{{ staff }} vous appelle."
    ),
    MessageKind.RESERVATION_EXPIRY: "{{ structure }} : votre réservation de l'offre {{ title }} a pris fin.",
    MessageKind.JOB_CHECK_IN: (
        "{{ structure }} : bonjour {{ first_name }}, tout se passe bien dans votre emploi ? "
        "Répondez OUI ou NON."
    ),
    # The answers are read by the first word (replies.REPLY_WORDS): keep OUI, AUTRE and NON.
    MessageKind.JOB_SURVIVAL_CHECK_IN: (
        "{{ structure }} : bonjour {{ first_name }}, êtes-vous toujours en emploi ? "
        "Répondez OUI (même employeur), AUTRE (un autre employeur) ou NON."
    ),
    # The link (the company's private page, "J'ai une offre") is given only to offers the
    # company sent itself; an offer a CRE typed after a call has none.
    MessageKind.COMPANY_OFFER_RECEIVED: (
        "{{ structure }} : votre offre {{ title }} est bien reçue. {{ staff }} vous rappelle très vite."
        "{% if link %} Suivez-la ici : {{ link }}{% endif %}"
    ),
    MessageKind.COMPANY_FEEDBACK_REQUEST: (
        "{{ structure }} : comment s'est passé l'entretien avec {{ person }} ? Dites-le-nous par retour."
    ),
    MessageKind.COMPANY_OFFER_TO_CONFIRM: (
        "{{ structure }} : offre à confirmer, {{ title }} chez {{ company }} ({{ commune }}). "
        "Voir Ma journée."
    ),
    MessageKind.OFFER_ALERT: (
        "{{ structure }} : nouvelle offre {{ title }} à {{ commune }}. "
        "Intéressé(e) ? {{ staff }} attend votre appel."
    ),
    MessageKind.IMMERSION_REVIEW_REQUEST: (
        "{{ structure }} : l'immersion de {{ person }} se termine le {{ date }}. "
        "Comment s'est-elle passée ? Dites-le-nous par retour."
    ),
    MessageKind.OFFER_EXPIRED: (
        "{% if unconfirmed %}L'offre {{ title }} envoyée par {{ company }} le {{ date }} n'a pas été "
        "confirmée en {{ days }} jours : elle est expirée. Si l'entreprise recrute toujours, rappelez-la."
        "{% else %}L'offre {{ title }} de {{ company }}, recueillie le {{ date }}, est restée ouverte "
        "{{ days }} jours sans être pourvue : elle est expirée. Si l'entreprise recrute toujours, "
        "recueillez-la à nouveau.{% endif %}"
    ),
    MessageKind.COMPANY_FEEDBACK_RECEIVED: (
        "{{ company }} a donné son retour sur l'entretien de {{ person }} ({{ title }}) :\n\n"
        "« {{ feedback }} »\n\nIl est aussi dans le suivi de la personne, dans Accès Direct."
    ),
    MessageKind.EXPORT_READY: (
        "Votre export « {{ title }} » ({{ number }} lignes), demandé le {{ date }}, est prêt : "
        "téléchargez-le depuis « Mes exports » dans Accès Direct. Il sera supprimé dans {{ days }} jours."
    ),
}

# Written to staff by e-mail only: never transliterated nor counted in SMS.
EMAIL_ONLY_KINDS = frozenset(
    {
        MessageKind.PER_ENDING,
        MessageKind.OFFER_EXPIRED,
        MessageKind.EXPORT_READY,
        MessageKind.COMPANY_FEEDBACK_RECEIVED,
    }
)

# Alerts and codes fit in one SMS; reminders in two at most. E-mails have no such limit.
MAX_SEGMENTS: dict[str, int] = {kind: 1 for kind in MessageKind if kind not in EMAIL_ONLY_KINDS} | {
    MessageKind.APPOINTMENT_CONFIRMATION: 2,
    MessageKind.APPOINTMENT_REMINDER: 2,
    MessageKind.INTERVIEW_REMINDER: 2,
    # The company's private link takes a second SMS, as may the app's address.
    MessageKind.COMPANY_OFFER_RECEIVED: 2,
    MessageKind.SIGN_IN_REMINDER: 2,
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
    """The SMS as it goes out, in GSM-7, and its number of segments. Only the SMS channel is
    transliterated: an e-mail is `render`ed as written."""
    body = to_gsm7(render(text, context))
    return body, segment_count(body)
