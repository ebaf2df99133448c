"""Headless start-up probe: prints seconds from process launch to first paint (and to data ready).

Run as: BENCH_T0=$(python -c 'import time;print(time.time())') python startup_probe.py ssrtui|minimal [DATA_DIR]
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0") or time.time())
mode = sys.argv[1]
marks: dict[str, float] = {}

if mode == "minimal":
    sys.path.insert(0, os.path.dirname(__file__))
    from minimal_app import MinimalApp as Base

    class Probe(Base):
        def on_ready(self) -> None:  # Textual's Ready: the first screen has been displayed
            marks["first_paint"] = time.time() - T0
            marks["ready"] = marks["search_ready"] = marks["first_paint"]
            self.exit()

    app = Probe()
else:
    from ssrtui.tui.app import SSRApp

    class Probe(SSRApp):
        def on_ready(self) -> None:  # Textual's Ready: the first screen has been displayed
            marks.setdefault("first_paint", time.time() - T0)

        def on_mount(self) -> None:
            super().on_mount()
            self._probe_timer = self.set_interval(0.005, self._probe_shown)

        def _probe_shown(self) -> None:
            """Records on screen: the visible tab's list holds rows (then one more frame is drawn)."""
            try:
                shown = bool(self.screen.active_pane().record_list.rows)
            except Exception:  # noqa: BLE001 - the panes are not mounted yet
                shown = False
            if shown:
                self._probe_timer.stop()
                self.call_after_refresh(self._data_ready)

        def _data_ready(self) -> None:
            marks["ready"] = time.time() - T0
            marks.setdefault("first_paint", marks["ready"])
            self.run_worker(self._wait_for_search, thread=True)

        def _wait_for_search(self) -> None:
            self.dataset.index  # noqa: B018 - waits while the loading worker builds or reads it
            marks["search_ready"] = time.time() - T0
            self.call_from_thread(self.exit)

    app = Probe(sys.argv[2:] or None)

app.run(headless=True, size=(140, 44))
print(json.dumps(marks))
