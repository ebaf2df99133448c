"""Words as search compares them: lowercase, without accents, split on anything not a letter or digit."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[0-9a-z]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

#: Question words dropped from multi-word queries ("who heads EUCAP") and from names' exact keys.
STOPWORDS = frozenset(
    "a an and are at by de des did do does du for from how in is it la le les many much of on or the to "
    "was were what when where which who whom whose why with".split()
)

#: The words of folded text (``find_words(fold(text))``): the index builder calls it once per field.
find_words = _TOKEN.findall


def fold(text: str) -> str:
    """Lowercase without accents: 'Gendarmerie nationale' and 'GENDARMÉRIE' meet."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return _COMBINING.sub("", decomposed).casefold()


def tokens(text: str) -> list[str]:
    return find_words(fold(text))


def compact(text: str) -> str:
    """The key for exact name/acronym matches: 'EMP-ABB' == 'emp abb' == 'empabb'."""
    return "".join(tokens(text))
