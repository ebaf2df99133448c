"""Keys typed before what they act on is there are held, then replayed in order once it is.

While the app starts, the tab on screen has no list yet (j, End, / would be lost; a filter typed
then never appears); later, a tab switched to while the records are still being parsed is empty
for a moment. So the app hands every key it receives on the main screen to ``KeyHolder.hold``, and
a key is held while the main screen says keys cannot act (``MainScreen.keys_can_act``: the visible
tab filled and the focus in it) or while keys typed before it wait. The app's own keys that need no
data (the palette, help, quit, ``:``) act at once when nothing waits, so ctrl+p at launch opens the
palette straight away (its record search waits for the data: ``commands.RecordSearch``).

Replaying must give each key the app it would have met had it come later: a key that moves the
focus (``/`` opens the filter) must have done so before the next key is routed. So the keys go one
at a time, each followed by a ``MARK`` key that travels the same route (the focused widget, then up
to the app); once the mark has reached the app and the app has gone through what it had queued,
the key before it has been handled everywhere.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual import events

#: A key no widget binds or types: it only follows a replayed key to the app.
MARK = "ssrtui_replay_mark"
#: Actions of the app that act at once while keys cannot act, when no key is waiting (they need no data).
ACT_AT_ONCE = ("command_palette", "quit", "quit_key", "help", "goto")
#: Longest wait for a mark (a widget that swallows every key must not stall the keys behind it).
MARK_TIMEOUT = 1.0


class KeyHolder:
    """Holds the keys typed on the main screen while they cannot act; replays them once they can."""

    def __init__(self, app, free_keys: set[str], can_act: Callable[[], bool]):
        """``free_keys``: the app's keys that act at once when nothing waits (ACT_AT_ONCE's);
        ``can_act``: whether a key typed now finds what it acts on."""
        self.app = app
        self.free_keys = free_keys
        self.can_act = can_act
        self.held: list[events.Key] = []
        self._passing: set[int] = set()  # ids of the replayed keys and marks: not held again
        self._releasing = False
        self._woken = asyncio.Event()
        self._mark: events.Key | None = None
        self._mark_arrived = asyncio.Event()

    @classmethod
    def for_app(cls, app, can_act: Callable[[], bool]) -> "KeyHolder":
        free = {key.strip() for binding in type(app).BINDINGS if binding.action in ACT_AT_ONCE
                for key in binding.key.split(",")}
        return cls(app, free, can_act)

    @property
    def busy(self) -> bool:
        """Keys are waiting or being replayed."""
        return bool(self.held) or self._releasing

    def hold(self, event: events.Key) -> bool:
        """Whether the app should keep ``event`` for later instead of acting on it now."""
        if id(event) in self._passing:
            self._passing.discard(id(event))
            return False
        if not self._on_main_screen():
            return False
        if not self.busy and (self.can_act() or event.key in self.free_keys):
            return False
        self.held.append(events.Key(event.key, event.character))
        if not self._releasing:
            self._releasing = True
            self.app.run_worker(self._release(), group="held-keys")
        return True

    def _on_main_screen(self) -> bool:
        stack = self.app.screen_stack
        return not stack or stack[-1] is self.app.main

    def wake(self) -> None:
        """What keys act on may be there now (a tab filled, the focus moved, loading failed)."""
        self._woken.set()

    def arrived(self, event: events.Key) -> None:
        """A key reached the app (it has been offered to every widget on its way). The mark can
        reach the app before the key ahead of it has run its action there (both were on their way
        up), and an action defers its focus change (``Widget.focus``): the next key waits until the
        app has gone through what is queued and refreshed."""
        if event is self._mark:
            self.app.call_after_refresh(self._mark_arrived.set)

    async def _release(self) -> None:
        """Replay the held keys, one at a time, in the order they were typed, each when keys can act.
        Keys typed meanwhile join the end of the queue, so the order is kept."""
        try:
            while self.held:
                while not (self._on_main_screen() and self.can_act()):  # a view on top (What's new): after it
                    self._woken.clear()
                    await self._woken.wait()
                await self._replay(self.held.pop(0))
        finally:
            self._releasing = False

    async def _replay(self, key: events.Key) -> None:
        self._mark = events.Key(MARK, None)
        self._mark_arrived.clear()
        self._passing |= {id(key), id(self._mark)}
        self.app.post_message(key)
        self.app.post_message(self._mark)
        try:
            await asyncio.wait_for(self._mark_arrived.wait(), MARK_TIMEOUT)
        except TimeoutError:
            self._passing.discard(id(self._mark))
