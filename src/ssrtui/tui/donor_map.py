"""The donor map screen: donors x sectors (or years), each cell opening the activities behind it."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from .. import donormap
from ..donormap import NO_DONOR, Cell, Filters
from .key_footer import KeyFooter
from .record_list import plain

TOTAL = "__total__"
DONOR_COLUMN = "__donor__"
NAME_WIDTH = 22
LABEL_WIDTH = 11


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, control characters dropped, '…' when cut."""
    text = plain(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_text(cell: Cell) -> Text:
    """'2 · 1.1M EUR': the activity count and the main amount; blank when empty."""
    if not cell.count:
        return Text("·", style="dim", justify="center")
    text = Text(str(cell.count), style="bold")
    amount = donormap.amount_text(cell.amounts)
    if amount:
        text.append(f" {amount}", style="dim")
    text.justify = "right"
    return text


class ChoiceScreen(ModalScreen[tuple | None]):
    """Pick one value from a list: dismisses with ``(value,)``, or None on Esc."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[object, str]], current: object):
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dm-choice-box"):
            yield Static(Text(self.title_text, style="bold"), id="dm-choice-title")
            yield OptionList(*[Option(Text(plain(label))) for _, label in self.choices], id="dm-choice-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next((i for i, (value, _) in enumerate(self.choices) if value == self.current), 0)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((self.choices[event.option_index][0],))


class ActivitiesScreen(ModalScreen[str | None]):
    """The activities behind one cell; Enter dismisses with the chosen record's id."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back to the map")]

    def __init__(self, title: str, rows: list[tuple[str, str, str]]):
        """``rows``: (record id, name, amount text)."""
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="dm-activities-box"):
            yield Static(Text(plain(self.title_text), style="bold"), id="dm-activities-title")
            options = []
            for _, name, amount in self.rows:
                label = Text(plain(name))
                if amount:
                    label.append(f"  {amount}", style="dim")
                options.append(Option(label))
            yield OptionList(*options, id="dm-activities-list")
            yield Static(Text("Enter opens the record · Esc back to the map", style="dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.rows[event.option_index][0])


class DonorMapScreen(Screen[None]):
    """Donors (rows) x DAC sector groups, or 5-digit codes within a group, or years (columns)."""

    HELP_GROUP = "On the donor map (m)"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("c", "choose('country')", "Country", tooltip="Only the activities with a recipient country"),
        Binding("s", "choose('group')", "Sectors", tooltip="A sector group: its 5-digit codes become the columns"),
        Binding("y", "choose('year')", "Year", tooltip="One year: the activities running or paid that year"),
        Binding("a", "measure", "Amount", tooltip="The amount: budget, commitments, or disbursements and expenditure"),
        Binding("v", "columns", "Sectors/years", tooltip="Years instead of sectors as the columns"),
    ]

    def __init__(self, data):
        super().__init__()
        self.data = data
        self.activities = donormap.activities(data)
        self.filters = Filters()
        self.map: donormap.DonorMap | None = None  # built on mount, rebuilt on every filter change

    def compose(self) -> ComposeResult:
        yield Static(id="dm-title")
        yield DataTable(id="dm-table", cursor_type="cell", fixed_columns=1, fixed_rows=1, header_height=2, zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_map()
        self.query_one(DataTable).focus()

    # drawing ------------------------------------------------------------------------
    def refresh_map(self) -> None:
        self.map = donormap.build(self.data, self.filters, self.activities)
        m = self.map
        title = Text("Donor map · ", style="bold")
        country = dict(m.countries).get(self.filters.country) if self.filters.country else None
        title.append(plain(donormap.describe(self.filters, country)))
        count = m.total.count
        title.append(f" · {count} {'activity' if count == 1 else 'activities'}" if count else " · no activity matches", style="dim")
        self.query_one("#dm-title", Static).update(title)

        table = self.query_one(DataTable)
        keep = table.cursor_coordinate
        table.clear(columns=True)
        by_year = self.filters.columns == "year"
        table.add_column(Text("Donor\n", style="bold"), key=DONOR_COLUMN, width=NAME_WIDTH)
        for key, label in m.columns:
            header = Text(key, style="bold", justify="right")
            if not by_year:
                header.append("\n" + cut(label, LABEL_WIDTH), style="")
            table.add_column(header, key=key)
        table.add_column(Text("All\n" + ("years" if by_year else "sectors"), style="bold", justify="right"), key=TOTAL)
        columns = [key for key, _ in m.columns]
        table.add_row(Text("All donors", style="bold"), *[cell_text(m.column_totals[c]) for c in columns],
                      cell_text(m.total), key=TOTAL)
        for donor, name in m.rows:
            label = Text(cut(name, NAME_WIDTH), style="italic" if donor == NO_DONOR else "")
            table.add_row(label, *[cell_text(m.cell(donor, c)) for c in columns], cell_text(m.row_totals[donor]), key=donor)
        if table.row_count and len(table.columns) > 1:
            table.cursor_coordinate = table.validate_cursor_coordinate(keep if keep.column else keep._replace(column=1))

    def cell_at(self, row: str, column: str) -> Cell:
        m = self.map
        if row == TOTAL:
            return m.total if column in (TOTAL, DONOR_COLUMN) else m.column_totals.get(column, Cell())
        if column in (TOTAL, DONOR_COLUMN):
            return m.row_totals.get(row, Cell())
        return m.cell(row, column)

    def describe_cell(self, row: str, column: str) -> str:
        donor = "All donors" if row == TOTAL else NO_DONOR if row == NO_DONOR else self.data.name_of(row)
        if column in (TOTAL, DONOR_COLUMN):
            where = "all years" if self.filters.columns == "year" else "all sectors"
        elif self.filters.columns == "year":
            where = column
        else:
            where = f"{column} {donormap.sector_name(column)}"
        return f"{donor} · {where} · {donormap.describe(self.filters)}"

    # events ---------------------------------------------------------------------------
    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row, column = event.cell_key.row_key.value, event.cell_key.column_key.value
        cell = self.cell_at(row, column)
        if not cell.count:
            self.app.say("No activity in this cell", timeout=3)
            return
        by_id = {act.record["id"]: act for act in self.activities}
        year = self.filters.year if self.filters.columns == "sector" else (int(column) if column.isdigit() else self.filters.year)
        rows = []
        for record_id in cell.ids:
            act = by_id[record_id]
            amounts = donormap.amounts_of(act, self.filters, year)
            rows.append((record_id, act.record["name"], donormap.amounts_in_full(amounts) if amounts else ""))
        title = f"{cell.count} {'activity' if cell.count == 1 else 'activities'}: {self.describe_cell(row, column)}"
        self.app.push_screen(ActivitiesScreen(title, rows), self._open_activity)

    def _open_activity(self, record_id: str | None) -> None:
        if record_id is None:
            return
        self.dismiss()
        # once the map is gone (as the command palette runs its command): opened at once, the main
        # screen's tabs could switch back when it resumes
        self.app.call_later(self.app.open_record, record_id, focus_links=False)

    # actions --------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss()

    def action_choose(self, what: str) -> None:
        m = self.map
        if what == "country":
            choices = [(None, "All countries")] + [(k, f"{n} ({k})" if len(k) == 2 and n != k else n) for k, n in m.countries]
            title, current = "Country", self.filters.country
        elif what == "group":
            choices = [(None, "All sector groups")] + [(g, f"{g} {donormap.sector_name(g)}") for g, _ in m.groups if g != donormap.NO_SECTOR]
            title, current = "DAC sector group (its 5-digit codes become the columns)", self.filters.group
        else:
            choices = [(None, "All years")] + [(y, str(y)) for y in reversed(m.years)]
            title, current = "Year", self.filters.year

        def chosen(picked: tuple | None) -> None:
            if picked is not None:
                self.filters = replace(self.filters, **{what: picked[0]})
                self.refresh_map()

        self.app.push_screen(ChoiceScreen(title, choices, current), chosen)

    def action_measure(self) -> None:
        self.filters = donormap.next_measure(self.filters)
        self.refresh_map()

    def action_columns(self) -> None:
        self.filters = replace(self.filters, columns="year" if self.filters.columns == "sector" else "sector")
        self.refresh_map()
