"""Search that answers the question: the record that answers first, the answer line with its
citation, and "did you mean" when nothing matches (the query is read by ``question.parse``).

"who leads EUCAP" -> the mission first, its current head next, and the line "EUCAP Sahel Mali: led
by Peter Grabow Kolding since 11 April 2023 — <source>". Parsing is a few set lookups per keystroke;
the answer is built for the top hit only.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from . import dates
from .question import OFFICE_NOUNS, RELATION_TEXT, Question, parse
from .render import figure_text, period, status_line
from .textfold import STOPWORDS, fold, tokens
from .words import stem, table

CANDIDATES = 12  # hits looked at for the record that answers
#: Words a leader question may add to the name of what it asks about ("the DCAF Mali office").
ROLE_CONTEXT = OFFICE_NOUNS | frozenset("mali malian office bureau country pays staff".split())

# ---- the result --------------------------------------------------------------------------------


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


class Result:
    """Hits, the answer line, what to try when nothing matches, and the query as read."""

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
        if index.kinds[pos] not in ("term", "source", "event"):
            return pos
    for pos in positions:
        if pos in index.defines:
            return index.defines[pos][0]
    return positions[0]


def _answer(data, q: Question, hits: list[tuple[dict, float]], entity: dict | None):
    """Hits reordered so the record that answers comes first (then what it points to), and the answer."""
    top = hits[0][0]
    if entity is None and top["kind"] not in ("event", "source", "term") and not _rest(q.words, top):
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
        found = _first(asked, lambda rec: _leader(data, rec, q.earliest))
    elif intent == "relation":
        found = _relation(data, q, candidates, entity)
    elif intent == "figure":
        found = _figure(data, q, candidates, entity)
    elif intent == "date":
        found = _first(_named(q, _dated_first(candidates, top)), lambda rec: _date(data, rec))
    elif intent == "place":
        found = _first(_named(q, candidates), lambda rec: _place(data, rec))
    elif intent == "status":
        found = _first(_named(q, candidates), lambda rec: _status(data, rec))
    if found is None and intent is None:
        subject = entity or top
        if _rest(q.words, subject):
            found = _figure(data, q, [subject], subject, strict=True)
        elif entity is not None:
            found = _overview(data, entity)
    if found is None:
        if entity is not None and entity is not top and entity["kind"] not in ("event", "source", "term"):
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
             and set(_rest(q.words, rec, summary=rec["kind"] == "event")) <= ROLE_CONTEXT]
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
    if top.get("date") or top.get("start"):
        return [top, *candidates]
    events = [r for r in candidates if r["kind"] == "event"]
    return [*events, *candidates]


def _first(candidates, build):
    for rec in candidates:
        found = build(rec)
        if found is not None:
            return found
    return None


def _rest(words: list[str], rec: dict | None, summary: bool = False) -> list[str]:
    """The query words that do not name the record ("budget" in "eucap budget"); ``summary``: nor
    describe it (an event is told by its summary: "when was the Kati camp attacked")."""
    if rec is None:
        return list(words)
    named = _words_of(rec) | (set(tokens(rec.get("summary", ""))) if summary else set())
    roots = {stem(w) for w in named}
    words_table = table()
    return [w for w in words if w not in named and words_table.variants.get(w) not in named and stem(w) not in roots
            and not named.intersection(words_table.synonyms(w))]


def _words_of(rec: dict) -> set[str]:
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


def _current(links: list[dict], earliest: bool = False) -> dict | None:
    """The link in force: open-ended and latest started (undated ones last); else the one that
    ended last. ``earliest``: the first one (by start, else end)."""
    if not links:
        return None
    if earliest:
        dated = [link for link in links if link.get("start") or link.get("end")] or links
        return min(dated, key=lambda link: dates.sort_key(link.get("start") or link.get("end")))
    open_ended = [link for link in links if not link.get("end")]
    if open_ended:
        return max(open_ended, key=lambda link: dates.sort_key(link.get("start") or "0000"))
    return max(links, key=lambda link: dates.end_key(link["end"]))


def _since(link: dict) -> str:
    if link.get("start") and not link.get("end"):
        return f" since {dates.display(link['start'])}"
    text = period(link.get("start"), link.get("end"))
    return f" ({text})" if text else ""


def _note(link: dict) -> str:
    return f" ({link['note']})" if link.get("note") else ""


def _leader(data, rec: dict, earliest: bool = False):
    """Who leads the record now (or first): its led-by link, or the person holding it as an office."""
    if rec["kind"] in ("event", "source", "term"):
        return None
    led = [link for link in rec.get("links", ()) if link["role"] == "led-by" and data.get(link["to"])]
    held = [b.link | {"to": b.source} for b in data.backlinks.get(rec["id"], ()) if b.role == "holds-office"]
    link = _current(led, earliest) or _current(held, earliest)
    if link is not None:
        person = data.get(link["to"])
        holder_rec = rec if link in led else person
        source = cite(data, holder_rec, person["name"].split()[-1:])
        verb = "led by " if link in led else ""
        text = f"{rec['name']}: {verb}{person['name']}{_since(link)}{_note(link)}"
        return rec, Answer(rec["id"], text, *source), [person]
    if rec["kind"] == "person":
        offices = [link for link in rec.get("links", ()) if link["role"] == "holds-office" and data.get(link["to"])]
        led_by = [b.link | {"to": b.source} for b in data.backlinks.get(rec["id"], ()) if b.role == "led-by"]
        link = _current(offices) or _current(led_by)
        if link is not None:
            office = data.get(link["to"])
            text = f"{rec['name']}: {office['name']}{_since(link)}{_note(link)}"
            return rec, Answer(rec["id"], text, *cite(data, rec, [office["name"]])), [office]
    return None


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


def _figure(data, q: Question, candidates: list[dict], entity: dict | None, strict: bool = False):
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
    rest = _rest(q.words, entity)
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
        named = _words_of(rec) | {(rec.get("date") or rec.get("start") or "")[:4], str(fig.get("year", ""))}
        summary = set(tokens(rec.get("summary", "")))
        found = sum(1.0 if ({w, *synonyms(w)} & named) else 0.5 if ({w, *synonyms(w)} & summary) else 0.0 for w in topic)
        return weight * found / len(topic)

    best = None
    for rec in pool.values():
        for fig in rec.get("figures", ()):
            fit = _figure_fit(words, fig, strict)
            if strict and fit and _rest([w for w in words if not w.isdigit() and not _in_label(w, fig)], rec):
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


def _date(data, rec: dict):
    if rec["kind"] in ("source", "term"):
        return None
    if rec.get("date"):
        text = f"{rec['name']}: {dates.display(rec['date'])}"
        return rec, Answer(rec["id"], text, *cite(data, rec, [rec["date"][:4]])), []
    if rec.get("start") or rec.get("end"):
        span = period(rec.get("start"), rec.get("end"), ongoing=rec.get("status") == "active")
        status = f"; {status_line(rec)}" if rec.get("status") else ""
        return rec, Answer(rec["id"], f"{rec['name']}: {span}{status}", *cite(data, rec, [(rec.get("start") or rec["end"])[:4]])), []
    return None


def _place(data, rec: dict):
    if rec["kind"] in ("source", "term"):
        return None
    places = []
    for link in rec.get("links", ()):
        target = data.get(link["to"])
        if target and (link["role"] == "located-in" or (target["kind"] == "place" and link["role"] in ("involves", "concerns"))):
            places.append(target)
    if not places:
        return None
    names = ", ".join(p["name"] for p in places[:4])
    return rec, Answer(rec["id"], f"{rec['name']}: in {names}", *cite(data, rec, [p["name"] for p in places])), places[:2]


def _status(data, rec: dict):
    if not rec.get("status"):
        return None
    span = period(rec.get("start"), rec.get("end"), ongoing=rec.get("status") == "active")
    text = f"{rec['name']}: {status_line(rec)}" + (f"; {span}" if span else "")
    return rec, Answer(rec["id"], text, *cite(data, rec, [])), []


def _relation(data, q: Question, candidates: list[dict], entity: dict | None):
    """Follow links instead of matching words: "which donors fund justice reform" -> the donors
    linked (funded-by, supports) to the programmes the words find, and the donors whose own record
    is about them; "what does Japan fund" -> the reverse."""
    role = q.role
    actors = {"donor", "country", "organisation"}
    label, verb, _ = RELATION_TEXT[role]

    def outgoing(rec: dict, wanted: str) -> list[str]:
        return [link["to"] for link in rec.get("links", ()) if link["role"] == wanted]

    def incoming(rec: dict, wanted: str) -> list[str]:
        return [b.source for b in data.backlinks.get(rec["id"], ()) if b.role == wanted]

    def partners(rec: dict) -> list[str]:
        """Who does it to the record ("who funds X", "whom does X answer to")."""
        found = outgoing(rec, role) if q.forward else incoming(rec, role)
        if role == "funded-by":  # donors also fund through "supports" links
            found += [s for s in incoming(rec, "supports") if data.get(s) and data.get(s)["kind"] in actors]
        return [r for r in dict.fromkeys(found) if data.get(r)]

    def done_by(rec: dict) -> list[str]:
        """What the record does it to ("what does Japan fund")."""
        found = incoming(rec, role) if q.forward else outgoing(rec, role)
        if role == "funded-by":
            found += outgoing(rec, "supports")
        return [r for r in dict.fromkeys(found) if data.get(r)]

    if entity is not None and q.actor and done_by(entity):  # "what does Japan fund"
        done = done_by(entity)
        text = f"{entity['name']} {verb}: {', '.join(data.name_of(r) for r in done[:5])}"
        return entity, Answer(entity["id"], text, *cite(data, entity, [])), [data.get(r) for r in done[:5]]
    if entity is not None:
        named = partners(entity)
        if named:
            text = f"{entity['name']}: {label} {', '.join(data.name_of(r) for r in named[:5])}"
            return entity, Answer(entity["id"], text, *cite(data, entity, [data.name_of(r) for r in named])), [data.get(r) for r in named[:5]]
        done = done_by(entity)
        if done:
            text = f"{entity['name']} {verb}: {', '.join(data.name_of(r) for r in done[:5])}"
            return entity, Answer(entity["id"], text, *cite(data, entity, [])), [data.get(r) for r in done[:5]]
    votes: dict[str, float] = {}
    via: dict[str, str] = {}
    for rank, rec in enumerate(candidates[:6]):
        if rec["kind"] in ("source", "term", "event") or rec["id"] in ("government-of-mali", "mali"):
            continue
        for other in partners(rec):
            votes[other] = votes.get(other, 0.0) + 1.0 / (1 + rank)
            via.setdefault(other, rec["name"])
    if role == "funded-by":  # donors whose own record is about the words asked, rarer words counting more
        index = data.index
        total = len(index.kinds) + 1
        for word in q.words:
            rarity = math.log(total / (1 + len(index.postings.get(word, ())))) / math.log(total)
            for rank, hit in enumerate(index.search(word, kind="donor", limit=5)):
                rid = data.ordered[hit.position]["id"]
                votes[rid] = votes.get(rid, 0.0) + 3.0 * rarity / (1 + rank)
    if not votes:
        return None
    ranked = sorted(votes, key=lambda rid: -votes[rid])[:6]
    top = data.get(ranked[0])
    names = ", ".join(data.name_of(r) + (f" ({via[r]})" if r in via else "") for r in ranked[:4])
    doing = RELATION_TEXT[role][2]
    text = f"{doing} {' '.join(q.words)}: {names}"
    return top, Answer(top["id"], text, *cite(data, top, q.words)), [data.get(r) for r in ranked[1:]]


def _overview(data, rec: dict):
    """The line for a record the query names: who leads it now, its status or its date."""
    led = _leader(data, rec)
    status = _status(data, rec)
    if led and status:
        text = f"{status[1].text}; {led[1].text.split(': ', 1)[1]}"
        return rec, Answer(rec["id"], text, led[1].source_id, led[1].source_name), []
    found = led or status or _date(data, rec)
    if found is None:
        return None
    return rec, found[1], []
