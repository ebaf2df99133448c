"""The figure that answers "how many X": the best-fitting figure label on the named record or
among the hits, weighed by how well the other words name its record."""

from __future__ import annotations

from .. import dates
from ..question import Question
from ..render import figure_text
from ..textfold import STOPWORDS, tokens
from ..words import stem, table
from .line import Answer, cite, unnamed_words, words_of


def _matches(term: str, label_word: str) -> float:
    """How well a query word matches a word of a figure label (1 same, 0.9 same root, 0.75 synonym)."""
    if term == label_word or table().variants.get(term) == label_word:
        return 1.0
    if stem(term) == stem(label_word):
        return 0.9
    synonyms = table().synonyms(term)
    if label_word in synonyms or stem(label_word) in {stem(s) for s in synonyms}:
        return 0.75
    return 0.0


def _in_label(word: str, fig: dict) -> bool:
    return any(_matches(word, w) for w in tokens(fig["label"]) + tokens(fig.get("unit") or ""))


def _figure_fit(words: list[str], fig: dict, strict: bool = False) -> float:
    """Query words matched in the label, plus the share of the label they cover; ``strict`` (a
    query that asks no question) ignores numbers and needs half the label's words covered."""
    label = [w for w in tokens(fig["label"]) if w not in STOPWORDS and not (strict and w.isdigit())]
    if strict:
        words = [w for w in words if not w.isdigit()]
    if not label or not words:
        return 0.0
    measured = label + tokens(fig.get("unit") or "")  # "people" in "how many people" is the unit
    matched = sum(max((_matches(t, w) for w in measured), default=0.0) for t in words)
    if not matched:
        return 0.0
    covered = sum(1 for w in label if any(_matches(t, w) for t in words)) / len(label)
    if strict and covered < 0.5 and not any(_matches(t, label[0]) for t in words):
        return 0.0  # neither most of the label nor its head word ("Funding over five years")
    return matched + covered


def figure(data, q: Question, candidates: list[dict], entity: dict | None, strict: bool = False):
    """The figure that answers "how many X": on the named entity, else the best-fitting label among
    the hits and the records whose figure labels have the words."""
    found = _figure_in(data, q, candidates, entity, strict)
    if found is None and entity is not None and not strict:
        found = _figure_in(data, q, candidates, None, strict)
    return found


def _figure_in(data, q: Question, candidates: list[dict], entity: dict | None, strict: bool = False):
    index = data.index
    scores = q.hit_scores
    top_score = max(scores.values(), default=1.0) or 1.0
    synonyms = table().synonyms
    rest = unnamed_words(q.words, entity)
    words = rest or q.words
    pool: dict[str, dict] = {}
    if entity is not None:
        pool[entity["id"]] = entity
    else:
        for rec in candidates:
            pool.setdefault(rec["id"], rec)
        expanded = {v for w in words for v in (w, stem(w), *synonyms(w), *index.variants(w))}
        for word in expanded:
            for position, _ in index.figures_matching(word)[:200]:
                rec = data.ordered[position]
                pool.setdefault(rec["id"], rec)

    def mention(rec: dict, fig: dict) -> float:
        """The record is what the other words ask about ("Moura" in "killed in Moura")."""
        topic = [w for w in words if not _in_label(w, fig)]
        weight = 2.0 if topic else 1.0  # words beyond the label say which record: they weigh most
        topic = topic or words
        named = words_of(rec) | {str(dates.record_year(rec) or ""), str(fig.get("year", ""))}
        summary = set(tokens(rec.get("summary", "")))
        found = sum(1.0 if ({w, *synonyms(w)} & named) else 0.5 if ({w, *synonyms(w)} & summary) else 0.0 for w in topic)
        return weight * found / len(topic)

    best = None
    for rec in pool.values():
        for fig in rec.get("figures", ()):
            fit = _figure_fit(words, fig, strict)
            if strict and fit and unnamed_words([w for w in words if not w.isdigit() and not _in_label(w, fig)], rec):
                continue  # a word neither in the label nor naming the record: not a figure query
            if entity is not None and not fit and not rest and not strict:
                # "how big is the gendarmerie", "how many policiers": its strength, else its first figure
                label = tokens(fig["label"])
                fit = 0.5 if label and _matches("personnel", label[0]) else 0.3 if any(_matches("personnel", w) for w in label) else 0.1
            if not fit:
                continue
            closeness = 0.3 * scores.get(rec["id"], 0.0) / top_score
            kind_bonus = {"event": 0.0, "source": 0.0, "term": 0.0, "force": 0.3}.get(rec["kind"], 0.1)
            score = fit + closeness + kind_bonus + mention(rec, fig) + (0.05 if fig.get("year") else 0.0)
            if best is None or score > best[0]:
                best = (score, rec, fig)
    if best is None:
        return None
    _, rec, fig = best
    value = fig["value"]
    needles = [f"{value:,}", str(value)] if isinstance(value, (int, float)) and not isinstance(value, bool) else [str(value)]
    return rec, Answer(rec["id"], f"{rec['name']}: {figure_text(fig)}", *cite(data, rec, needles)), []
