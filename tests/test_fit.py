"""Cutting text to fit: never inside a number, never making two names read the same."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ssrtui.fit import cut_end, cut_middle
from ssrtui.render import preview

RESOLUTIONS = [f"UN Security Council Resolution {n} ({y})" for n, y in ((2085, 2012), (2100, 2013), (2164, 2014), (2227, 2015), (2690, 2023))]
NUMBER = re.compile(r"\d[\d,.]*\w*")

words = st.lists(st.one_of(st.sampled_from(["EUR", "about", "the", "mandate", "(2013)", "13,800", "73m", "Mali", "—"]),
                           st.from_regex(r"[A-Za-z0-9,]{1,12}", fullmatch=True)), min_size=1, max_size=30)


def numbers_whole(shown: str, original: str) -> bool:
    """Every number in ``shown`` is a number of ``original`` (never a piece of a longer one)."""
    return set(NUMBER.findall(shown.replace("…", " "))) <= set(NUMBER.findall(original))


def test_names_that_differ_at_the_end_stay_apart_when_cut():
    for width in range(20, 31):
        shown = [cut_middle(name, width) for name in RESOLUTIONS]
        assert len(set(shown)) == len(RESOLUTIONS), (width, shown)
        assert all(len(s) <= width and "…" in s for s in shown)
    assert cut_middle(RESOLUTIONS[1], 26) == "UN Security…2100 (2013)"


def test_a_preview_is_cut_between_words_never_inside_an_amount():
    summary = "The Council extends the mission; the previous mandate (about EUR 73m) ran to 31 January 2025."
    for limit in range(10, len(summary)):
        shown = preview(summary, limit)
        assert len(shown) <= limit and shown.endswith("…")
        assert summary.startswith(shown[:-1]) and summary[len(shown) - 1] in " ,;:(", (limit, shown)
        assert numbers_whole(shown, summary), (limit, shown)


@given(words, st.integers(min_value=1, max_value=60))
def test_cuts_fit_and_keep_numbers_whole(parts, width):
    text = " ".join(parts)
    for cut in (cut_end, cut_middle):
        shown = cut(text, width)
        assert len(shown) <= width
        assert shown == text or shown.count("…") == 1
        assert numbers_whole(shown, text), (cut.__name__, text, width, shown)


def test_text_that_fits_is_left_alone():
    assert cut_end("National Guard", 14) == "National Guard" == cut_middle("National Guard", 14)
