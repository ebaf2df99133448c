"""Lists where numbers matter, at 80×24 (and 200 columns): sorted by a key, with a header that
says how; the forces compared side by side; names and figures cut so they still read apart."""

from __future__ import annotations

from tui_helpers import make_app, screen_text

SMALL = (80, 24)


async def on_tab(app, pilot, key: str):
    await app.ready.wait()
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    return app.active_pane()


def list_lines(app, pane) -> list[str]:
    """The header and rows of a pane's list, as painted."""
    region = pane.query_one(".pane-list").region
    return [line[region.x: region.right] for line in screen_text(app).split("\n")[region.y: region.bottom]]


def names(app, pane, count: int) -> list[str]:
    return [line[1:27].strip() for line in list_lines(app, pane)[1: count + 1]]


async def test_o_sorts_the_forces_by_personnel_and_the_header_says_so(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        pane = await on_tab(app, pilot, "2")
        header = list_lines(app, pane)[0]
        assert header.split()[:2] == ["Name", "Personnel"] and names(app, pane, 1) == ["Air Force"]
        await pilot.press("o")
        header = list_lines(app, pane)[0]
        assert "Most personnel first" in header and "Personnel▼" in header
        assert names(app, pane, 4) == ["Malian Armed Forces", "National Police", "National Gendarmerie", "National Guard"]
        assert app.current_record()["id"] == "malian-air-force"  # the highlight stays on the record it was on
        await pilot.press("O")
        assert "Fewest personnel first" in list_lines(app, pane)[0] and "Personnel▲" in list_lines(app, pane)[0]
        assert names(app, pane, 1) == ["National Guard"]
        await pilot.press("o", "o")  # the next order (by start), then the list's own order
        assert list_lines(app, pane)[0].split()[0] == "Name" and names(app, pane, 1) == ["Air Force"]


async def test_donors_sort_by_programmes_and_missions_by_start(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        pane = await on_tab(app, pilot, "3")
        await pilot.press("o")
        lines = list_lines(app, pane)
        assert "Most programmes first" in lines[0] and lines[1].split()[-1] == "2" and "Netherlands" in lines[1]
        pane = await on_tab(app, pilot, "1")
        await pilot.press("o")
        lines = list_lines(app, pane)
        assert "Earliest start first" in lines[0] and "When▼" in lines[0]
        first, second = names(app, pane, 2)
        assert first == "AFISMA" and second.startswith("French") and second.endswith("(2013)")
        assert "until 2022" in lines[6] and "until 2022" in lines[7]  # known only by their end: last


async def test_the_forces_side_by_side_at_80x24(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await on_tab(app, pilot, "2")
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        lines = text.split("\n")
        for title in ("Force", "Personnel", "Women", "Women %", "Year", "Ministry"):
            assert title in text
        for name in ("Air Force", "Army", "Civil Protection", "Internal Security Forces", "Judicial Police",
                     "Malian Armed Forces", "National Gendarmerie", "National Guard", "National Police"):
            assert any(line.lstrip().startswith(name) for line in lines), name  # every name whole
        gendarmerie = next(line for line in lines if "National Gendarmerie" in line).split()
        assert gendarmerie[2:] == ["4,000", "100", "2.5%", "2015", "MoI,", "MoAF"]
        assert "by personnel, most first" in text
        assert next(line for line in lines if "13,800" in line).lstrip().startswith("Malian Armed Forces")
        await pilot.press("o")  # by women
        await pilot.pause()
        text = screen_text(app)
        rows = [line for line in text.split("\n") if line.startswith(" National") or line.startswith(" Malian")]
        assert "by women, most first" in text and rows[0].lstrip().startswith("National Police")
        await pilot.press("enter")  # the cursor stayed on the force it was on when the rows moved
        await pilot.pause()
        assert type(app.screen).__name__ != "CompareScreen" and app.current_record()["id"] == "malian-armed-forces"


async def test_names_that_differ_at_the_end_read_apart_at_80x24(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        pane = await on_tab(app, pilot, "7")
        resolutions = [name for name in names(app, pane, 7) if name.startswith("UN Security")]
        assert len(resolutions) == 5 and len(set(resolutions)) == 5, resolutions
        for number in ("2085", "2100", "2164", "2227", "2690"):
            assert any(number in name for name in resolutions), number


async def test_at_200_columns_figures_are_whole_and_names_not_padded_past_them(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:
        pane = await on_tab(app, pilot, "2")
        gendarmerie = next(line for line in list_lines(app, pane) if "National Gendarmerie" in line)
        assert "4,000 (2015)" in gendarmerie and gendarmerie.index("4,000") < 30
        pane = await on_tab(app, pilot, "1")
        minusma = next(line for line in list_lines(app, pane) if "MINUSMA" in line)
        assert "Personnel: 11,240 (2016)" in minusma


async def test_palette_previews_fit_one_line_and_end_between_words(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await app.ready.wait()
        await pilot.press("ctrl+p", *"eucap")
        for _ in range(20):  # the palette searches in a worker: wait for its hits
            await pilot.pause(0.05)
            if "Civilian, non-executive" in screen_text(app):
                break
        summary = app.dataset.get("eucap-sahel-mali")["summary"]
        line = next(line.strip() for line in screen_text(app).split("\n") if "Civilian, non-executive" in line)
        assert line.endswith("…") and summary.startswith(line[:-1]) and summary[len(line) - 1] == " ", line
