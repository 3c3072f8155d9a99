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


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (swapped neighbours count 1: "sihn" → "sinh")."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def closest_word(word: str, vocabulary: dict[str, int]) -> str | None:
    """The catalog word a mistyped word most likely meant, or None if nothing is close.

    Short syllables allow one edit, longer words two; among equally close words the one the
    catalog uses most wins.
    """
    if word in vocabulary or word.isdigit():
        return word
    allowed = 1 if len(word) <= 4 else 2
    best: tuple[int, int, str] | None = None
    for candidate, frequency in vocabulary.items():
        distance = edit_distance(word, candidate, allowed)
        if distance <= allowed and (best is None or (distance, -frequency) < best[:2]):
            best = (distance, -frequency, candidate)
    return best[2] if best else None
