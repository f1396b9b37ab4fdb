"""Phone numbers, stored in E.164 (+33612345678). SMS is the pivot of the method, so a
person's number must be a mobile that a French SMS provider can reach (metropolitan France and
the overseas departments and communities); a company's may be any line."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Regions reachable as national numbers: France and its overseas departments and communities.
MOBILE_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")


def _valid_readings(text: str) -> list:
    """The valid numbers `text` can be read as: in each French region for a national number
    (people of La Réunion or Guadeloupe dial "0692…" without a country code), as written for an
    international one. ValidationError when it is not a phone number at all."""
    if not text:
        raise ValidationError(_("Indiquez un numéro de téléphone."), code="required")
    candidates = []
    for region in MOBILE_REGIONS:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            raise ValidationError(
                _("« %(raw)s » n'est pas un numéro de téléphone."), code="invalid", params={"raw": text}
            ) from None
        if phonenumbers.is_valid_number(number):
            candidates.append(number)
        if text.startswith("+") or text.startswith("00"):
            break  # An international number names its own country: no other reading.
    if not candidates:
        raise ValidationError(
            _("« %(raw)s » n'est pas un numéro de téléphone valide."), code="invalid", params={"raw": text}
        )
    return candidates


def normalize_phone(raw: str) -> str:
    """The E.164 form of any valid phone number, landline or mobile (a company's switchboard,
    an interlocutor's line), or ValidationError. A national number is read as French, or as an
    overseas one; another country's number is written with its code (+34…)."""
    text = (raw or "").strip()
    number = _valid_readings(text)[0]
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_mobile(raw: str) -> str:
    """The E.164 form of a French (metropolitan or overseas) mobile number, or ValidationError.

    A national number typed without its country code ("0692 12 34 56") is tried in every
    overseas region too: people of La Réunion or Guadeloupe dial their mobiles that way."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Indiquez un numéro de téléphone mobile."), code="required")
    for number in _valid_readings(text):
        if (
            phonenumbers.region_code_for_number(number) in MOBILE_REGIONS
            and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ValidationError(
        _(
            "Ce numéro n'est pas un mobile de France ou d'outre-mer : les SMS ne peuvent être "
            "envoyés qu'à un mobile (06, 07, ou un mobile d'outre-mer)."
        ),
        code="not_mobile",
    )
