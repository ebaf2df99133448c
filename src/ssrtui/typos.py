"""Typo matching over the index's sorted vocabulary: the words a mistyped word may have meant.

A typo keeps the word's first letter (or swaps it with the second, for "did you mean"), so only
the vocabulary's slice for that letter is compared: the vocabulary is sorted, so the slice is two
bisections away. The edit distances are rapidfuzz's (C++): at 100,000 records a letter's slice
holds tens of thousands of words, which took 50-130 ms in Python and takes ~0.1 ms there
(``benchmarks/typos.py``). rapidfuzz is imported on the first typo, not before: importing it
costs more than a search that needs no typo matching.
"""

from __future__ import annotations

from bisect import bisect_left


def _starting_with(vocab: list[str], letter: str) -> list[str]:
    first = bisect_left(vocab, letter)
    return vocab[first:bisect_left(vocab, chr(ord(letter) + 1), lo=first)]


def _within(term: str, pool: list[str], limit: int) -> list[tuple[str, int]]:
    """The words of ``pool`` at most ``limit`` edits (Levenshtein) from ``term``, with their distance."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    return [(word, distance) for word, distance, _ in
            process.extract(term, pool, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)]


def candidates(vocab: list[str], term: str) -> list[str]:
    """Indexed words within one edit of ``term`` (two from 7 letters on), with its first letter."""
    return [word for word, _ in _within(term, _starting_with(vocab, term[0]), 1 if len(term) < 7 else 2)]


def nearest(vocab: list[str], term: str, weight) -> str | None:
    """The indexed word nearest ``term`` (for "did you mean"): same first letter, or its second
    (a swap), up to 3 edits; among the nearest, the one with the highest ``weight(word)`` (how
    many records have it), then the last in alphabetical order."""
    found = [match for first in dict.fromkeys(term[:2]) for match in _within(term, _starting_with(vocab, first), 3)]
    if not found:
        return None
    closest = min(distance for _, distance in found)
    return max((word for word, distance in found if distance == closest), key=lambda word: (weight(word), word))
