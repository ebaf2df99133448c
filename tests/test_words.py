"""The synonym table (src/ssrtui/synonyms.txt) is reviewed data: its shape and the groups users rely on."""

from __future__ import annotations

from ssrtui.textfold import tokens
from ssrtui.words import TABLE, parse_table, stem, table


def entries():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def test_every_word_is_one_folded_token_and_no_group_repeats_a_word():
    for line in entries():
        words = [w.strip() for w in line.replace("=", ",").split(",")]
        for word in words:
            assert tokens(word) == [word], f"{line!r}: {word!r} is not one lowercase unaccented token"
        if "=" not in line:
            assert len(words) == len(set(words)) >= 2, f"{line!r}: a group needs two different words"


def test_the_field_groups_the_issue_names_are_there():
    words = table()
    assert {"soldiers", "personnel", "military"} <= set(words.synonyms("troops"))
    assert "policiers" in words.synonyms("police")
    assert {"funding", "financement"} <= set(words.synonyms("budget"))
    assert {"leader", "chef", "dirige"} <= set(words.synonyms("head"))
    assert words.variants["japanese"] == "japan" and words.variants["malian"] == "mali"


def test_inflected_forms_find_the_group_but_words_being_typed_do_not():
    words = parse_table("troop, personnel\nhead, leader\n")
    assert words.synonyms("troops") == ("troop", "personnel")  # plural of a member
    assert words.synonyms("leaders") == ("head", "leader")  # a form of a member
    assert words.synonyms("pers") == ()  # typing in progress: no root, no synonyms


def test_stems_join_english_and_french_forms():
    assert stem("gendarmes") == stem("gendarmerie") == stem("gendarme")
    assert stem("policiers") == stem("police") != stem("policy")
    assert stem("nationaux") == stem("nationale") == stem("national")
    assert stem("contributors") == stem("contributing")
