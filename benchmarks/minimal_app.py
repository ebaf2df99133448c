"""The floor for start-up: a bare Textual app with ssrtui's tabs, footer and nothing else."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static, TabbedContent, TabPane

TABS = ["Missions", "Security forces", "Donors", "Timeline", "Institutions", "Programmes", "Agreements",
        "Armed groups", "People", "Glossary", "Sources", "Countries", "Places", "Bookmarks"]


class MinimalApp(App):
    def compose(self) -> ComposeResult:
        yield Static("minimal")
        with TabbedContent():
            for i, label in enumerate(TABS):
                with TabPane(label, id=f"t{i}"):
                    yield Static(f"{label} records")
        yield Static("status: records")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
