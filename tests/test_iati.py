"""`ssrtui import iati`: IATI activity files become a data folder that validates and links."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from ssrtui.cli import main
from ssrtui.paths import bundled_data_dir
from ssrtui.validate import compile_data

FIXTURES = Path(__file__).parent / "fixtures" / "iati"
BENCH = Path(__file__).parent.parent / "benchmarks" / "iati.py"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def records(*folders: Path) -> dict[str, dict]:
    compiled = compile_data(list(folders))
    assert compiled.problems == [], [str(p) for p in compiled.problems[:5]]
    return {r["id"]: r for r in compiled.records}


def imported(capsys, tmp_path, *files, args=()):
    out = tmp_path / "out"
    code, _, err = run(capsys, "import", "iati", *files, "--output", out, *args)
    assert code == 0, err
    return out, err


def links(rec, role=None):
    return [(link["to"], link["role"], link.get("note")) for link in rec.get("links", []) if role in (None, link["role"])]


def figure(rec, label, year=None):
    found = [f for f in rec.get("figures", []) if f["label"] == label and f.get("year") == year]
    assert len(found) == 1, (label, year, rec.get("figures"))
    return found[0]


@pytest.mark.parametrize("version", ["201", "202", "203"])
def test_every_element_of_an_activity_becomes_part_of_a_programme(capsys, tmp_path, version):
    out, err = imported(capsys, tmp_path, FIXTURES / f"v{version}.xml")
    assert "read 6 activities from 1 file(s): imported 6, skipped 0" in err
    recs = records(out)
    prog = recs["iati-xm-dac-7-ppr-4000001234"]
    assert prog["kind"] == "programme"
    assert prog["name"] == "Security & Justice Sector Reform Programme in Mali"
    assert prog["aliases"] == ["XM-DAC-7-PPR-4000001234", "Programme de réforme du secteur de la sécurité et de la justice au Mali"]
    # descriptions: English shown, French kept, other types labelled
    assert prog["description"].startswith("Support to the reform of the Malian police")
    assert "[fr] Appui à la réforme de la police" in prog["description"]
    assert "Objectives: Improve democratic control of the security sector." in prog["description"]
    # actual dates shown, planned kept beside them
    assert (prog["start"], prog["end"]) == ("2015-03-15", "2019-06-30")
    assert figure(prog, "Planned start")["value"] == "2015-01-01"
    assert figure(prog, "Planned End")["value"] == "2018-12-31"
    assert figure(prog, "Actual end")["value"] == "2019-06-30"
    assert "planned start 1 Jan 2015, planned end 31 Dec 2018; actual start 15 Mar 2015" in prog["description"]
    assert (prog["status"], prog["status_as_of"]) == ("active", "2024-03-01")
    # places
    assert ("iati-country-ml", "concerns", None) in links(prog) and ("iati-country-ne", "concerns", None) in links(prog)
    assert ("iati-region-289", "concerns", None) in links(prog)
    assert recs["iati-country-ml"]["name"] == "Mali" and recs["iati-country-ne"]["name"] == "Niger"
    assert recs["iati-region-289"] == recs["iati-region-289"] | {"kind": "place", "name": "South of Sahara, regional"}
    assert figure(prog, "Recipient country ML Mali")["value"] == 80
    # sectors: 5-digit and 3-digit codes as tags, shares as figures, names in the description
    assert {"DAC 15210", "DAC 152", "DAC 15130", "DAC 151"} <= set(prog["tags"])
    assert figure(prog, "Sector 15210 Security system management and reform")["value"] == 60
    assert "152 Conflict prevention and resolution, peace and security" in prog["description"]
    # money summed per year and type, with the currency (the activity's default when not given)
    assert figure(prog, "Budget (Original)", 2016) | {} == {"label": "Budget (Original)", "value": 1500000.5, "year": 2016, "unit": "EUR"}
    assert figure(prog, "Budget (Revised)", 2016)["value"] == 1750000
    assert figure(prog, "Disbursement", 2015) == {"label": "Disbursement", "value": 750000, "year": 2015, "unit": "EUR"}
    assert figure(prog, "Expenditure", 2016)["unit"] == "USD"
    # organisations by role
    assert ("iati-org-xm-dac-7", "funded-by", None) in links(prog)
    assert [n for t, _, n in links(prog, "funded-by") if t == "iati-org-xm-dac-7-emb-bko"][0].startswith("extending organisation")
    assert ("iati-org-xm-dac-41114", "implemented-by", None) in links(prog)
    accountable = [n for t, _, n in links(prog, "linked-to") if t == "iati-org-ministere-de-la-securite-et-de-la-protection-civile"]
    assert accountable and accountable[0].startswith("accountable organisation")
    # related activities: imported ones linked once, the others named
    child = [n for t, _, n in links(prog, "linked-to") if t == "iati-xm-dac-7-ppr-4000001235"]
    assert child == ["related activity: child (IATI related-activity type 2)"]
    assert links(recs["iati-xm-dac-7-ppr-4000001235"], "linked-to") == []  # the reverse is derived, not written twice
    assert "Related activities not imported: XM-DAC-7-PPR-9999999999 (Sibling)." in prog["description"]
    # every record cites its part of the file with a verbatim quote (validation checked it)
    for rec in recs.values():
        if rec["kind"] != "source":
            assert rec["sources"][0]["source"].startswith("iati-src-v" + version) and rec["sources"][0].get("quote"), rec["id"]


def test_versions_201_202_and_203_are_read_the_same_way(capsys, tmp_path):
    """The fixtures hold the same activities as each version writes them: 2.02 adds humanitarian flags and
    scope, budget status, participating-org/@activity-id and incoming commitments (transaction type 11);
    2.03 tags, CRS channel codes and pledges (types 12, 13). Every record reads the same in all three,
    but for the transaction types a version does not have."""
    read = {}
    for version in ("201", "202", "203"):
        out = tmp_path / version
        code, _, err = run(capsys, "import", "iati", FIXTURES / f"v{version}.xml", "--output", out)
        assert code == 0 and "warning" not in err, err  # nothing a version writes is unknown or skipped
        read[version] = {i: {k: _cited(v) for k, v in r.items() if not k.startswith("_")}  # _file: where validation read it
                         for i, r in records(out).items() if r["kind"] != "source"}
    assert read["201"].keys() == read["202"].keys() == read["203"].keys()
    for rec_id in read["203"]:
        if rec_id != "iati-xm-dac-7-ppr-codes-3":
            assert read["201"][rec_id] == read["202"][rec_id] == read["203"][rec_id], rec_id
    codes = {v: read[v]["iati-xm-dac-7-ppr-codes-3"] for v in read}
    assert codes["201"].keys() == codes["202"].keys() == codes["203"].keys()
    assert all(codes["201"][k] == codes["202"][k] == codes["203"][k] for k in codes["203"] if k != "figures")
    labels = {v: {f["label"] for f in codes[v]["figures"]} for v in codes}
    assert labels["202"] - labels["201"] == {"Incoming Commitment"} and not labels["201"] - labels["202"]
    assert labels["203"] - labels["202"] == {"Outgoing Pledge", "Incoming Pledge"} and not labels["202"] - labels["203"]


def _cited(value):
    """A record's citations with the part of the source id that names the file (v201-<digest>) taken out."""
    if isinstance(value, list) and value and isinstance(value[0], dict) and "source" in value[0]:
        return [{**cite, "source": re.sub(r"^iati-src-v20[123]-[0-9a-f]{8}-", "iati-src-", cite["source"])} for cite in value]
    return value


