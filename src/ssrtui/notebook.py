"""Every note and bookmark, one entry per record: what the Notes view lists and how a query finds them.

Notes come first, the newest first, then the records only bookmarked (the newest bookmark first).
A record that a data update removed keeps its entry, marked missing: the note is the user's own.
A query finds an entry as the lists find records (``search.tokens``: case and accents folded, each
word a prefix of a word), in the note's text, the record's name, aliases, kind and id; and, through
the search index, every record a list filter would find for it (typos, acronyms, synonyms).
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset
from .render import kind_label
from .search import tokens


@dataclass(frozen=True)
class Entry:
    """One record the user noted or bookmarked."""

    record_id: str
    name: str  # the record's name; its id when the record is no longer in the data
    kind: str | None  # None: the record is no longer in the data
    note: str  # "" when the record is only bookmarked
    bookmarked: bool
    updated: str  # when the note was last saved ("YYYY-MM-DD HH:MM"), "" for a bookmark alone

    @property
    def missing(self) -> bool:
        return self.kind is None

    @property
    def kind_text(self) -> str:
        return kind_label(self.kind) if self.kind else "record no longer in the data"


def entries(data: Dataset, notes: dict[str, dict], bookmarks: list[str]) -> list[Entry]:
    """``notes``: NotesStore.notes() (record id -> item); ``bookmarks``: ids, oldest bookmark first."""
    marked = set(bookmarks)

    def entry(record_id: str, note: dict | None) -> Entry:
        rec = data.get(record_id)
        return Entry(record_id, rec["name"] if rec else record_id, rec["kind"] if rec else None,
                     (note or {}).get("text", ""), record_id in marked, (note or {}).get("updated", ""))

    noted = sorted(notes.items(), key=lambda item: str(item[1].get("updated", "")), reverse=True)
    found = [entry(record_id, note) for record_id, note in noted]
    found += [entry(record_id, None) for record_id in reversed(bookmarks) if record_id not in notes]
    return found


class Finder:
    """Finds entries for a query; each entry's words are folded once."""

    def __init__(self, data: Dataset, found: list[Entry]):
        self.data = data
        self.entries = found
        self._words: dict[str, set[str]] = {}

    def words_of(self, entry: Entry) -> set[str]:
        words = self._words.get(entry.record_id)
        if words is None:
            rec = self.data.get(entry.record_id) or {}
            text = " ".join([entry.name, *rec.get("aliases", ()), entry.kind_text, entry.record_id, entry.note])
            words = self._words[entry.record_id] = set(tokens(text))
        return words

    def find(self, query: str) -> list[Entry]:
        """The entries the query finds, in their order; every entry for an empty query."""
        wanted = tokens(query)
        if not wanted:
            return list(self.entries)
        by_index = self.data.matching_ids(query)
        return [entry for entry in self.entries
                if entry.record_id in by_index
                or all(any(word.startswith(w) for word in self.words_of(entry)) for w in wanted)]
