"""Typo matching over the index's sorted vocabulary: the words a mistyped word may have meant.

A typo keeps the word's first letter (or swaps it with the second, for "did you mean"), so only
the vocabulary's slice for that letter is compared: the vocabulary is sorted, so the slice is two
bisections away and nothing has to be built first.
"""

from __future__ import annotations

from bisect import bisect_left

MAX_SUGGEST_COMPARISONS = 4000


def within_distance(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most ``limit`` (early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        best = i
        for j, cb in enumerate(b, start=1):
            cost = previous[j - 1] + (ca != cb)
            value = min(previous[j] + 1, current[j - 1] + 1, cost)
            current.append(value)
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _starting_with(vocab: list[str], letter: str) -> list[str]:
    first = bisect_left(vocab, letter)
    return vocab[first:bisect_left(vocab, chr(ord(letter) + 1), lo=first)]


def candidates(vocab: list[str], term: str) -> list[str]:
    """Indexed words within one edit of ``term`` (two from 7 letters on), with its first letter."""
    limit = 1 if len(term) < 7 else 2
    low, high = len(term) - limit, len(term) + limit
    return [token for token in _starting_with(vocab, term[0])
            if low <= len(token) <= high and within_distance(term, token, limit)]


def nearest(vocab: list[str], term: str, weight) -> str | None:
    """The indexed word nearest ``term`` (for "did you mean"): same first letter, or its second
    (a swap), up to 3 edits, at most ``MAX_SUGGEST_COMPARISONS`` comparisons; among the nearest,
    the one with the highest ``weight(word)`` (how many records have it)."""
    pools = [_starting_with(vocab, first) for first in dict.fromkeys((term[0], term[1]))]
    for limit in (1, 2, 3):
        low, high = len(term) - limit, len(term) + limit
        found = []
        compared = 0
        for pool in pools:
            for token in pool:
                if low <= len(token) <= high:
                    compared += 1
                    if compared > MAX_SUGGEST_COMPARISONS:
                        break
                    if within_distance(term, token, limit):
                        found.append(token)
        if found:
            return max(found, key=lambda t: (weight(t), t))
    return None
