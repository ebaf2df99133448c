"""A query as typed: facets (``kind:donor``, ``year:2012``, ``2012-2015``, ``status:active``) and
the question it asks ("who leads X", "how many X", "when", "where", "is X still active", "which
donors fund X"), in English and French. A few set lookups: cheap enough for every keystroke.
"""

from __future__ import annotations

import re

from . import schema
from .textfold import STOPWORDS, fold, tokens

_FACET = re.compile(r"(?<!\S)(kind|type|year|years|annee|status|statut):(\S*)", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"(?<![\w-])(\d{4})\s*(?:-|–|—|\.\.|to|a)\s*(\d{4})(?![\w-])")
_KIND_WORDS = {fold(label): kind for kind, labels in schema.KINDS.items() for label in (kind, *labels)}
_KIND_WORDS.update({"forces": "force", "groups": "group", "people": "person", "terms": "term", "places": "place",
                    "countries": "country", "events": "event", "organisations": "organisation",
                    "organizations": "organisation", "organization": "organisation", "glossary": "term"})
_STATUS_WORDS = {s: s for s in schema.STATUSES} | {"actif": "active", "active": "active", "termine": "ended",
                                                   "over": "ended", "suspendu": "suspended", "planifie": "planned"}

#: Words that ask rather than name: dropped from the words searched, in both languages.
FILLERS = frozenset(
    "am be been being can could currently current now today present actuel actuelle actuellement aujourd hui "
    "has have had there tell me please show list give find about stand stands mean means "
    "happen happened happens occur occurred take took place lieu ete est sont etait c ce ca cela ceci que qu "
    "quoi quel quelle quels quelles qui ou quand combien comment il elle ils elles l d t un une au aux se sa son ses "
    "leur leurs en et y dans par pour sur avec the a".split()
)
QUESTION_WORDS = frozenset("who whom which what qui quel quelle quels quelles".split())
LEADER_VERBS = frozenset("lead leads led heads headed runs run commands commanded directs chair chairs chaired dirige dirigent "
                         "commande preside presides".split())
LEADER_NOUNS = frozenset("head heads leader leaders chief chef chefs director directeur commander commandant "
                         "dirigeant dirigeants boss responsable".split())
OFFICE_NOUNS = frozenset("president presidente prime minister ministre commissioner commissaire ambassador".split())
COUNT_CUES = frozenset("many much combien number nombre size taille large big strength effectif effectifs".split())
DATE_CUES = frozenset("when quand year annee date".split())
PLACE_CUES = frozenset("where located based headquarters headquartered siege situe situee trouve".split())
STATUS_CUES = frozenset("status still toujours encore exist exists existe active actif operating".split())
#: verb -> (link role, the asked record is the link's source: "X funded-by D" answers "who funds X")
RELATIONS = {
    **dict.fromkeys("fund funds funded finance finances financed financent financer".split(), ("funded-by", True)),
    **dict.fromkeys("support supports supported soutient soutiennent appuie appuient".split(), ("supports", False)),
    **dict.fromkeys("train trains trained forme forment".split(), ("trains", False)),
    **dict.fromkeys("answer answers report reports tutelle".split(), ("under-authority-of", True)),
}
FIRST_WORDS = frozenset("first premier premiere".split())
#: role -> (how the asked record reads it, how the actor reads it, the activity)
RELATION_TEXT = {
    "funded-by": ("funded by", "funds", "Funding"),
    "supports": ("supported by", "supports", "Supporting"),
    "trains": ("trained by", "trains", "Training"),
    "under-authority-of": ("under the authority of", "has authority over", "Authority over"),
}
RELATION_NOUNS = frozenset("donor donors bailleur bailleurs funder funders partner partners partenaires".split())


class Question:
    """A query as read: the words left to search, the intent and facets (a plain class: the CLI
    path does not pay for importing ``dataclasses``)."""

    __slots__ = ("words", "intent", "role", "forward", "earliest", "actor", "kind", "years", "status", "problem", "hit_scores")

    def __init__(self, words: list[str]):
        self.words = words  # what is left to search, folded
        self.intent: str | None = None  # leader, figure, date, place, status, relation
        self.role: str | None = None  # the link role a relation question follows
        self.forward = True  # the asked record holds the link (True) or receives it
        self.earliest = False  # "the first president": the earliest holder, not the current one
        self.actor = False  # "what does Japan fund": the named record does it (else it receives it)
        self.kind: str | None = None
        self.years: tuple[int, int] | None = None
        self.status: str | None = None
        self.problem: str | None = None  # an unknown facet value, said back to the user
        self.hit_scores: dict[str, float] = {}  # record id -> score, for weighing candidates

    def __repr__(self) -> str:
        return "Question(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"

    @property
    def faceted(self) -> bool:
        return any(v is not None for v in (self.kind, self.years, self.status))


