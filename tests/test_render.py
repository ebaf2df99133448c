"""One record reads the same in the detail view, `ssrtui show` and the Markdown export: the same
fields, figures, links (backlinks included), sources with their quotes, in the same order."""

from __future__ import annotations

from ssrtui import dates, exports, render, writers
from ssrtui.render import figure_text
from ssrtui.tui.record_text import RecordText
from tui_helpers import bundled, make_app

#: A disputed mission with a leader, a force (with the forces chart), a disputed event, a source
#: cited by ten records (its "cited by" backlinks) with a publisher.
RECORDS = ("eucap-sahel-mali", "national-gendarmerie", "ev-2012-coup", "src-dcaf-project")


def words(text: str) -> str:
    return " ".join(str(text).split())


def expected(rec: dict) -> list[str]:
    """What every view must show, in the order every view shows it, read from the record itself."""
    data = bundled()
    out = [rec["name"], *rec.get("aliases", ()), dates.when(rec)]
    out += [rec["status"]] if rec.get("status") else []
    out += [words(rec["disputed"])] if rec.get("disputed") else []
    out += [words(rec["summary"])] if rec.get("summary") else []
    out += [data.name_of(target) for _, items in render.grouped_links(data, rec) for target, _ in items]
    out += [words(rec["description"])] if rec.get("description") else []
    out += [rec[key] for key in ("url", "path", "publisher") if rec.get(key)]
    out += [figure_text(fig) for fig in rec.get("figures", ())]
    for cite in rec.get("sources", ()):
        out += [data.name_of(cite["source"])] + ([f"“{words(cite['quote'])}”"] if cite.get("quote") else [])
    out += [", ".join(rec["tags"])] if rec.get("tags") else []
    return out


def assert_in_order(shown: str, pieces: list[str], view: str) -> None:
    at = 0
    for piece in pieces:
        found = shown.find(piece, at)
        assert found >= 0, f"{view}: {piece!r} missing or out of order"
        at = found + len(piece)


def test_every_link_and_backlink_is_expected():
    """The expectation above lists each link and backlink of the records once (not render's own say)."""
    data = bundled()
    for rid in RECORDS:
        rec = data.get(rid)
        targets = [link["to"] for link in rec.get("links", ())] + [b.source for b in data.backlinks.get(rid, ())]
        targets += data.cited_by(rid) if rec["kind"] == "source" else []
        grouped = [target for _, items in render.grouped_links(data, rec) for target, _ in items]
        assert sorted(grouped) == sorted(targets) and targets, rid


async def test_the_detail_show_and_markdown_show_the_same_record_in_the_same_order(tmp_path):
    data = bundled()
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 44)) as pilot:
        await app.ready.wait()
        for rid in RECORDS:
            rec = data.get(rid)
            app.open_record(rid, focus_links=False)
            await pilot.pause()
            detail = app.active_pane().detail
            header, body = (widget.render().plain for widget in detail.query(RecordText))
            links = "\n".join(option.prompt.plain for option in detail.links.options)
            views = {
                "detail": f"{header}\n{links}\n{body}",
                "show": writers.text(render.document(data, rec)),
                "markdown": exports.record_markdown(data, rec),
            }
            for view, shown in views.items():
                assert_in_order(shown, expected(rec), f"{rid} in {view}")
                assert ("DISPUTED" in shown.upper()) == bool(rec.get("disputed")), (rid, view)


def test_charts_are_drawn_in_show_and_markdown_as_in_the_detail():
    data = bundled()
    rec = data.get("national-gendarmerie")
    shown = writers.text(render.document(data, rec))
    chart = shown.split("Personnel by force:", 1)[1]
    order = [chart.index(name) for name in ("Malian Armed Forces", "National Police", "National Gendarmerie", "National Guard")]
    assert order == sorted(order) and "█" in chart and "Women:" in chart
    markdown = exports.record_markdown(data, rec)
    assert "### Personnel by force\n\n```\nMalian Armed Forces" in markdown


def test_the_users_note_and_bookmark_reach_the_export_and_show_leaves_them_out():
    data = bundled()
    rec = data.get("afisma")
    sections = render.document(data, rec, note="Ask about the handover\nand its dates", bookmarked=True)
    markdown = writers.markdown(sections)
    assert markdown.startswith("## ★ AFISMA") and "### Your note\n\nAsk about the handover\n\nand its dates" in markdown
    assert "Your note" not in writers.text(render.document(data, rec))


def test_record_text_is_data_never_escape_codes():
    from ssrtui.dataset import Dataset

    data = Dataset.from_records([{"id": "x", "kind": "mission", "name": "Bell\x07 \x1b[31mred", "summary": "a\x1b]0;t\x07b"}])
    for shown in (writers.text(render.document(data, data.get("x"))), exports.record_markdown(data, data.get("x"))):
        assert "\x1b" not in shown and "\x07" not in shown and "Bell\\x07 \\x1b[31mred" in shown


async def test_the_detail_colours_follow_the_theme(tmp_path):
    """The disputed flag is drawn in the theme's warning colour, and changes with the theme."""
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 44)) as pilot:
        await app.ready.wait()
        app.open_record("eucap-sahel-mali", focus_links=False)
        await pilot.pause()

        def flag_colours():
            for strip in app.screen._compositor.render_strips():
                for segment in strip:
                    if "DISPUTED" in segment.text:
                        return segment.style.color
            raise AssertionError("no disputed flag on screen")

        dark = flag_colours()
        app.theme = "textual-light"
        await pilot.pause()
        assert flag_colours() != dark
