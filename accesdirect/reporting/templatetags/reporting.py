"""Figures written the French way: 12 127, 69,5 %, 1 285 600,00 €, and a dash for none."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

register = template.Library()
NARROW_SPACE = "\u202f"


def french_number(value, decimals: int | None = None) -> str:
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if isinstance(value, int) or float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NARROW_SPACE).replace(".", ",")


@register.filter
def figure(value, unit: str = "") -> str:
    """A figure and its unit ("percent" adds " %", "euros" two decimals and " €")."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{french_number(value)}{NARROW_SPACE}%"
    if unit == "euros":
        return f"{french_number(Decimal(value), 2)}{NARROW_SPACE}€"
    if unit == "days":
        return _("%(days)s j") % {"days": french_number(value)}
    return french_number(value)
