"""GSM 03.38 (GSM-7): what a plain SMS can carry, transliteration and segment counting.

A French text full of typographic characters (’ « » … œ) silently switches an SMS to UCS-2,
which halves its length (70 characters instead of 160) and doubles its price: templates are
transliterated to GSM-7 before sending and their segments are counted."""

import unicodedata

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = "^{}\\[~]|€\f"
_BASIC_SET = frozenset(BASIC) - {"\x1b"}
_EXTENSION_SET = frozenset(EXTENSION)

SINGLE_SEGMENT_SEPTETS = 160
MULTI_SEGMENT_SEPTETS = 153

_REPLACEMENTS = {
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "’": "'",
    "‘": "'",
    "‚": "'",
    "′": "'",
    "`": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "…": "...",
    "–": "-",
    "—": "-",
    "‑": "-",
    "−": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\t": " ",
    "ç": "c",
    "•": "-",
    "€": "€",
}


def is_gsm7(text: str) -> bool:
    return all(char in _BASIC_SET or char in _EXTENSION_SET for char in text)


def to_gsm7(text: str) -> str:
    """Replace what GSM-7 cannot carry by its closest plain equivalent (â → a, ’ → ')."""
    out = []
    for char in text:
        if char in _BASIC_SET or char in _EXTENSION_SET:
            out.append(char)
            continue
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        stripped = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(stripped if stripped and is_gsm7(stripped) else "?")
    return "".join(out)


def septets(text: str) -> int:
    return sum(2 if char in _EXTENSION_SET else 1 for char in text)


def segment_count(text: str) -> int:
    """Number of SMS segments for a GSM-7 text (0 for an empty text)."""
    length = septets(text)
    if length == 0:
        return 0
    if length <= SINGLE_SEGMENT_SEPTETS:
        return 1
    return -(-length // MULTI_SEGMENT_SEPTETS)
