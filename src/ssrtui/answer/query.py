"""Search that answers the question: the record that answers first, the answer line with its
citation, and "did you mean" when nothing matches (the query is read by ``question.parse``).

"who leads EUCAP" -> the mission first, its current head next, and the line "EUCAP Sahel Mali: led
by Peter Grabow Kolding since 11 Apr 2023 — <source>". Parsing is a few set lookups per keystroke;
the answer is built for the top hit only.
"""

from __future__ import annotations

from .. import dates, schema
from ..question import OFFICE_NOUNS, Question, parse
from ..words import table
from .facts import date_answer, leader, overview, place_answer, status_answer
from .figures import figure
from .line import Answer, unnamed_words
from .relations import relation

CANDIDATES = 12  # hits looked at for the record that answers
#: Words a leader question may add to the name of what it asks about ("the DCAF Mali office").
ROLE_CONTEXT = OFFICE_NOUNS | frozenset("mali malian office bureau country pays staff".split())

# ---- the result --------------------------------------------------------------------------------


class Result:
    """Hits, the answer line, what to try when nothing matches, and the query as read (a plain
    class: the CLI path does not pay for importing ``dataclasses``)."""

    __slots__ = ("hits", "answer", "suggestion", "question")

    def __init__(self, hits: list[tuple[dict, float]], answer: Answer | None = None, suggestion: str | None = None,
                 question: Question | None = None):
        self.hits = hits
        self.answer = answer
        self.suggestion = suggestion  # when nothing matches: what to try instead
        self.question = question if question is not None else Question([])


def ask(data, query: str, kind: str | None = None, limit: int | None = 50) -> Result:
    """Ranked hits for a query or a question, the answer line for the top hit, or a suggestion."""
    q = parse(query)
    if kind is not None:
        if q.kind not in (None, kind):
            return Result([], None, f"kind:{q.kind} and --kind {kind} exclude each other", q)
        q.kind = kind
    if q.problem:
        return Result([], None, q.problem, q)
    index = data.index
    if not q.words:
        if not q.faceted:
            return Result([], None, None, q)
        positions = list(index.keep(range(len(index.kinds)), q.kind, q.years, q.status))
        if q.years is not None:
            positions.sort(key=lambda p: -index.recency[p])
        chosen = positions if limit is None else positions[:limit]
        hits = [(data.ordered[p], 1.0) for p in chosen]
        return Result(hits, None, None if hits else _facet_hint(q), q)
    text = " ".join(q.words)
    wanted = None if limit is None else max(limit, CANDIDATES * 2)
    found = index.search(text, kind=q.kind, limit=wanted, years=q.years, status=q.status)
    hits = [(data.ordered[h.position], h.score) for h in found]
    if not hits:
        return Result([], None, suggestion(data, q), q)
    entity = _spot(data, q.words)
    q.hit_scores = {rec["id"]: score for rec, score in hits}
    hits, answer = _answer(data, q, hits, entity)
    return Result(hits if limit is None else hits[:limit], answer, None, q)


def _facet_hint(q: Question) -> str:
    return "no record has these facets; try a wider year range or another kind (kind:donor, year:2012-2015, status:active)"


def suggestion(data, q: Question) -> str:
    """'Did you mean ...' from the nearest indexed words; never nothing."""
    index = data.index
    fixed = []
    changed = False
    for word in q.words:
        near = index.suggest(word) if not index.search(word, limit=1) else None
        fixed.append(near or word)
        changed |= near is not None
    if changed:
        return f"did you mean: {' '.join(fixed)}"
    if q.faceted:
        return "these words match nothing with these facets; try without kind:, year: or status:"
    return "try a name, an acronym or a year (e.g. EUCAP, gendarmerie, 2012) or a question (who leads EUCAP)"


# ---- which record answers, and the sentence ---------------------------------------------------


def _spot(data, words: list[str]) -> dict | None:
    """The entity the query names (longest run of words equal to a name or alias), if any."""
    index = data.index
    variants = table().variants
    for size in range(len(words), 0, -1):
        starts = range(len(words) - size + 1)
        # "Mali" names the country, but in a question about Mali's security sector it rarely is the subject
        for start in sorted(starts, key=lambda i: words[i:i + size] in (["mali"], ["malian"])):
            run = words[start:start + size]
            for key in ("".join(run), "".join(variants.get(w, w) for w in run)):
                positions = index.exact.get(key)
                if positions:
                    return data.ordered[_entity_of(index, positions)]
    return None


