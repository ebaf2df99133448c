"""Every security force side by side (``c`` on the Security forces tab, or the palette's
"Compare security forces"): personnel, women, the share of women, the ministry each answers to,
the year of the figures. Sorted by a column (``o`` the next, ``O`` reversed); Enter opens a force."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from .. import forces
from ..dataset import Dataset
from ..fit import cut_middle
from .list_header import SORT_MARKS
from .record_list import plain

#: Columns of fixed width (cells): the force's name and the ministry share what is left.
FIXED = {"personnel": 9, "women": 5, "share": 12, "year": 4}
#: Cells of padding DataTable puts round each cell, and the table's scrollbar.
PADDING, SCROLLBAR = 2, 2
NOTE = ("Women %: as a source states it (its year in brackets when another), else women ÷ personnel. "
        "Ministry: the ministries the force answers to.")


class CompareScreen(Screen[str | None]):
    """The forces in a table; the title says how it is sorted."""

    HELP_GROUP = "Comparing the security forces"
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", tooltip="Back to the list"),
        Binding("o", "next_column", "Sort", tooltip="Sort the forces by the next column"),
        Binding("O", "flip", "Reverse", tooltip="Reverse the forces' order"),
    ]
    DEFAULT_CSS = """
    CompareScreen #cmp-title { height: auto; padding: 0 1; background: $boost; }
    CompareScreen #cmp-table { height: auto; max-height: 1fr; }
    CompareScreen #cmp-note { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, data: Dataset):
        super().__init__()
        self.rows = forces.force_figures(data)
        self.column, self.reverse = "personnel", False

    def compose(self) -> ComposeResult:
        yield Static(id="cmp-title")
        yield DataTable(id="cmp-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(NOTE), id="cmp-note")
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.fill()

    def widths(self, width: int) -> dict[str, int]:
        """Each column's cells in a screen ``width`` wide: the name gets what it needs while the
        ministries keep room for their short names ('MoI, MoAF'), the ministry the rest."""
        left = width - SCROLLBAR - PADDING * (len(FIXED) + 2) - sum(FIXED.values())
        longest = max((len(row.record["name"]) for row in self.rows), default=5)
        short = max((len(forces.short_ministries(row)) for row in self.rows), default=0)
        name = max(8, min(longest, left - max(8, short)))
        return {"force": name, **FIXED, "ministry": max(8, left - name)}

    def fill(self) -> None:
        table = self.query_one(DataTable)
        keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        widths = self.widths(self.size.width or self.app.size.width)
        table.clear(columns=True)
        for name, title, _, most_first in forces.COLUMNS:
            marked = name == self.column
            heading = title + (SORT_MARKS[self.reverse] if marked else "")
            right = name in FIXED
            table.add_column(Text(heading, style="bold" if marked else "", justify="right" if right else "left"),
                             key=name, width=widths[name])
        for row in forces.sort_forces(self.rows, self.column, self.reverse):
            cells = {
                "force": cut_middle(plain(row.record["name"]), widths["force"]),
                "personnel": forces.amount(row.personnel),
                "women": forces.amount(row.women),
                "share": row.share_text,
                "year": str(row.year or ""),
                "ministry": plain(forces.ministry_text(row, widths["ministry"])),
            }
            table.add_row(*[Text(cells[name] or "—", justify="right" if name in FIXED else "left") for name in cells],
                          key=row.record["id"])
        if keep is not None:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self.query_one("#cmp-title", Static).update(self.title_text())

    def title_text(self) -> Text:
        title = Text("Security forces side by side", style="bold")
        column = next(c for c in forces.COLUMNS if c[0] == self.column)
        direction = "most first" if column[3] != self.reverse else ("A–Z" if not column[3] else "fewest first")
        if column[3] is False and self.reverse:
            direction = "Z–A"
        title.append(f" · by {column[1].lower()}, {direction}", style="")
        title.append(" · o sorts by the next column, O reverses, Enter opens", style="dim")
        return title

    def action_next_column(self) -> None:
        names = [c[0] for c in forces.COLUMNS]
        self.column, self.reverse = names[(names.index(self.column) + 1) % len(names)], False
        self.fill()

    def action_flip(self) -> None:
        self.reverse = not self.reverse
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(event.row_key.value)
