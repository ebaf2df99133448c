"""The vocabulary of the data format: record kinds, link roles, statuses, fields."""

from __future__ import annotations

SCHEMA_VERSION = 1

#: kind -> (tab label, singular label); order is the TUI's tab order after the timeline.
KINDS: dict[str, tuple[str, str]] = {
    "mission": ("Missions", "Mission"),
    "force": ("Security forces", "Security force"),
    "donor": ("Donors", "Donor"),
    "event": ("Timeline", "Event"),
    "institution": ("Institutions", "Institution"),
    "programme": ("Programmes", "Programme"),
    "agreement": ("Agreements", "Agreement"),
    "group": ("Armed groups", "Armed group"),
    "person": ("People", "Person"),
    "term": ("Glossary", "Term"),
    "organisation": ("Organisations", "Organisation"),
    "source": ("Sources", "Source"),
    "country": ("Countries", "Country"),
    "place": ("Places", "Place"),
}

#: role -> how the reverse link reads on the other record ("referenced by" side).
ROLES: dict[str, str] = {
    "supports": "supported-by",
    "funded-by": "funds",
    "implemented-by": "implements",
    "led-by": "leads",
    "under-authority-of": "has-authority-over",
    "part-of": "includes",
    "member-of": "has-member",
    "succeeded-by": "succeeds",
    "involves": "involved-in",
    "established-by": "established",
    "oversees": "overseen-by",
    "signed-by": "signed",
    "mandated-by": "mandates",
    "trains": "trained-by",
    "allied-with": "allied-with",
    "linked-to": "linked-to",
    "concerns": "concerned-by",
    "located-in": "location-of",
    "advises": "advised-by",
    "holds-office": "office-held-by",
    "defines": "defined-by",
}

#: Kinds that are not actors: what happened (events), words (terms) and documents (sources).
NOT_ACTORS: tuple[str, ...] = ("event", "term", "source")
#: Kinds that act or are acted on (the timeline's actor filter, the record a question names).
ACTOR_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k not in NOT_ACTORS)
#: Actors that give money: who funds or supports a programme (donor map, "who funds X").
FUNDER_KINDS: tuple[str, ...] = ("donor", "country", "organisation")

STATUSES = ("active", "ended", "suspended", "planned", "unknown")

#: Fields every kind may carry, with the value type validation expects.
FIELDS: dict[str, str] = {
    "id": "slug",
    "kind": "kind",
    "name": "text",
    "aliases": "texts",
    "summary": "text",
    "description": "text",
    "date": "date",
    "start": "date",
    "end": "date",
    "status": "status",
    "status_as_of": "date",
    "disputed": "text",
    "links": "links",
    "sources": "sources",
    "figures": "figures",
    "tags": "texts",
    "path": "text",
    "url": "text",
    "publisher": "text",
    "published": "date",
}
REQUIRED = ("id", "kind", "name")
LINK_FIELDS = {"to": "slug", "role": "role", "start": "date", "end": "date", "note": "text"}
SOURCE_FIELDS = {"source": "slug", "quote": "text", "note": "text"}
FIGURE_FIELDS = {"label": "text", "value": "number-or-text", "year": "year", "unit": "text", "note": "text"}
FIGURE_REQUIRED = ("label", "value")

#: The figure a list row shows for a record (else its first figure): the size of a force or mission.
KEY_FIGURE_LABEL = "Personnel"