def test_organisations_are_deduplicated_and_donors_are_those_who_fund(capsys, tmp_path):
    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml")
    recs = records(out)
    orgs = {i: r for i, r in recs.items() if i.startswith("iati-org-")}
    assert sorted(orgs) == ["iati-org-denmark", "iati-org-european-union", "iati-org-ministere-de-la-securite-et-de-la-protection-civile",
                            "iati-org-xm-dac-41114", "iati-org-xm-dac-7", "iati-org-xm-dac-7-emb-bko"]
    assert orgs["iati-org-xm-dac-7"]["kind"] == "donor" and "funds 2 of its activities" in orgs["iati-org-xm-dac-7"]["summary"]
    assert orgs["iati-org-xm-dac-7-emb-bko"]["kind"] == "donor"  # extending
    assert orgs["iati-org-xm-dac-41114"]["kind"] == "organisation"
    assert orgs["iati-org-xm-dac-41114"]["aliases"] == ["Programme des Nations unies pour le développement", "XM-DAC-41114"]
    assert "Multilateral" in orgs["iati-org-xm-dac-41114"]["tags"]


def test_every_status_and_transaction_code(capsys, tmp_path):
    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml")
    recs = records(out)
    status = {i: r.get("status") for i, r in recs.items() if r["kind"] == "programme"}
    assert status == {"iati-xm-dac-7-ppr-4000001234": "active", "iati-xm-dac-7-ppr-4000001235": "planned",
                      "iati-dk-1-2019-0042": "suspended", "iati-xi-iati-ec-intpa-2016-380-123": "ended",
                      "iati-xm-dac-7-ppr-codes-3": "ended", "iati-xm-dac-7-ppr-codes-5": "ended"}
    assert "IATI status: Cancelled." in recs["iati-xm-dac-7-ppr-codes-5"]["description"]
    codes = recs["iati-xm-dac-7-ppr-codes-3"]
    labels = {f["label"] for f in codes["figures"] if f.get("year") == 2012}
    assert labels == {"Incoming Funds", "Outgoing Commitment", "Disbursement", "Expenditure", "Interest Payment", "Loan Repayment",
                      "Reimbursement", "Purchase of Equity", "Sale of Equity", "Credit Guarantee", "Incoming Commitment",
                      "Outgoing Pledge", "Incoming Pledge"}  # every type of 2.03's TransactionType
    notes = sorted(n for _, _, n in links(codes, "linked-to"))
    assert notes == ["related activity: co-funded (IATI related-activity type 4)", "related activity: sibling (IATI related-activity type 3)",
                     "related activity: third party (IATI related-activity type 5)"]
    # a French-only title is shown as it is
    assert recs["iati-dk-1-2019-0042"]["name"] == "Stabilisation et réconciliation au Sahel"
    # a country without a shipped name is kept as a tag
    assert "country KE" in recs["iati-dk-1-2019-0042"]["tags"]


