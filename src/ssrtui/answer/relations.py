"""Relation questions answered by following links instead of matching words: "which donors fund
justice reform" -> the donors linked (funded-by, supports) to the programmes the words find, and
the donors whose own record is about them; "what does Japan fund" -> the reverse."""

from __future__ import annotations

import math
from typing import NamedTuple

from .. import schema
from ..question import RELATION_TEXT, Question
from .line import Answer, cite

#: Records too central to say who does something to them ("who funds Mali" names everyone).
TOO_CENTRAL = ("government-of-mali", "mali")


class _Links(NamedTuple):
    """The links of one role around a record, read in the question's direction."""

    data: object
    role: str
    forward: bool

    def outgoing(self, rec: dict, role: str) -> list[str]:
        return [link["to"] for link in rec.get("links", ()) if link["role"] == role]

    def incoming(self, rec: dict, role: str) -> list[str]:
        return [b.source for b in self.data.backlinks.get(rec["id"], ()) if b.role == role]

    def partners(self, rec: dict) -> list[str]:
        """Who does it to the record ("who funds X", "whom does X answer to")."""
        found = self.outgoing(rec, self.role) if self.forward else self.incoming(rec, self.role)
        if self.role == "funded-by":  # donors also fund through "supports" links
            found += [s for s in self.incoming(rec, "supports") if (self.data.get(s) or {}).get("kind") in schema.FUNDER_KINDS]
        return [r for r in dict.fromkeys(found) if self.data.get(r)]

    def done_by(self, rec: dict) -> list[str]:
        """What the record does it to ("what does Japan fund")."""
        found = self.incoming(rec, self.role) if self.forward else self.outgoing(rec, self.role)
        if self.role == "funded-by":
            found += self.outgoing(rec, "supports")
        return [r for r in dict.fromkeys(found) if self.data.get(r)]


def relation(data, q: Question, candidates: list[dict], entity: dict | None):
    """(record, Answer, related records) for a relation question, or None."""
    links = _Links(data, q.role, q.forward)
    if entity is not None:
        found = _about_entity(data, q, links, entity)
        if found is not None:
            return found
    votes, via = _votes(data, q, links, candidates)
    if not votes:
        return None
    ranked = sorted(votes, key=lambda rid: -votes[rid])[:6]
    top = data.get(ranked[0])
    names = ", ".join(data.name_of(r) + (f" ({via[r]})" if r in via else "") for r in ranked[:4])
    text = f"{RELATION_TEXT[q.role][2]} {' '.join(q.words)}: {names}"
    return top, Answer(top["id"], text, *cite(data, top, q.words)), [data.get(r) for r in ranked[1:]]


def _about_entity(data, q: Question, links: _Links, entity: dict):
    """The question names a record: what it does ("what does Japan fund"), else who does it to it."""
    label, verb, _ = RELATION_TEXT[q.role]
    done = links.done_by(entity)
    if q.actor and done:
        text = f"{entity['name']} {verb}: {', '.join(data.name_of(r) for r in done[:5])}"
        return entity, Answer(entity["id"], text, *cite(data, entity, [])), [data.get(r) for r in done[:5]]
    named = links.partners(entity)
    if named:
        text = f"{entity['name']}: {label} {', '.join(data.name_of(r) for r in named[:5])}"
        return entity, Answer(entity["id"], text, *cite(data, entity, [data.name_of(r) for r in named])), [data.get(r) for r in named[:5]]
    if done:
        text = f"{entity['name']} {verb}: {', '.join(data.name_of(r) for r in done[:5])}"
        return entity, Answer(entity["id"], text, *cite(data, entity, [])), [data.get(r) for r in done[:5]]
    return None


def _votes(data, q: Question, links: _Links, candidates: list[dict]) -> tuple[dict[str, float], dict[str, str]]:
    """Records voted for by the hits they are linked to (the better the hit, the more), and for a
    funding question the donors whose own record is about the words (rarer words counting more);
    with, for each, the hit it came through."""
    votes: dict[str, float] = {}
    via: dict[str, str] = {}
    for rank, rec in enumerate(candidates[:6]):
        if rec["kind"] in schema.NOT_ACTORS or rec["id"] in TOO_CENTRAL:
            continue
        for other in links.partners(rec):
            votes[other] = votes.get(other, 0.0) + 1.0 / (1 + rank)
            via.setdefault(other, rec["name"])
    if q.role == "funded-by":
        index = data.index
        total = len(index.kinds) + 1
        for word in q.words:
            rarity = math.log(total / (1 + len(index.postings.get(word, ())))) / math.log(total)
            for rank, hit in enumerate(index.search(word, kind="donor", limit=5)):
                rid = data.ordered[hit.position]["id"]
                votes[rid] = votes.get(rid, 0.0) + 3.0 * rarity / (1 + rank)
    return votes, via
