"""The user's preferences on the running app (``prefs.py`` reads and writes the file): the kept theme
applied at start, a new theme saved at once, the last tab and the period strip's state saved when the
app closes. Any problem is one line; the app goes on with the defaults."""

from __future__ import annotations


def apply_preferences(app) -> None:
    """At start: the theme kept from the last run (the last tab and the strip: MainScreen applies them)."""
    prefs = app.preferences
    kept = prefs.values.theme
    if kept in app.available_themes:
        app.theme = kept
    elif kept is not None:
        prefs.reject("theme", f"no theme named {kept!r}")
    if prefs.problem:
        app.say(prefs.problem, severity="warning", timeout=20)
    app.theme_changed_signal.subscribe(app, lambda theme: keep_preferences(app, theme=theme.name))


def keep_preferences(app, **changes) -> None:
    """Save now; a file that cannot be written is said once."""
    problem = app.preferences.save(**changes)
    if problem:
        app.say(problem, severity="warning", timeout=10)


def save_preferences_at_exit(app) -> str | None:
    """The last tab (kept in memory as tabs change) and the strip's state (the timeline pane's
    ``strip_folded``, set by its fold key; None when never pressed); the problem line, if any."""
    folded = getattr(app.main.timeline, "strip_folded", None)
    if folded is not None:
        app.preferences.values.strip_folded = folded
    return app.preferences.save()