def test_sources_name_the_file_publisher_and_date_and_hold_a_verbatim_copy(capsys, tmp_path):
    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml")
    recs = records(out)
    [source] = [r for r in recs.values() if r["kind"] == "source"]
    assert source["name"] == "IATI file v203.xml, activities 1-6"
    assert source["publisher"] == "Netherlands - Ministry of Foreign Affairs; Ministry of Foreign Affairs of Denmark; European Union"
    assert source["published"] == "2024-03-15"
    copy = (out / source["path"]).read_text(encoding="utf-8")
    original = (FIXTURES / "v203.xml").read_text(encoding="utf-8")
    header = original[:original.index("<iati-activity ")]
    activities = re.findall(r"<iati-activity[ >].*?</iati-activity>", original, re.S)
    assert copy.startswith(header) and copy.endswith("</iati-activities>\n")
    assert len(activities) == 6 and all(a in copy for a in activities)  # each activity copied byte for byte
    assert "Security &amp; Justice Sector Reform Programme in Mali" in copy


def test_alone_and_beside_the_bundled_data(capsys, tmp_path):
    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml")
    alone = records(out)
    assert not any(link["to"] in {"mali", "netherlands"} for r in alone.values() for link in r.get("links", []))
    both = records(bundled_data_dir(), out)  # no id collides with the bundled data
    assert len(both) == len(alone) + len(records(bundled_data_dir()))
    code, _, err = run(capsys, "validate", "--data", bundled_data_dir(), "--data", out)
    assert code == 0, err


def test_link_to_matches_bundled_records_by_name_and_alias(capsys, tmp_path):
    out, err = imported(capsys, tmp_path, FIXTURES / "v203.xml", args=("--link-to", "bundled"))
    assert "linked to --link-to records" in err
    recs = records(bundled_data_dir(), out)
    matched = {i: links(r, "linked-to")[0][0] for i, r in recs.items() if i.startswith("iati-org-") and r.get("links")}
    assert matched["iati-org-xm-dac-7"] == "netherlands"  # "Netherlands - Ministry of Foreign Affairs" ~ an alias
    assert matched["iati-org-denmark"] == "denmark"
    assert matched["iati-org-european-union"] == "european-union"
    assert matched["iati-org-xm-dac-7-emb-bko"] == "embassy-netherlands-bamako"
    prog = recs["iati-xm-dac-7-ppr-4000001234"]
    assert ("mali", "concerns", None) in links(prog) and "iati-country-ml" not in recs  # the bundled Mali, no second one
    code, _, _ = run(capsys, "validate", "--data", out)
    assert code == 1  # linked output needs the data it links to: documented


