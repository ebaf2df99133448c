"""Word variants in English and French: a light stemmer and the reviewed synonym table.

"soldiers" finds "soldier", "gendarmes" "gendarmerie", "funding" "funds", "Japanese" "Japan";
"troops" finds "personnel". The table is data (synonyms.txt), read once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("synonyms.txt")
MIN_STEM = 4
#: Inflections (plural, feminine), stripped first; "ies" -> "y" and "aux" -> "al" keep the root's ending.
_INFLECTIONS = (("ies", "y"), ("aux", "al"), ("es", ""), ("s", ""), ("e", ""))
#: Then one derivational ending ("funding" -> "fund", "gendarmerie" -> "gendarm", "national" -> "nation").
_DERIVATIONS = ("ement", "ment", "eri", "ier", "eur", "ing", "er", "or", "ed", "al", "ity")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The root a word shares with its variants; digits and short words are their own root."""
    if len(token) <= MIN_STEM or not token.isalpha():
        return token
    for ending, replacement in _INFLECTIONS:
        if token.endswith(ending) and len(token) - len(ending) >= MIN_STEM:
            token = token[: len(token) - len(ending)] + replacement
            break
    for ending in _DERIVATIONS:
        if token.endswith(ending) and len(token) - len(ending) >= MIN_STEM:
            return token[: len(token) - len(ending)]
    return token


def stem_prefix(root: str) -> str:
    """What every word with this root starts with ("country" is also "countries")."""
    return root[:-1] if root.endswith("y") or root.endswith("al") else root


class Table:
    """Variants (derived form -> the word records use) and groups of synonyms, folded."""

    def __init__(self, variants: dict[str, str], groups: list[list[str]]):
        self.variants = variants
        self._group_of: dict[str, tuple[str, ...]] = {}  # word -> its group(s)
        self._group_of_root: dict[str, tuple[str, ...]] = {}  # root of an inflected word -> its group(s)
        for group in groups:  # a word in two groups ("military") has the synonyms of both
            members = tuple(dict.fromkeys(group))
            for word in members:
                self._group_of[word] = tuple(dict.fromkeys((*self._group_of.get(word, ()), *members)))
                root = stem(word)
                self._group_of_root[root] = tuple(dict.fromkeys((*self._group_of_root.get(root, ()), *members)))

    def synonyms(self, word: str) -> tuple[str, ...]:
        """The other words of the word's synonym group, matched by the word, or by its root when
        it is an inflected form ("leads" -> "lead"); a word being typed ("gend") matches no root."""
        group = self._group_of.get(word)
        if group is None:
            root = stem(word)
            group = self._group_of_root.get(root, ()) if root != word else ()
        return tuple(w for w in group if w != word)


def parse_table(text: str) -> Table:
    """``derived = word`` lines are variants, ``a, b, c`` lines synonym groups, ``#`` comments."""
    variants: dict[str, str] = {}
    groups: list[list[str]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            derived, word = (part.strip() for part in line.split("=", 1))
            variants[derived] = word
        else:
            groups.append([word.strip() for word in line.split(",") if word.strip()])
    return Table(variants, groups)


def _load() -> Table:
    return parse_table(TABLE.read_text(encoding="utf-8"))


_table: Table | None = None


def table() -> Table:
    """The bundled table, read on first use."""
    global _table
    if _table is None:
        _table = _load()
    return _table
