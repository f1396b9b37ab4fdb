"""Text folding shared by the importers (which fill `search_text`) and the autocomplete queries."""

import re
import unicodedata

TYPOGRAPHIC_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " "})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def clean_label(value: str) -> str:
    """A label as shown: straight apostrophes, ordinary spaces, no surrounding blanks."""
    return " ".join(value.translate(TYPOGRAPHIC_APOSTROPHES).split())


def fold(value: str) -> str:
    """Lowercase words without accents, punctuation as single spaces.

    "Saint-Jean-de-Luz" → "saint jean de luz"; "Agent / Agente d'entretien" →
    "agent agente d entretien". Both the stored text and the typed query are folded the same
    way, so that a search on words matches whatever the accents or hyphens typed.
    """
    decomposed = unicodedata.normalize("NFKD", value.lower())
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    without_accents = without_accents.replace("œ", "oe").replace("æ", "ae")
    return _NON_WORD.sub(" ", without_accents).strip()
