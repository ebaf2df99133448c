"""The answer line and what it is built from: the sentence, the source that states it, and the
words of a query that do not name the record."""

from __future__ import annotations

from typing import NamedTuple

from ..textfold import fold, tokens
from ..words import stem, table


class Answer(NamedTuple):
    """The sentence that answers the query, from the record's own fields, and its citation."""

    record_id: str
    text: str
    source_id: str | None = None
    source_name: str | None = None

    def line(self) -> str:
        return f"{self.text} — {self.source_name}" if self.source_name else self.text

    def as_json(self) -> dict:
        return {"record": self.record_id, "text": self.text, "source": self.source_id, "source_name": self.source_name, "line": self.line()}


def unnamed_words(words: list[str], rec: dict | None, summary: bool = False) -> list[str]:
    """The query words that do not name the record ("budget" in "eucap budget"); ``summary``: nor
    describe it (an event is told by its summary: "when was the Kati camp attacked")."""
    if rec is None:
        return list(words)
    named = words_of(rec) | (set(tokens(rec.get("summary", ""))) if summary else set())
    roots = {stem(w) for w in named}
    words_table = table()
    return [w for w in words if w not in named and words_table.variants.get(w) not in named and stem(w) not in roots
            and not named.intersection(words_table.synonyms(w))]


def words_of(rec: dict) -> set[str]:
    found = set(tokens(rec["name"]))
    for alias in rec.get("aliases", ()):
        found.update(tokens(alias))
    return found


def cite(data, rec: dict, needles: list[str] = ()) -> tuple[str | None, str | None]:
    """The source that states the fact: the first whose quote holds a needle, else the first cited."""
    sources = rec.get("sources", ())
    chosen = None
    folded_needles = [fold(n) for n in needles if n]
    for item in sources:
        quote = fold(item.get("quote", ""))
        if any(n in quote for n in folded_needles):
            chosen = item["source"]
            break
    if chosen is None and sources:
        chosen = sources[0]["source"]
    if chosen is None:
        return None, None
    return chosen, data.name_of(chosen)
