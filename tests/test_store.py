"""The compiled store: built once, rebuilt on change or corruption, atomic, stale-but-usable."""

from __future__ import annotations

import json

import pytest

from ssrtui import indexfile, store
from ssrtui.problems import DataError


def test_first_open_builds_then_reuses(small_data, monkeypatch):
    data = store.open_dataset([small_data])
    assert data.get("gendarmerie")["name"] == "National Gendarmerie"
    path = store.store_path([small_data])
    assert path.is_file()
    calls = []
    monkeypatch.setattr("ssrtui.validate.compile_data", lambda dirs: calls.append(dirs))
    again = store.open_dataset([small_data])
    assert calls == [] and len(again) == len(data)


def test_store_is_a_tinydb_database(small_data):
    from tinydb import Query, TinyDB

    store.open_dataset([small_data])
    path = store.store_path([small_data])
    before = path.read_bytes()
    with TinyDB(path) as db:  # TinyDB's own default storage, as the README shows
        found = db.table("records").search(Query().kind == "mission")
        assert [rec["name"] for rec in found] == ["EUCAP Sahel Mali"]
        assert db.table("meta").get(doc_id=1)["count"] == len(db.table("records"))
    assert path.read_bytes() == before


def test_ssrtui_reads_the_store_through_its_tinydb_storage(small_data, monkeypatch):
    from tinydb import Query, TinyDB

    store.open_dataset([small_data])
    path = store.store_path([small_data])
    reads = []
    real_read = store.ReadOnlyStore.read
    monkeypatch.setattr(store.ReadOnlyStore, "read", lambda self: reads.append(self.path) or real_read(self))
    monkeypatch.setattr("ssrtui.validate.compile_data", lambda dirs: pytest.fail("the store should have been used"))
    assert store.open_dataset([small_data]).get("eucap")["name"] == "EUCAP Sahel Mali"
    assert set(reads) == {path}
    before = path.read_bytes()
    with TinyDB(path, storage=store.ReadOnlyStore) as db:
        assert db.table("records").get(Query().id == "police")["name"] == "National Police"
        with pytest.raises(PermissionError):
            db.table("records").insert({"id": "x"})
    assert path.read_bytes() == before


def test_changed_yaml_triggers_rebuild(small_data):
    store.open_dataset([small_data])
    yaml_file = small_data / "records.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("name: National Police", "name: Police of Mali"))
    assert store.open_dataset([small_data]).get("police")["name"] == "Police of Mali"


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: "",
    lambda text: "{}",
    lambda text: json.dumps({"records": {"1": {"id": "x"}}, "meta": {"1": {"schema": 1, "count": 1}}}),
    lambda text: "\x00\xff garbage",
])
def test_corrupt_store_is_rebuilt_not_trusted(small_data, damage):
    store.open_dataset([small_data])
    path = store.store_path([small_data])
    path.write_text(damage(path.read_text()), encoding="utf-8", errors="surrogateescape")
    data = store.open_dataset([small_data])
    assert data.get("eucap")["name"] == "EUCAP Sahel Mali"
    assert store.read_store(path) is not None


def test_bad_yaml_keeps_last_good_store_usable(small_data):
    store.open_dataset([small_data])
    before = store.store_path([small_data]).read_bytes()
    (small_data / "broken.yaml").write_text("- {id: x, kind: force\n", encoding="utf-8")
    data = store.open_dataset([small_data])
    assert data.get("eucap") is not None
    assert data.warnings and "last good build" in data.warnings[0]
    assert any("broken.yaml" in w for w in data.warnings)
    assert store.store_path([small_data]).read_bytes() == before
    with pytest.raises(DataError):
        store.build([small_data])
    assert store.store_path([small_data]).read_bytes() == before


def test_bad_yaml_without_a_store_raises(small_data):
    (small_data / "broken.yaml").write_text("- {id: x, kind: force\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        store.open_dataset([small_data])
    assert "broken.yaml" in str(info.value.problems[0])


def test_failed_write_leaves_no_partial_store_and_says_why(small_data, monkeypatch):
    store.open_dataset([small_data])
    path = store.store_path([small_data])
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store.os, "fsync", boom)
    (small_data / "records.yaml").write_text((small_data / "records.yaml").read_text().replace("name: EUCAP Sahel Mali", "name: EUCAP 2"))
    records, problem = store.build([small_data])
    assert problem.startswith(f"cannot use the cache {path}: ")  # the store is a cache: the records are still built
    assert any(r["name"] == "EUCAP 2" for r in records)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, indexfile.index_path(path).name])  # no temp left


