"""The donor map (issue #15): donors x sectors (x years), counts and amounts, filters, drill-down."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssrtui import donormap
from ssrtui.cli import main
from ssrtui.dataset import Dataset
from ssrtui.donormap import NO_DONOR, NO_SECTOR, Filters, build
from ssrtui.store import open_dataset
from ssrtui.tui.donor_map import ActivitiesScreen, ChoiceScreen, DonorMapScreen
from tui_helpers import make_app, palette_search, screen_text

FIXTURES = Path(__file__).parent / "fixtures" / "iati"
SIZE = (80, 24)


def money(label, value, year, unit):
    return {"label": label, "value": value, "year": year, "unit": unit}


def hand_made() -> Dataset:
    """Two donors, three programmes (sectors 15130/15210/15220, 2015-2016, EUR and USD), one unfunded."""
    return Dataset.from_records([
        {"id": "d1", "kind": "donor", "name": "Alpha Donor"},
        {"id": "d2", "kind": "donor", "name": "Beta Donor"},
        {"id": "p1", "kind": "programme", "name": "Justice and security [bold]reform[/bold]", "start": "2015-01-01", "end": "2016-12-31",
         "tags": ["DAC 15130", "DAC 151", "DAC 15210", "DAC 152", "country ML"],
         "links": [{"to": "d1", "role": "funded-by"}],
         "figures": [{"label": "Sector 15130 Legal and judicial development", "value": 40, "unit": "%"},
                     {"label": "Sector 15210 Security system management and reform", "value": 60, "unit": "%"},
                     money("Budget (Original)", 1000, 2015, "EUR"), money("Budget (Original)", 2000, 2016, "EUR"),
                     money("Budget (Revised)", 3000, 2016, "EUR"), money("Disbursement", 500, 2016, "USD")]},
        {"id": "p2", "kind": "programme", "name": "Peace-building", "start": "2016-01-01", "end": "2016-12-31",
         "tags": ["DAC 15220", "DAC 152", "country NE"],
         "links": [{"to": "d1", "role": "funded-by"}, {"to": "d2", "role": "funded-by"}],
         "figures": [money("Budget (Original)", 100, 2016, "USD")]},
        {"id": "p3", "kind": "programme", "name": "Police reform", "start": "2015-01-01", "end": "2015-12-31",
         "tags": ["DAC 15210", "DAC 152", "country ML"],
         "links": [{"to": "d2", "role": "funded-by"}],
         "figures": [money("Budget (Original)", 10, 2015, "EUR")]},
        {"id": "p4", "kind": "programme", "name": "Unfunded dialogue", "start": "2015"},
    ])


def test_donors_by_sector_groups_count_activities_and_split_amounts_by_sector_share():
    m = build(hand_made())
    assert [row for row, _ in m.rows] == ["d1", "d2", NO_DONOR]
    assert [col for col, _ in m.columns] == ["151", "152", NO_SECTOR]
    # the revised 2016 budget replaces the original one; p1's money is split 40/60 over its sectors
    assert m.cell("d1", "151").ids == ["p1"] and m.cell("d1", "151").amounts == pytest.approx({"EUR": 1600})
    assert m.cell("d1", "152").ids == ["p1", "p2"] and m.cell("d1", "152").amounts == pytest.approx({"EUR": 2400, "USD": 100})
    assert m.row_totals["d1"].count == 2 and m.row_totals["d1"].amounts == pytest.approx({"EUR": 4000, "USD": 100})
    # p2 has two donors: in both rows, once in the totals
    assert m.cell("d2", "152").ids == ["p2", "p3"]
    assert m.column_totals["152"].count == 3 and m.column_totals["152"].amounts == pytest.approx({"EUR": 2410, "USD": 100})
    assert m.total.count == 4
    # a programme without a funder or a DAC tag still shows
    assert m.cell(NO_DONOR, NO_SECTOR).ids == ["p4"]
    assert [c for c, _ in m.countries] == ["ML", "NE"] and m.years == [2015, 2016]


def test_filters_country_sector_group_year_and_measure():
    data = hand_made()
    group = build(data, Filters(group="152"))
    assert [c for c, _ in group.columns] == ["15210", "15220"]
    assert group.cell("d1", "15210").amounts == pytest.approx({"EUR": 2400}) and group.cell("d2", "15220").ids == ["p2"]
    assert NO_DONOR not in dict(group.rows)
    year = build(data, Filters(year=2015))
    assert year.cell("d1", "152").ids == ["p1"] and year.cell("d1", "152").amounts == pytest.approx({"EUR": 600})
    assert year.cell("d2", "152").ids == ["p3"]
    assert build(data, Filters(country="NE")).total.count == 1
    assert {r for r, _ in build(data, Filters(country="ML")).rows} == {"d1", "d2"}
    spent = build(data, Filters(measure="spent"))
    assert spent.cell("d1", "151").amounts == pytest.approx({"USD": 200})
    assert donormap.next_measure(Filters()).measure == "commitment"


def test_years_as_columns():
    m = build(hand_made(), Filters(columns="year"))
    assert [c for c, _ in m.columns] == ["2015", "2016"]
    undated = Dataset.from_records([{"id": "p", "kind": "programme", "name": "Undated", "figures": [money("Budget", 5, None, "EUR")]}])
    assert build(undated, Filters(columns="year")).cell(NO_DONOR, donormap.NO_YEAR).amounts == {"EUR": 5}
    assert m.cell("d1", "2015").ids == ["p1"] and m.cell("d1", "2015").amounts == pytest.approx({"EUR": 1000})
    assert m.cell("d1", "2016").ids == ["p1", "p2"] and m.cell("d1", "2016").amounts == pytest.approx({"EUR": 3000, "USD": 100})


def test_country_share_weights_amounts_and_amounts_read_short():
    out_data = Dataset.from_records([
        {"id": "d", "kind": "donor", "name": "D"},
        {"id": "p", "kind": "programme", "name": "P", "tags": ["country ML", "country NE", "DAC 15210"],
         "links": [{"to": "d", "role": "funded-by"}],
         "figures": [{"label": "Recipient country ML Mali", "value": 80, "unit": "%"}, money("Budget", 1000, 2020, "EUR")]},
    ])
    assert build(out_data, Filters(country="ML")).cell("d", "152").amounts == pytest.approx({"EUR": 800})
    assert build(out_data, Filters(country="NE")).cell("d", "152").amounts == pytest.approx({"EUR": 1000})
    assert donormap.amount_text({"EUR": 1_600_000, "USD": 5}) == "1.6M EUR+"
    assert donormap.amount_text({"USD": 950}) == "950 USD"
    assert donormap.amounts_in_full({"EUR": 1_500_000.4, "USD": 120_000}) == "1,500,000 EUR; 120,000 USD"


@pytest.fixture
def iati_data(tmp_path, capsys):
    out = tmp_path / "iati"
    assert main(["import", "iati", str(FIXTURES / "v203.xml"), "--output", str(out)]) == 0
    capsys.readouterr()
    return open_dataset([out])


def table_row_labels(screen: DonorMapScreen) -> list[str]:
    return [name for _, name in screen.map.rows]


async def test_map_opens_with_m_cell_lists_activities_and_enter_opens_the_record(tmp_path, iati_data):
    app = make_app(tmp_path, iati_data)
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, DonorMapScreen)
        text = screen_text(app)
        assert "Netherlands - Ministr" in text and "Denmark" in text
        assert "151" in text and "152" in text and "All donors" in text
        # cursor starts on the first sector column of the totals row: → to 151, ↓ to the Netherlands
        await pilot.press("right", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActivitiesScreen)
        text = screen_text(app)
        assert "Security & Justice Sector Reform Programme in Mali" in text
        assert "Community policing pilot in Mopti" in text and "Water supply" not in text
        await pilot.press("down", "enter")
        for _ in range(50):  # the map closes, then the record opens
            await pilot.pause()
            if app.current_record() is not None:
                break
        assert not isinstance(app.screen, (ActivitiesScreen, DonorMapScreen))
        assert app.query_one("#tabs").active == "tab-programme"
        assert app.current_record()["id"] == "iati-xm-dac-7-ppr-4000001234"


async def test_filters_change_the_counts(tmp_path, iati_data):
    app = make_app(tmp_path, iati_data)
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert "6 activities" in screen_text(app) and "Denmark" in table_row_labels(screen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "down", "down", "enter")  # All, Burkina Faso, KE, Mali
        await pilot.pause()
        assert "4 activities" in screen_text(app) and "Denmark" not in table_row_labels(screen)
        await pilot.press("s", "down", "down", "down", "enter")  # All, 140, 151, 152
        await pilot.pause()
        text = screen_text(app)
        assert "1 activity" in text and "15210" in text
        await pilot.press("y")
        await pilot.pause()
        newest_first = list(reversed(screen.map.years))
        await pilot.press(*["down"] * (1 + newest_first.index(2016)), "enter")
        await pilot.pause()
        assert "1 activity" in screen_text(app) and "2016" in screen_text(app)
        await pilot.press("y", "home", *["down"] * (1 + newest_first.index(2013)), "enter")  # the list opens on the current year
        await pilot.pause()
        assert "no activity matches" in screen_text(app)
        await pilot.press("y", "home", "enter")  # back to all years
        await pilot.pause()
        assert "1 activity" in screen_text(app)
        await pilot.press("v", "a")  # years as columns; commitments instead of budgets
        await pilot.pause()
        assert [c for c, _ in screen.map.columns][:2] == ["2015", "2016"]
        assert "commitments" in screen_text(app) and "1.4M EUR" in screen_text(app)  # 3M x Mali 80% x 152 60%


async def test_palette_command_opens_the_map_and_esc_closes_it(tmp_path):
    app = make_app(tmp_path, hand_made())
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await palette_search(pilot, "Donor map")
        assert "Donors × sectors" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DonorMapScreen)
        text = screen_text(app)
        assert "Alpha Donor" in text and "(no funder named)" in text and "no sector" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DonorMapScreen)


async def test_record_text_is_shown_as_text_never_markup(tmp_path):
    app = make_app(tmp_path, hand_made())
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("right", "down", "enter")  # 151 x Alpha Donor: p1
        await pilot.pause()
        assert "Justice and security [bold]reform[/bold]" in screen_text(app)


async def test_keys_for_the_records_behind_do_nothing_while_the_map_is_open(tmp_path):
    app = make_app(tmp_path, hand_made())
    async with app.run_test(size=SIZE) as pilot:
        await app.ready.wait()
        tabs_before = app.query_one("#tabs").active
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("2", "b", "slash", "m")
        await pilot.pause()
        assert isinstance(app.screen, DonorMapScreen) and len(app.screen_stack) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#tabs").active == tabs_before
        assert app.bookmarks() == []
        assert not app.focused or type(app.focused).__name__ != "Input"


def test_donor_map_at_80x24_snapshot(snap_compare, tmp_path, iati_data):
    async def open_map(pilot):
        await pilot.app.ready.wait()
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, iati_data), terminal_size=SIZE, run_before=open_map)
