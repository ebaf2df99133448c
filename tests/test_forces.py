"""The forces side by side and the lists' orders, read from the records (core, no interface)."""

from __future__ import annotations

from ssrtui import charts, forces, listing, render
from ssrtui.find import find_all
from tui_helpers import bundled


def row(rid: str) -> forces.ForceFigures:
    data = bundled()
    return forces.figures_of(data, data.get(rid))


def test_a_forces_personnel_women_share_ministries_and_year():
    gendarmerie = row("national-gendarmerie")
    assert (gendarmerie.personnel, gendarmerie.women, gendarmerie.year) == (4000, 100, 2015)
    assert gendarmerie.share_text == "2.5%" and not gendarmerie.share_stated  # 100 of 4,000
    assert [m["id"] for m in gendarmerie.ministries] == ["moi", "moaf"]
    assert forces.ministry_text(gendarmerie, 12) == "MoI, MoAF"  # short names when the full ones do not fit
    assert forces.ministry_text(gendarmerie, 200).startswith("Ministry of Internal Security")


def test_a_stated_share_wins_and_keeps_its_own_year():
    police = row("national-police")  # 6,000 and 700 undated; 12.4% stated for 2014
    assert police.share_stated and police.share_text == "12.4% (2014)" and police.year is None
    air_force = row("malian-air-force")  # only a share
    assert (air_force.personnel, air_force.share_text, air_force.year) == (None, "6.0%", 2014)
    assert row("national-guard").ministries and not row("malian-army").ministries  # authority, not a part-of parent


def test_sorting_the_forces_puts_unknown_values_last():
    data = bundled()
    rows = forces.force_figures(data)
    by_personnel = [r.record["name"] for r in forces.sort_forces(rows, "personnel")]
    assert by_personnel[:4] == ["Malian Armed Forces", "National Police", "National Gendarmerie", "National Guard"]
    fewest = [r.record["name"] for r in forces.sort_forces(rows, "personnel", reverse=True)]
    assert fewest[:4] == by_personnel[:4][::-1] and fewest[4:] == by_personnel[4:]
    assert [r.record["name"] for r in forces.sort_forces(rows, "women")][0] == "National Police"
    assert [r.record["name"] for r in forces.sort_forces(rows, "force")] == sorted(r.record["name"] for r in rows)


def test_women_are_drawn_on_the_personnel_scale():
    data = bundled()
    chart = next(s for s in render.document(data, data.get("national-police")) if s.name == "chart")
    bars = {}
    group = "personnel"
    for line in chart.lines:
        if line.kind == "group":
            group = "women"
        else:
            label, share, shown = charts.bar_parts(line)
            bars[(group, label)] = share
    assert bars[("personnel", "Malian Armed Forces")] == 1.0
    assert abs(bars[("women", "National Police")] - 700 / 13800) < 1 / 8 / charts.BAR_WIDTH
    assert bars[("women", "National Police")] < bars[("personnel", "National Guard")]  # 700 < 3,000


def test_list_orders_by_kind():
    data = bundled()
    assert [c.name for c in listing.orders_for("force")][0] == "personnel"
    assert [c.name for c in listing.orders_for("donor")][0] == "programmes"
    assert [c.name for c in listing.orders_for("mission")] == ["when"]
    programmes = listing.orders_for("donor")[0]
    donors = listing.sort_records(data, data.of_kind("donor"), programmes)
    assert donors[0]["name"] == "Netherlands" and programmes.value(data, donors[0]) == "2"
    start = listing.orders_for("mission")[0]
    missions = [r["name"] for r in listing.sort_records(data, data.of_kind("mission"), start)]
    assert missions[0] == "AFISMA" and missions.index("EUTM Mali") < missions.index("EUCAP Sahel Mali")
    assert set(missions[-2:]) == {"Operation Barkhane", "Takuba task force (Danish contingent)"}  # known only by their end
    latest = [r["name"] for r in listing.sort_records(data, data.of_kind("mission"), start, reverse=True)]
    assert latest[0] == "EUCAP Sahel Mali" and latest[-2:] == missions[-2:]


def test_finding_ignores_case_and_accents_and_gives_places_in_the_text():
    text = "La Gendarmérie nationale; GENDARMERIE"
    assert [text[a:b] for a, b in find_all(text, "gendarmerie")] == ["Gendarmérie", "GENDARMERIE"]
    assert find_all(text, "  ") == [] and find_all("Straße", "strasse") == [(0, 6)]
