"""GSM 03.38 (GSM-7): what a plain SMS can carry, transliteration and segment counting.

A French text full of typographic characters (’ « » … œ) silently switches an SMS to UCS-2,
which more than halves its length (70 characters instead of 160) and doubles its price: SMS
texts are transliterated to GSM-7 before sending and their segments are counted. GSM-7 carries
most French letters as they are (à é è ù ì ò É Ç, not â ê ô ç œ): those are kept, only the
others are replaced ("Prévenez-nous" stays, "être" becomes "etre"). E-mails are never
transliterated: only the SMS channel calls `to_gsm7`."""

import unicodedata

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = "^{}\\[~]|€\f"
_BASIC_SET = frozenset(BASIC) - {"\x1b"}
_EXTENSION_SET = frozenset(EXTENSION)

SINGLE_SEGMENT_SEPTETS = 160
MULTI_SEGMENT_SEPTETS = 153  # 7 septets of each segment carry the concatenation header
# A text with a single character outside GSM-7 goes as UCS-2, counted in UTF-16 code units.
SINGLE_SEGMENT_UCS2 = 70
MULTI_SEGMENT_UCS2 = 67

_REPLACEMENTS = {
    "œ": "oe",
    "Œ": "OE",
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
    "ç": "c",  # GSM-7 has Ç but not ç
    "•": "-",
    "·": ".",  # inclusive writing: "prêt·e" → "pret.e"
}


def is_gsm7(text: str) -> bool:
    return all(char in _BASIC_SET or char in _EXTENSION_SET for char in text)


def to_gsm7(text: str) -> str:
    """Replace what GSM-7 cannot carry by its closest plain equivalent (â → a, ç → c, œ → oe,
    ’ → ', « » → "); what it can carry is kept as written (à é è ù É Ç Ø ß ñ ü €)."""
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
    """Length of a GSM-7 text: a character of the extension table ({}[]~\\|^€) takes two."""
    return sum(2 if char in _EXTENSION_SET else 1 for char in text)


def ucs2_units(text: str) -> int:
    """Length of a text sent as UCS-2 (UTF-16 code units: an emoji takes two)."""
    return len(text.encode("utf-16-le")) // 2


def segment_count(text: str) -> int:
    """Number of SMS segments the text takes as it is (0 for an empty text): 160 then 153
    septets in GSM-7, 70 then 67 units when one character forces UCS-2."""
    if is_gsm7(text):
        length, single, multi = septets(text), SINGLE_SEGMENT_SEPTETS, MULTI_SEGMENT_SEPTETS
    else:
        length, single, multi = ucs2_units(text), SINGLE_SEGMENT_UCS2, MULTI_SEGMENT_UCS2
    if length == 0:
        return 0
    if length <= single:
        return 1
    return -(-length // multi)
