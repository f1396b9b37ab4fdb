"""Mobile phone numbers: SMS is the pivot of the method, so a person's number must be a mobile
that a French SMS provider can reach (metropolitan France and the overseas departments and
communities), stored in E.164 (+33612345678)."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Regions reachable as national numbers: France and its overseas departments and communities.
MOBILE_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")


def normalize_mobile(raw: str) -> str:
    """The E.164 form of a French (metropolitan or overseas) mobile number, or ValidationError.

    A national number typed without its country code ("0692 12 34 56") is tried in every
    overseas region too: people of La Réunion or Guadeloupe dial their mobiles that way."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Indiquez un numéro de téléphone mobile."), code="required")
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
    for number in candidates:
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
