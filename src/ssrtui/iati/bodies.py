"""The organisations and places the imported activities name, one record each across every file.

Organisations are told apart by IATI ref (or by name when they have none); a country the
--link-to data already has is linked to, not written again.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from .activity import Org, fold, preferred
from .codelists import country_display, name
from .matching import Ids, LinkIndex, match_key, slug

_VERBS = {"1": "funds", "3": "extends", "4": "implements", "2": "is accountable for"}
Cite = Callable[[str, list[str], str], dict]  # (source id, texts, the activity's folded XML) -> a citation


class Bodies:
    """Organisations and places met so far; ``org_records`` and ``places`` are what gets written."""

    def __init__(self, ids: Ids, index: LinkIndex, cite: Cite):
        self.ids, self.index, self.cite = ids, index, cite
        self.orgs: dict[tuple[str, str], dict] = {}
        self.places: dict[str, dict] = {}  # "country ML" / "region 289" -> the record written for it
        self.place_ids: dict[str, str] = {}  # the same keys -> the id programmes link to (ours or --link-to's)
        self.linked = 0  # records matched in the --link-to data

    def org(self, org: Org, source_id: str, raw_folded: str) -> tuple[str, str]:
        """The id and display name of the record for ``org``, created at its first activity."""
        first = preferred(org.names)
        key = ("ref", org.ref.upper()) if org.ref else ("name", match_key(first.text))
        rec = self.orgs.get(key)
        if rec is None:
            display = fold(first.text) if first else org.ref
            rec = {"id": self.ids.new("iati-org-" + slug(org.ref or display)), "kind": "organisation", "name": display,
                   "_names": [], "_roles": Counter(), "_type": org.type, "_ref": org.ref,
                   "_source": self.cite(source_id, [n.text for n in org.names] + [org.ref], raw_folded)}
            self.orgs[key] = rec
        for narrative in org.names:
            if fold(narrative.text) not in rec["_names"]:
                rec["_names"].append(fold(narrative.text))
        rec["_roles"][org.role] += 1
        if not rec["_type"] and org.type:
            rec["_type"] = org.type
        return rec["id"], rec["name"]

    def country(self, code: str, source_id: str) -> str:
        key = f"country {code}"
        if key not in self.place_ids:
            names = [country_display(code), name("Country", code)]
            matched = self.index.find("country", names)
            if matched:
                self.place_ids[key] = matched
                self.linked += 1
            else:
                rec = {"id": self.ids.new(f"iati-country-{code.lower()}"), "kind": "country", "name": country_display(code),
                       "aliases": [name("Country", code), code],
                       "summary": f"Recipient country in the imported IATI data (ISO 3166-1 code {code}).",
                       "sources": [{"source": source_id, "quote": code}], "tags": ["IATI"]}
                self.places[key] = rec
                self.place_ids[key] = rec["id"]
        return self.place_ids[key]

    def region(self, code: str, source_id: str) -> str:
        key = f"region {code}"
        if key not in self.place_ids:
            rec = {"id": self.ids.new(f"iati-region-{code}"), "kind": "place", "name": name("Region", code),
                   "summary": f"OECD DAC recipient region {code}, as the imported IATI data names it.",
                   "sources": [{"source": source_id, "quote": code}], "tags": ["IATI", "region"]}
            self.places[key] = rec
            self.place_ids[key] = rec["id"]
        return self.place_ids[key]

    def org_records(self) -> list[dict]:
        return [self._org_record(rec) for rec in self.orgs.values()]

    def _org_record(self, rec: dict) -> dict:
        """A donor when it funds or extends any activity, else an organisation; linked to its match."""
        roles: Counter = rec["_roles"]
        out = {"id": rec["id"], "kind": "donor" if roles["1"] or roles["3"] else "organisation", "name": rec["name"]}
        aliases = [n for n in rec["_names"] if n != rec["name"]] + ([rec["_ref"]] if rec["_ref"] and rec["_ref"] != rec["name"] else [])
        if aliases:
            out["aliases"] = list(dict.fromkeys(aliases))
        kind_name = name("OrganisationType", rec["_type"]) if rec["_type"] else None
        doing = [f"{_VERBS[r]} {roles[r]}" for r in ("1", "3", "4", "2") if roles[r]]
        out["summary"] = (f"{kind_name + ' organisation' if kind_name else 'Organisation'} in the imported IATI data"
                          + (f" (IATI ref {rec['_ref']})" if rec["_ref"] else "") + ": " + ", ".join(doing) + " of its activities.")
        matched = self.index.find("org", [rec["name"], *rec["_names"], rec["_ref"]] if rec["_ref"] else [rec["name"], *rec["_names"]])
        if matched:
            out["links"] = [{"to": matched, "role": "linked-to", "note": "the same body in the linked data (matched by name)"}]
            self.linked += 1
        out["sources"] = [rec["_source"]]
        out["tags"] = ["IATI"] + ([kind_name] if kind_name else [])
        return out