def _entity_of(index, positions: list[int]) -> int:
    """Among records sharing a name, the entity (a glossary term stands for what it defines)."""
    for pos in positions:
        if index.kinds[pos] not in schema.NOT_ACTORS:
            return pos
    for pos in positions:
        if pos in index.defines:
            return index.defines[pos][0]
    return positions[0]


def _answer(data, q: Question, hits: list[tuple[dict, float]], entity: dict | None):
    """Hits reordered so the record that answers comes first (then what it points to), and the answer."""
    top = hits[0][0]
    if entity is None and top["kind"] not in schema.NOT_ACTORS and not unnamed_words(q.words, top):
        entity = top  # every word asked names the top hit ("gendarmes": National Gendarmerie)
    candidates = [rec for rec, _ in hits[:CANDIDATES]]
    if entity is not None and entity not in candidates:
        candidates.insert(0, entity)
    elif entity is not None:
        candidates.remove(entity)
        candidates.insert(0, entity)
    intent = q.intent
    found: tuple[dict, Answer, list[dict]] | None = None
    if intent == "leader":
        asked = [rec for rec in _named(q, candidates) if rec["kind"] != "event"]
        found = _first(asked, lambda rec: leader(data, rec, q.earliest))
    elif intent == "relation":
        found = relation(data, q, candidates, entity)
    elif intent == "figure":
        found = figure(data, q, candidates, entity)
    elif intent == "date":
        found = _first(_named(q, _dated_first(candidates, top)), lambda rec: date_answer(data, rec))
    elif intent == "place":
        found = _first(_named(q, candidates), lambda rec: place_answer(data, rec))
    elif intent == "status":
        found = _first(_named(q, candidates), lambda rec: status_answer(data, rec))
    if found is None and intent is None:
        subject = entity or top
        if unnamed_words(q.words, subject):
            found = figure(data, q, [subject], subject, strict=True)
        elif entity is not None:
            found = overview(data, entity)
    if found is None:
        if entity is not None and entity is not top and entity["kind"] not in schema.NOT_ACTORS:
            if any(rec is entity for rec, _ in hits[:CANDIDATES]):
                return _lead(hits, [entity]), None  # the entity the query names comes first
            if _allowed(data, q, entity):  # named, but matching few of the words: right after the top hit
                return [hits[0], (entity, hits[0][1]), *hits[1:]], None
        return hits, None
    record, answer, related = found
    index = data.index
    allowed = set(index.keep((index.position(r["id"]) for r in [record, *related]), q.kind, q.years, q.status))
    if index.position(record["id"]) not in allowed:
        return hits, None  # the answer lies outside the kind, years or status asked for
    order = [r for r in [record, *related] if index.position(r["id"]) in allowed]
    return _lead(hits, order), answer


def _named(q: Question, candidates: list[dict]) -> list[dict]:
    """The candidates the question is about: every word it asks names them (give or take an office
    or "Mali"), so a record without the asked field never lends the question another's answer;
    when the first is an entity, events that merely mention it do not answer for it."""
    named = [rec for rec in candidates if rec["kind"] not in ("source", "term")
             and set(unnamed_words(q.words, rec, summary=rec["kind"] == "event")) <= ROLE_CONTEXT]
    if named and named[0]["kind"] != "event":
        named = [rec for rec in named if rec["kind"] != "event"]
    return list({rec["id"]: rec for rec in named}.values())


def _allowed(data, q: Question, rec: dict) -> bool:
    """The record passes the facets the query typed."""
    index = data.index
    return any(True for _ in index.keep([index.position(rec["id"])], q.kind, q.years, q.status))


def _lead(hits: list[tuple[dict, float]], order: list[dict]) -> list[tuple[dict, float]]:
    """``order`` first (scores above the best hit), then the other hits as they were."""
    ids = {rec["id"] for rec in order}
    best = hits[0][1]
    lead = [(rec, round(best + len(order) - i, 3)) for i, rec in enumerate(order)]
    return lead + [(rec, score) for rec, score in hits if rec["id"] not in ids]


def _dated_first(candidates: list[dict], top: dict) -> list[dict]:
    """For "when": the top hit if dated, else the first event, else the first dated record."""
    if dates.record_date(top):
        return [top, *candidates]
    events = [r for r in candidates if r["kind"] == "event"]
    return [*events, *candidates]


def _first(candidates, build):
    for rec in candidates:
        found = build(rec)
        if found is not None:
            return found
    return None
