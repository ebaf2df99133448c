"""The titles of a record list's columns, above the list, laid out as its rows are
(``RecordList.layout``); the column the list is sorted by is marked and its order named."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..fit import cut_end
from .record_list import RecordList

#: The mark of the column a list is sorted by: in its natural direction, reversed.
SORT_MARKS = ("▼", "▲")


class ColumnHeader(Widget):
    """'Name  When  Status  Personnel'; sorted: 'Most personnel first  Personnel▼'."""

    COMPONENT_CLASSES = {"column-header--sorted"}
    DEFAULT_CSS = """
    ColumnHeader { height: 1; color: $text-muted; text-style: bold; }
    ColumnHeader > .column-header--sorted { color: $text-accent; }
    """

    def on_mount(self) -> None:
        self.watch(self.record_list, "arranged", lambda: self.refresh(), init=False)

    @property
    def record_list(self) -> RecordList:
        assert self.parent is not None
        return self.parent.query_one(RecordList)

    def render(self) -> Text:
        rows = self.record_list
        width = rows.scrollable_content_region.width or self.size.width
        name_width, columns = rows.layout(width)
        sorted_by, reverse = rows.order
        sorted_style = self.get_component_rich_style("column-header--sorted", partial=True)
        title = "Name" if sorted_by is None else sorted_by.order_text(reverse).capitalize()
        text = Text(" ")
        text.append(cut_end(title, name_width).ljust(name_width), sorted_style if sorted_by else "")
        for column, size in columns:
            marked = column is sorted_by
            heading = cut_end(column.title_in(size - marked) + (SORT_MARKS[reverse] if marked else ""), size)
            text.append(" " + heading.ljust(size), sorted_style if marked else "")
        return text
