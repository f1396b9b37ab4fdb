"""French typography that Django's filters leave out, loaded in every template (TEMPLATES'
builtins): this library's `date` replaces Django's.

- The first day of a month is an ordinal in French: "1er décembre", "mardi 1er décembre 2026";
  Django writes "1 décembre". Every `|date` of the site goes through here, so that no template
  has to remember it.
- Abbreviated months as the French write them ("janv.", "févr."; Django's catalogue has
  "jan.", "fév."): the two are translated again in our own catalogue, which Django reads first.
"""

import re

from django import template
from django.template import defaultfilters
from django.utils import formats, translation
from django.utils.translation import pgettext_lazy

register = template.Library()

# Named here so that makemessages keeps them in our catalogue (fr: "janv.", "févr.").
MONTH_ABBREVIATIONS = (pgettext_lazy("abbrev. month", "Jan."), pgettext_lazy("abbrev. month", "Feb."))

# A day number ("j", not escaped) followed by a month name or abbreviation.
_DAY_BEFORE_MONTH = re.compile(r"(?<!\\)j(?= [FNbE])")


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `date` filter, with "1er" for the first day of a month in French."""
    if getattr(value, "day", None) == 1 and (translation.get_language() or "").startswith("fr"):
        pattern = formats.get_format(arg or "DATE_FORMAT") if (arg or "").isupper() or not arg else arg
        arg = _DAY_BEFORE_MONTH.sub(r"j\\e\\r", pattern)
    return defaultfilters.date(value, arg)