def test_country_and_sector_filters(capsys, tmp_path):
    out, err = imported(capsys, tmp_path, FIXTURES / "v203.xml", args=("--country", "ne", "--country", "BF"))
    assert sorted(i for i, r in records(out).items() if r["kind"] == "programme") == ["iati-dk-1-2019-0042", "iati-xm-dac-7-ppr-4000001234"]
    assert "imported 2, skipped 4" in err and "skipped 4: no recipient country among BF, NE" in err
    shutil.rmtree(out)
    out, err = imported(capsys, tmp_path, FIXTURES / "v203.xml", args=("--sector", "1521", "--sector", "1513"))
    progs = sorted(i for i, r in records(out).items() if r["kind"] == "programme")
    assert progs == ["iati-xm-dac-7-ppr-4000001234", "iati-xm-dac-7-ppr-4000001235"]
    # the related activity left out is named, not linked
    assert links(records(out)["iati-xm-dac-7-ppr-4000001234"], "linked-to")[-1][0] == "iati-xm-dac-7-ppr-4000001235"


BAD_VALUES = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-13-45T00:00:00Z">
 <iati-activity default-currency="EUR">
  <iati-identifier>TEST-BAD-1</iati-identifier>
  <title><narrative>   </narrative></title>
  <description><narrative>Kept despite everything.</narrative></description>
  <participating-org role="9" ref="XX-1"><narrative>Unknown role</narrative></participating-org>
  <participating-org role="1"/>
  <participating-org role="1" ref="XX-2"/>
  <activity-status code="9"/>
  <activity-date iso-date="2015-02-30" type="2"/>
  <activity-date iso-date="2014-01-01" type="1"/>
  <activity-date iso-date="2013-01-01" type="4"/>
  <recipient-country code="M1"/>
  <recipient-country code="ML"/>
  <sector code="99999" vocabulary="1"/>
  <sector code="15210" vocabulary="1" percentage="many"/>
  <budget type="1"><period-start iso-date="2015-01-01"/><value>lots</value></budget>
  <transaction><transaction-type code="Z"/><transaction-date iso-date="2015-01-01"/><value>5</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2015-01-01"/><value>1e999</value></transaction>
  <related-activity ref="X" type="7"/>
 </iati-activity>
 <iati-activity><title><narrative>No identifier</narrative></title></iati-activity>
 <iati-activity><iati-identifier>TEST-BAD-1</iati-identifier></iati-activity>