def test_backlinks_are_derived(small_data):
    data = store.open_dataset([small_data])
    back = data.backlinks["gendarmerie"]
    assert {(b.source, b.inverse) for b in back} == {("eucap", "supported-by"), ("coup-2012", "involved-in")}


def test_cache_dir_honours_xdg(small_data, tmp_path):
    store.open_dataset([small_data])
    assert str(store.store_path([small_data])).startswith(str(tmp_path / "cache" / "ssrtui"))


def test_editing_a_cited_document_outside_seeds_rebuilds(tmp_path):
    from conftest import RECORDS, write_dataset

    data = write_dataset(tmp_path, RECORDS.replace("path: seeds/doc.txt", "path: sources/doc.txt"))
    (tmp_path / "sources").mkdir()
    (tmp_path / "seeds" / "doc.txt").rename(tmp_path / "sources" / "doc.txt")
    assert store.open_dataset([data]).warnings == []
    doc = tmp_path / "sources" / "doc.txt"
    doc.write_text(doc.read_text().replace("EUCAP Sahel Mali supports", "EUCAP advises"))
    data_set = store.open_dataset([data])
    assert any("sources[0].quote: not found verbatim in sources/doc.txt" in w for w in data_set.warnings), data_set.warnings


@pytest.mark.parametrize("field, wrong", [
    ("name", 12),
    ("links", {"to": "moi"}),
    ("links", [{"to": "moi", "role": "befriends"}]),
    ("figures", [{"label": "Personnel", "value": {"a": 1}}]),
    ("figures", [{"label": "Personnel", "value": 10 ** 300}]),
    ("aliases", "Gendarmerie nationale"),
    ("start", "someday"),
    ("sources", [{"source": 3}]),
])
def test_store_with_wrong_shapes_is_rebuilt(small_data, field, wrong):
    good = dict(store.open_dataset([small_data]).get("gendarmerie"))
    path = store.store_path([small_data])
    raw = json.loads(path.read_text(encoding="utf-8"))
    record = next(r for r in raw["records"].values() if r["id"] == "gendarmerie")
    record[field] = wrong  # the hash in meta is kept: only the shape gives it away
    path.write_text(json.dumps(raw), encoding="utf-8")
    data = store.open_dataset([small_data])
    assert data.get("gendarmerie") == good


