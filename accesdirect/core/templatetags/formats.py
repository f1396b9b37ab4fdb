import phonenumbers
from django import template

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """+33612345678 → "06 12 34 56 78", as people read and dial it; anything else unchanged."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
