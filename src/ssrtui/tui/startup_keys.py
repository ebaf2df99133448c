"""Keys typed while the app starts are held, then replayed in order once the tabs are filled.

Before the panes exist a key has nothing to act on (j, End, / would be lost; a filter typed then
never appears), so the app hands every key it receives on the main screen to ``KeyHolder.hold``
until start-up is over. Keys of the app's own that need no data (the palette, help, quit, ``:``)
act at once while nothing is held, so ctrl+p at launch opens the palette straight away (its record
search waits for the data: ``commands.RecordSearch.startup``).

Replaying must give each key the app it would have met had it come later: a key that moves the
focus (``/`` opens the filter) must have done so before the next key is routed. So the keys go one
at a time, each followed by a ``MARK`` key that travels the same route (the focused widget, then up
to the app); once the mark has reached the app and the app has gone through what it had queued,
the key before it has been handled everywhere.
"""

from __future__ import annotations

import asyncio

from textual import events

#: A key no widget binds or types: it only follows a replayed key to the app.
MARK = "ssrtui_replay_mark"
#: Actions of the app that act at once during start-up when no key is waiting (they need no data).
ACT_AT_ONCE = ("command_palette", "quit", "quit_key", "help", "goto")
#: Longest wait for a mark (a widget that swallows every key must not stall the keys behind it).
MARK_TIMEOUT = 1.0


class KeyHolder:
    """Holds the keys typed on the main screen during start-up; ``release`` replays them."""

    def __init__(self, app, free_keys: set[str]):
        """``free_keys``: the app's keys that act at once while nothing is held (ACT_AT_ONCE's)."""
        self.app = app
        self.free_keys = free_keys
        self.held: list[events.Key] = []
        self.holding = True
        self._passing: set[int] = set()  # ids of the replayed keys and marks: not held again
        self._releasing = False
        self._mark: events.Key | None = None
        self._mark_arrived = asyncio.Event()

    @classmethod
    def for_app(cls, app) -> "KeyHolder":
        free = {key.strip() for binding in type(app).BINDINGS if binding.action in ACT_AT_ONCE
                for key in binding.key.split(",")}
        return cls(app, free)

    def hold(self, event: events.Key) -> bool:
        """Whether the app should keep ``event`` for later instead of acting on it now."""
        if id(event) in self._passing:
            self._passing.discard(id(event))
            return False
        if not self.holding or not self._on_main_screen():
            return False
        if not self.held and not self._releasing and event.key in self.free_keys:
            return False  # nothing waits before it: the palette, help or quit act at once
        self.held.append(events.Key(event.key, event.character))
        return True

    def _on_main_screen(self) -> bool:
        stack = self.app.screen_stack
        return not stack or stack[-1] is self.app.main

    def arrived(self, event: events.Key) -> None:
        """A key reached the app (it has been offered to every widget on its way). The mark can
        reach the app before the key ahead of it has run its action there (both were on their way
        up), and an action defers its focus change (``Widget.focus``): the next key waits until the
        app has gone through what is queued and refreshed."""
        if event is self._mark:
            self.app.call_after_refresh(self._mark_arrived.set)

    async def release(self) -> None:
        """Replay the held keys, one at a time, in the order they were typed; then stop holding.
        Keys typed during the replay join the end of the queue, so the order is kept."""
        self._releasing = True
        while self.held:
            key = self.held.pop(0)
            self._mark = events.Key(MARK, None)
            self._mark_arrived.clear()
            self._passing |= {id(key), id(self._mark)}
            self.app.post_message(key)
            self.app.post_message(self._mark)
            try:
                await asyncio.wait_for(self._mark_arrived.wait(), MARK_TIMEOUT)
            except TimeoutError:
                self._passing.discard(id(self._mark))
        self.holding = False