</iati-activities>
"""


def test_bad_values_are_left_out_with_a_warning_naming_activity_and_element(capsys, tmp_path):
    path = tmp_path / "bad-values.xml"
    path.write_text(BAD_VALUES, encoding="utf-8")
    out, err = imported(capsys, tmp_path, path)
    assert "read 3 activities from 1 file(s): imported 1, skipped 2" in err
    for expected in ("activity TEST-BAD-1: title: no narrative", "activity TEST-BAD-1: participating-org: unknown role '9'",
                     "activity TEST-BAD-1: participating-org: no narrative and no ref", "activity TEST-BAD-1: activity-status: unknown code '9'",
                     "activity TEST-BAD-1: activity-date type 2: impossible date '2015-02-30'", "activity TEST-BAD-1: recipient-country: unknown code 'M1'",
                     "activity TEST-BAD-1: sector: unknown DAC 5-digit code '99999'", "activity TEST-BAD-1: budget/value: not a number",
                     "activity TEST-BAD-1: transaction/transaction-type: unknown code 'Z'", "activity TEST-BAD-1: transaction/value: not a number",
                     "activity TEST-BAD-1: related-activity: unknown type '7'", "activity 2: iati-identifier: missing or empty",
                     "activity TEST-BAD-1: iati-identifier: already imported from", "activity TEST-BAD-1: activity-date: ends (2013-01-01) before it starts (2014-01-01)"):
        assert expected in err, expected
    assert re.search(r"bad-values\.xml:3: activity TEST-BAD-1: title", err)
    rec = records(out)["iati-test-bad-1"]
    assert rec["name"] == "TEST-BAD-1" and rec["start"] == "2014-01-01" and "end" not in rec and "status" not in rec
    assert links(rec, "funded-by") == [("iati-org-xx-2", "funded-by", None)]
    assert "Kept despite everything." in rec["description"]
    assert not any(f["label"].startswith(("Budget", "Disbursement")) for f in rec["figures"])
    [source] = [r for r in records(out).values() if r["kind"] == "source"]
    assert "published" not in source  # the impossible generated-datetime is left out


HOSTILE = {
    "not-xml.xml": ("this is not XML\n", 1),
    "truncated.xml": ('<?xml version="1.0"?>\n<iati-activities version="2.03">\n <iati-activity>\n  <iati-identifier>A', 4),
    "wrong-root.xml": ('<?xml version="1.0"?>\n<iati-organisations version="2.03"/>\n', 2),
    "doctype.xml": ('<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY e "x">]>\n<iati-activities/>\n', 2),
    "billion-laughs.xml": ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
                           "<iati-activities><iati-activity><iati-identifier>&lol2;</iati-identifier></iati-activity></iati-activities>\n", 2),
    "external.xml": ('<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "file:///etc/passwd">\n<iati-activities/>\n', 2),
    "undefined-entity.xml": ('<?xml version="1.0"?>\n<iati-activities>\n<iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>\n', 3),
    "empty.xml": ("", 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_malformed_or_hostile_files_exit_1_naming_file_line_col_and_write_nothing(capsys, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    text, line = HOSTILE[name]
    Path(name).write_text(text, encoding="utf-8")
    good = tmp_path / "good.xml"
    shutil.copy(FIXTURES / "v203.xml", good)
    code, out, err = run(capsys, "import", "iati", "good.xml", name, "--output", "out")
    assert code == 1
    assert re.search(rf"^{re.escape(name)}:{line}:\d+: ", err, re.M), err
    assert "Traceback" not in err and "nothing imported" in err
    assert not (tmp_path / "out").exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_wrong_root_and_doctype_say_why(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("org.xml").write_text(HOSTILE["wrong-root.xml"][0], encoding="utf-8")
    Path("dtd.xml").write_text(HOSTILE["doctype.xml"][0], encoding="utf-8")
    code, _, err = run(capsys, "import", "iati", "org.xml", "dtd.xml", "--output", "out")
    assert code == 1
    assert "org.xml:2:1: not an IATI activity file: the root element is <iati-organisations>, expected <iati-activities>" in err
    assert re.search(r"^dtd.xml:2:\d+: a DOCTYPE is not allowed in an IATI file", err, re.M)


def test_control_and_bidi_characters_never_reach_the_yaml(capsys, tmp_path):
    path = tmp_path / "controls.xml"
    path.write_text('<iati-activities version="2.03"><iati-activity><iati-identifier>CTRL-1</iati-identifier>'
                    "<title><narrative>Evil&#x202E;txt.exe &#x85;title&#x7F; here\n  on two lines</narrative></title></iati-activity></iati-activities>",
                    encoding="utf-8")
    out, _ = imported(capsys, tmp_path, path)
    rec = records(out)["iati-ctrl-1"]
    assert rec["name"] == "Evil" "txt.exe title here on two lines"  # a name is one line
    assert rec["sources"][0]["quote"]


def test_tricky_text_reads_back_exactly(capsys, tmp_path):
    titles = ["no", "1:30", "010", "- item", "#hash", "key: value", "2015-01-01", ".nan", "*alias", "!!python/object", '"quoted" \\ back', "é ü 😀 ✓"]
    body = "".join(f"<iati-activity><iati-identifier>T-{i}</iati-identifier><title><narrative>{t.replace(chr(34), '&quot;')}</narrative></title></iati-activity>"
                   for i, t in enumerate(titles))
    path = tmp_path / "tricky.xml"
    path.write_text(f'<iati-activities version="2.03">{body}</iati-activities>', encoding="utf-8")
    out, _ = imported(capsys, tmp_path, path)
    recs = records(out)
    assert [recs[f"iati-t-{i}"]["name"] for i in range(len(titles))] == titles


def test_output_folder_rules(capsys, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.yaml").write_text("- {id: x, kind: term, name: X}\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "iati", FIXTURES / "v203.xml", "--output", mine)
    assert code == 2 and "is not empty and was not written by an earlier import" in err
    assert [p.name for p in mine.iterdir()] == ["notes.yaml"]
    code, _, err = run(capsys, "import", "iati", FIXTURES / "v203.xml", "--output", bundled_data_dir() / "iati")
    assert code == 2 and "overlaps the data folder" in err
    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml")
    first = len(records(out))
    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml", args=("--country", "NE"))  # an earlier import is replaced
    assert len(records(out)) < first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "out"]


def test_missing_input_file_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "import", "iati", tmp_path / "nope.xml", "--output", tmp_path / "out")
    assert code == 1 and "nope.xml:1:1: cannot read" in err and "Traceback" not in err


@pytest.mark.slow
def test_twenty_thousand_activities_import_and_validate(capsys, tmp_path):
    spec = importlib.util.spec_from_file_location("iati_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    xml = bench.write_activities(tmp_path / "big.xml", 20000)
    out, err = imported(capsys, tmp_path, xml)
    assert "read 20000 activities from 1 file(s): imported 20000, skipped 0" in err
    recs = records(out)
    assert sum(r["kind"] == "programme" for r in recs.values()) == 20000
    assert len([p for p in (out / "iati-sources").rglob("*.xml")]) > 10  # copies in parts, so quotes check fast


def test_single_byte_encodings_are_copied_as_utf8_and_utf16_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<iati-activities version="2.03"><iati-activity>'
            "<iati-identifier>ENC-1</iati-identifier><title><narrative>Réforme de la sécurité</narrative></title></iati-activity></iati-activities>\n")
    Path("latin1.xml").write_bytes(text.encode("latin-1"))
    out, _ = imported(capsys, tmp_path, "latin1.xml")
    rec = records(out)["iati-enc-1"]
    assert rec["name"] == "Réforme de la sécurité" and rec["sources"][0]["quote"] == "Réforme de la sécurité"
    Path("utf16.xml").write_bytes(text.replace("ISO-8859-1", "UTF-16").encode("utf-16"))
    code, _, err = run(capsys, "import", "iati", "utf16.xml", "--output", "out16")
    assert code == 1 and "utf16.xml:1:1: UTF-16 files are not supported" in err


@pytest.mark.parametrize("option", [("--country", "Mali"), ("--sector", "SSR")])
def test_bad_filter_is_a_usage_error(capsys, tmp_path, option):
    code, _, err = run(capsys, "import", "iati", FIXTURES / "v203.xml", "--output", tmp_path / "out", *option)
    assert code == 2 and f"{option[0]} '{option[1]}': expected" in err and not (tmp_path / "out").exists()


def test_link_to_a_folder_that_does_not_exist_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "import", "iati", FIXTURES / "v203.xml", "--output", tmp_path / "out", "--link-to", tmp_path / "nowhere")
    assert code == 2 and "--link-to" in err and "not a folder" in err and not (tmp_path / "out").exists()


def test_the_timeline_strip_shows_planned_against_actual(capsys, tmp_path):
    """An activity that started and ended later than planned: its actual bar, and its plan under it."""
    from ssrtui.dataset import Dataset
    from ssrtui.dates import planned_dates
    from ssrtui.tui.period_strip import gantt_lines

    out, _ = imported(capsys, tmp_path, FIXTURES / "v203.xml")
    data = Dataset.from_records(list(records(out).values()))
    late = next(r for r in data.of_kind("programme") if r.get("start") == "2015-03-15")
    assert (late["start"], late["end"]) == ("2015-03-15", "2019-06-30")
    assert planned_dates(late) == ("2015-01-01", "2018-12-31")
    on_plan = next(r for r in data.of_kind("programme") if r.get("start") == "2016-01-01")
    assert planned_dates(on_plan) is None  # no plan reported: nothing to compare
    lines = [line.plain for line in gantt_lines(data, (2014, 2020))]
    row = next(i for i, line in enumerate(lines) if line.startswith(late["name"][:20]))
    assert "█" in lines[row] and lines[row + 1].lstrip().startswith("planned") and "░" in lines[row + 1]
    assert "2015" in lines[row + 1] and "2018" in lines[row + 1]