def parse(query: str) -> Question:
    """Facets (``kind:donor``, ``year:2012``, ``2012-2015``, ``status:active``) and the question."""
    q = Question([])
    rest = _FACET.sub(lambda m: _facet(q, m.group(1).lower(), m.group(2)), query)
    rest = _YEAR_RANGE.sub(lambda m: _facet(q, "year", f"{m.group(1)}-{m.group(2)}"), rest)
    all_words = tokens(rest)
    words = list(dict.fromkeys(all_words))
    present = set(words)
    pairs = set(zip(all_words, all_words[1:]))
    in_force = bool(pairs & {("in", "force"), ("en", "vigueur")})  # "still in force": a status question
    first = words[0] if words else ""
    asks = bool(present & QUESTION_WORDS)
    drop = set(FILLERS)
    counting = bool(present & {"many", "much"} and "how" in present or present & {"combien", "number", "nombre"})
    if present & RELATIONS.keys() and not counting and (asks or present & RELATION_NOUNS or len(words) > 1):
        verb = next(w for w in words if w in RELATIONS)
        q.intent = "relation"
        q.role, q.forward = RELATIONS[verb]
        q.actor = q.role != "under-authority-of" and bool(present & {"does", "do", "did"} or first in {"what", "whom", "que", "quoi"})
        drop |= RELATIONS.keys() | RELATION_NOUNS | QUESTION_WORDS
    elif present & {"many", "much"} and "how" in present or present & {"combien", "number", "nombre"}:
        q.intent = "figure"
        drop |= COUNT_CUES | {"how"} | QUESTION_WORDS
    elif (present & LEADER_VERBS and (asks or first in LEADER_VERBS)) or present & LEADER_NOUNS or (
        present & OFFICE_NOUNS and (asks or first in OFFICE_NOUNS or present & {"current", "actuel", "actuelle", "now"})
    ):
        q.intent = "leader"
        drop |= LEADER_VERBS | LEADER_NOUNS | QUESTION_WORDS
    elif present & {"when", "quand"} or (present & {"year", "annee"} and asks) or ("date" in present and len(words) > 1):
        q.intent = "date"
        drop |= DATE_CUES | QUESTION_WORDS
    elif "where" in present or first == "ou" or (present & PLACE_CUES and len(words) > 1):
        q.intent = "place"
        drop |= PLACE_CUES | {"where"} | QUESTION_WORDS
    elif in_force or present & STATUS_CUES and len(words) > 1 and not (len(words) == 2 and present & {"active", "actif"}):
        q.intent = "status"
        drop |= STATUS_CUES | QUESTION_WORDS | ({"force", "vigueur"} if in_force else set())
    elif present & COUNT_CUES and "how" in present:
        q.intent = "figure"
        drop |= COUNT_CUES | {"how"} | QUESTION_WORDS
    first_words = FIRST_WORDS - ({"premier"} if "ministre" in present else set())  # premier ministre
    if q.intent == "leader" and present & first_words:
        q.earliest = True
        drop |= first_words
    if "lieu" in present:  # "a eu lieu" (took place); "EU" stays a word otherwise
        drop.add("eu")
    kept = [w for w in words if w not in drop and w not in STOPWORDS]
    q.words = kept or words
    return q


def _facet(q: Question, name: str, value: str) -> str:
    value = fold(value).strip(",;")
    if name in ("kind", "type"):
        kind = _KIND_WORDS.get(value) or _KIND_WORDS.get(value.rstrip("s"))
        if kind is None:
            q.problem = f"unknown kind '{value}'; kinds: {', '.join(schema.KINDS)}"
        q.kind = kind
    elif name in ("status", "statut"):
        status = _STATUS_WORDS.get(value)
        if status is None:
            q.problem = f"unknown status '{value}'; statuses: {', '.join(schema.STATUSES)}"
        q.status = status
    else:
        found = re.fullmatch(r"(\d{4})(?:\s*(?:-|–|\.\.)\s*(\d{4}))?", value)
        if not found:
            q.problem = f"'{value}' is not a year or a range of years (e.g. 2012 or 2012-2015)"
        else:
            first, last = int(found.group(1)), int(found.group(2) or found.group(1))
            q.years = (min(first, last), max(first, last))
    return " "