def test_a_file_edited_during_a_rebuild_is_rebuilt_next_time(small_data, monkeypatch):
    import ssrtui.validate

    store.open_dataset([small_data])
    yaml_file = small_data / "records.yaml"
    original = yaml_file.read_text()
    yaml_file.write_text(original.replace("name: National Police", "name: Police A"))
    compile_data = ssrtui.validate.compile_data

    def compile_then_edit(dirs):
        compiled = compile_data(dirs)
        yaml_file.write_text(original.replace("name: National Police", "name: Police B"))
        return compiled

    monkeypatch.setattr(ssrtui.validate, "compile_data", compile_then_edit)
    assert store.open_dataset([small_data]).get("police")["name"] == "Police A"
    monkeypatch.setattr(ssrtui.validate, "compile_data", compile_data)
    assert store.open_dataset([small_data]).get("police")["name"] == "Police B"


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled at once (their stats vouch for them), as they do two seconds after an edit."""
    import ssrtui.datafolder

    real = ssrtui.datafolder.time.time_ns
    monkeypatch.setattr(ssrtui.datafolder.time, "time_ns", lambda: real() + 10 * ssrtui.datafolder.SETTLED_NS)


def _no_reads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a data file was read")

    monkeypatch.setattr("ssrtui.datafolder.read_bounded", refuse)
    monkeypatch.setattr("ssrtui.validate.compile_data", refuse)


def test_unchanged_files_are_not_read_again(small_data, settled, monkeypatch):
    store.open_dataset([small_data])
    store.open_dataset([small_data])  # the first build leaves the stats unknown: this load vouches for them
    _no_reads(monkeypatch)
    assert store.open_dataset([small_data]).get("eucap")["name"] == "EUCAP Sahel Mali"


def test_a_touched_but_identical_file_is_hashed_not_rebuilt(small_data, settled, monkeypatch):
    import os
    import ssrtui.validate

    store.open_dataset([small_data])
    store.open_dataset([small_data])
    yaml_file = small_data / "records.yaml"
    os.utime(yaml_file, ns=(yaml_file.stat().st_atime_ns, yaml_file.stat().st_mtime_ns + 5_000_000_000))
    built_at = store.open_dataset([small_data]).built_at
    monkeypatch.setattr(ssrtui.validate, "compile_data", lambda dirs: pytest.fail("an identical file was recompiled"))
    assert store.open_dataset([small_data]).built_at == built_at
    _no_reads(monkeypatch)  # and the new times were remembered
    assert store.open_dataset([small_data]).get("police")["name"] == "National Police"


@pytest.mark.parametrize("restore_mtime", [False, True])
def test_an_edit_of_the_same_size_rebuilds(small_data, settled, restore_mtime):
    import os

    store.open_dataset([small_data])
    store.open_dataset([small_data])
    yaml_file = small_data / "records.yaml"
    before = yaml_file.stat()
    yaml_file.write_text(yaml_file.read_text().replace("name: National Police", "name: National Polite"))
    assert yaml_file.stat().st_size == before.st_size
    if restore_mtime:  # the ctime still moves
        os.utime(yaml_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert store.open_dataset([small_data]).get("police")["name"] == "National Polite"


def test_a_recent_edit_is_never_vouched_for_by_its_times(small_data, monkeypatch):
    from ssrtui import datafolder

    files = datafolder.watched_files([small_data], [])
    assert datafolder.file_stats(files) is None  # just written: the same tick could hold another edit
    real = datafolder.time.time_ns
    monkeypatch.setattr(datafolder.time, "time_ns", lambda: real() + 10 * datafolder.SETTLED_NS)
    assert datafolder.file_stats(files) is not None


def _search_ids(data_dirs, query="gendarmerie"):
    return [rec["id"] for rec, _ in store.open_dataset(data_dirs).search(query)]


def test_the_search_index_is_kept_beside_the_store_and_reused(small_data, monkeypatch):
    from ssrtui.search import SearchIndex

    expected = _search_ids([small_data])
    assert indexfile.index_path(store.store_path([small_data])).is_file()
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda cls, records: pytest.fail("the kept index was rebuilt")))
    assert _search_ids([small_data]) == expected


def _spy_builds(monkeypatch):
    from ssrtui.search import SearchIndex

    builds = []
    real = SearchIndex.build.__func__
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda cls, records: builds.append(len(records)) or real(cls, records)))
    return builds


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),
    lambda data: b"",
    lambda data: b"\x80\x04garbage",
])
def test_a_damaged_index_is_rebuilt_not_trusted(small_data, monkeypatch, damage):
    expected = _search_ids([small_data])
    path = indexfile.index_path(store.store_path([small_data]))
    path.write_bytes(damage(path.read_bytes()))
    builds = _spy_builds(monkeypatch)
    assert _search_ids([small_data]) == expected
    assert builds  # rebuilt, and saved again:
    meta = store.read_store(store.store_path([small_data]))[0]
    assert indexfile.load(path, (meta["records_sha256"], meta["count"])) is not None


def test_an_index_of_other_data_is_rebuilt_not_trusted(small_data, monkeypatch):
    store.open_dataset([small_data]).index  # noqa: B018
    path = indexfile.index_path(store.store_path([small_data]))
    old_index = path.read_bytes()
    yaml_file = small_data / "records.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("name: National Gendarmerie", "name: Gendarmerie of Mali"))
    store.open_dataset([small_data]).index  # noqa: B018
    path.write_bytes(old_index)  # the index of the old records under the new store
    builds = _spy_builds(monkeypatch)
    top = store.open_dataset([small_data]).search("gendarmerie of mali")[0][0]
    assert builds and top["name"] == "Gendarmerie of Mali"


@pytest.mark.parametrize("edit", [
    (b'"name":"National Gendarmerie"', b'"name":12'),
    (b'"name":"National Gendarmerie"', b'"name":"National Gendarmerie","kind":"planet"'),
])
def test_a_store_edited_in_place_is_shape_checked_again(small_data, edit):
    good = dict(store.open_dataset([small_data]).get("gendarmerie"))
    path = store.store_path([small_data])
    raw = path.read_bytes()
    assert edit[0] in raw
    path.write_bytes(raw.replace(edit[0], edit[1]))  # same layout, same meta: only the records' digest differs
    assert store.read_store(path) is None
    assert store.open_dataset([small_data]).get("gendarmerie") == good


def test_a_saved_index_answers_exactly_as_a_built_one(monkeypatch):
    """Bundled data: every kind of match (exact, prefix, typo, variant, synonym, facet) through the index read back."""
    from ssrtui.search import SearchIndex

    queries = ["gendarmerie", "gend", "gendarmrie", "soldiers", "troops", "eucap budget", "bamako 2012",
               "who funds the police", "ministère de la défense", "coup", "minusma 2015", "president mali"]
    built = store.open_dataset(None)
    expected = [[(rec["id"], round(score, 6)) for rec, score in built.search(q)] for q in queries]
    answers = [built.ask(q).answer for q in queries]
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda cls, records: pytest.fail("the saved index was not used")))
    loaded = store.open_dataset(None, lazy=True)  # the records too are read one by one, as `ssrtui search` reads them
    assert [[(rec["id"], round(score, 6)) for rec, score in loaded.search(q)] for q in queries] == expected
    assert [loaded.ask(q).answer for q in queries] == answers


def test_search_and_show_parse_only_the_records_they_print(small_data, monkeypatch, capsys):
    from ssrtui import cli, storefile

    store.open_dataset([small_data])  # the store and its index file
    monkeypatch.setattr(storefile.StoredTable, "whole", lambda self: pytest.fail("every record was parsed"))
    assert cli.main(["search", "gendarmerie", "--data", str(small_data)]) == 0
    assert cli.main(["show", "doc", "gendarmerie", "--data", str(small_data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gendarmerie") and "Test document" in out
    assert "Military coup in Bamako" in out  # a backlink of the gendarmerie, and a record citing the document


def test_records_read_one_by_one_answer_as_those_in_memory(small_data):
    from ssrtui.storefile import StoredRecords

    in_memory = store.open_dataset([small_data])  # just compiled: records, links and index made in memory
    lazy = store.open_dataset([small_data], lazy=True)
    assert isinstance(lazy.ordered, StoredRecords) and type(in_memory.ordered) is list
    assert [rec["id"] for rec in lazy.ordered] == [rec["id"] for rec in in_memory.ordered]
    for rec in in_memory.ordered:
        assert lazy.get(rec["id"]) == rec
        assert lazy.backlinks.get(rec["id"], ()) == in_memory.backlinks.get(rec["id"], ())
        assert lazy.cited_by(rec["id"]) == in_memory.cited_by(rec["id"])
    assert (lazy.as_of(), lazy.counts(), len(lazy)) == (in_memory.as_of(), in_memory.counts(), len(in_memory))
    for kind in ("force", "event", "source", "donor"):  # a kind's records are parsed together
        assert lazy.of_kind(kind) == in_memory.of_kind(kind)
    assert lazy.get("nothing") is None and lazy.backlinks.get("nothing", ()) == ()


def test_without_its_index_file_a_store_is_read_whole_and_the_file_made_again(small_data):
    from ssrtui.storefile import StoredRecords

    store.open_dataset([small_data])
    path = indexfile.index_path(store.store_path([small_data]))
    path.unlink()
    assert store.open_dataset([small_data], lazy=True).get("eucap")["name"] == "EUCAP Sahel Mali"
    assert path.is_file()  # made again, with where each record lies:
    assert isinstance(store.open_dataset([small_data], lazy=True).ordered, StoredRecords)


@pytest.mark.parametrize("edit", [
    (b'"documents":["seeds/doc.txt"]', b'"documents":"seeds/doc.txt"'),
    (b'"count":6', b'"count":"6"'),
    (b'"format":2', b'"format":1'),
])
def test_a_store_whose_meta_was_edited_is_rebuilt(small_data, edit):
    store.open_dataset([small_data])
    path = store.store_path([small_data])
    raw = path.read_bytes()
    assert edit[0] in raw
    path.write_bytes(raw.replace(edit[0], edit[1]))  # the records table and its digest untouched
    assert store.read_store(path) is None
    assert store.open_dataset([small_data], lazy=True).get("eucap")["name"] == "EUCAP Sahel Mali"
    assert store.read_store(path) is not None
