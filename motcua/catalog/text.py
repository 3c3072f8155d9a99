"""Text normalisation for search; pure.

People type on phones without diacritics ("dang ky khai sinh"); the catalog is searched on
a normalised copy of its text: no diacritics, đ → d, lower case, single spaces.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def tokens(text: str) -> list[str]:
    return [token for token in normalise(text).split(" ") if token]


def trigrams(text: str) -> set[str]:
    padded = f"  {normalise(text)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """Trigram similarity as PostgreSQL's pg_trgm computes it (shared / union)."""
    left, right = trigrams(a), trigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def word_similarity(query: str, text: str) -> float:
    """Best similarity of the query to any run of words of the text (pg_trgm's word_similarity idea)."""
    words = tokens(text)
    width = max(1, len(tokens(query)))
    best = 0.0
    for start in range(len(words)):
        best = max(best, similarity(query, " ".join(words[start : start + width])))
    return best
