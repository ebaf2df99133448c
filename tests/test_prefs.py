"""Preferences (theme, folded period strip, last tab) kept between runs; a bad file never stops the app
and is never lost."""

from __future__ import annotations

import json

from ssrtui.paths import config_dir
from ssrtui.prefs import FILE_NAME, PreferencesFile
from tui_helpers import make_app, record_notifications

SIZE = (100, 30)


def prefs_path():
    return config_dir() / FILE_NAME


async def started(app, pilot):
    await app.ready.wait()
    await pilot.pause()


# the file ---------------------------------------------------------------------------------------
def test_saved_preferences_are_read_back_and_unknown_keys_kept():
    path = prefs_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "nord", "future-setting": [1, 2]}), encoding="utf-8")
    prefs = PreferencesFile.default()
    assert prefs.values.theme == "nord" and prefs.problem is None
    assert prefs.save(last_tab="donor", strip_folded=True) is None
    again = PreferencesFile.default()
    assert (again.values.theme, again.values.last_tab, again.values.strip_folded) == ("nord", "donor", True)
    assert json.loads(path.read_text(encoding="utf-8"))["future-setting"] == [1, 2]


def test_no_file_means_defaults_and_nothing_written_until_something_changes():
    prefs = PreferencesFile.default()
    assert prefs.problem is None and prefs.values.theme is None
    assert prefs.save() is None
    assert not prefs_path().exists()


def test_a_damaged_file_gives_one_line_with_its_place_and_is_kept_aside_when_a_new_one_is_written():
    path = prefs_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "nord",\n  "last_tab": }\n', encoding="utf-8")
    prefs = PreferencesFile.default()
    assert prefs.values.theme is None  # defaults: nothing half-read
    assert "\n" not in prefs.problem and f"{path}:2:" in prefs.problem and "not JSON" in prefs.problem
    assert path.read_text(encoding="utf-8").startswith('{"theme": "nord"')  # untouched until a save
    assert prefs.save(theme="textual-light") is None
    aside = [p for p in path.parent.iterdir() if p.name.startswith(f"{FILE_NAME}.damaged-")]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8").startswith('{"theme": "nord"')
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "textual-light"}


def test_a_value_of_the_wrong_type_falls_back_to_its_default_only():
    path = prefs_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "nord", "strip_folded": "yes"}), encoding="utf-8")
    prefs = PreferencesFile.default()
    assert prefs.values.theme == "nord" and prefs.values.strip_folded is None
    assert prefs.problem == f"{path}: strip_folded: not true or false; default used"


def test_a_path_that_cannot_be_read_is_never_written_over():
    path = prefs_path()
    path.mkdir(parents=True)  # a folder where the file should be
    prefs = PreferencesFile.default()
    assert prefs.problem.startswith(f"{path}: cannot read") and "\n" not in prefs.problem
    assert prefs.save(theme="nord") is None  # kept for this run only
    assert path.is_dir()


def test_no_config_folder_means_defaults_for_this_run(monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/folder")
    monkeypatch.setenv("HOME", "")
    prefs = PreferencesFile.default()
    assert prefs.problem.startswith("preferences not kept:")
    assert prefs.save(theme="nord") is None


def test_a_full_disk_says_so_once_and_the_old_file_stays(monkeypatch):
    import errno

    from ssrtui import atomic

    path = prefs_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "nord"}), encoding="utf-8")
    prefs = PreferencesFile.default()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_text", full)
    assert prefs.save(theme="textual-light") == f"preferences not saved to {path}: No space left on device"
    assert prefs.save(theme="dracula") is None  # said once; the app goes on with them in memory
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "nord"}


def test_a_config_folder_under_a_file_is_read_as_defaults(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    prefs = PreferencesFile.default()
    assert prefs.problem.startswith(f"{blocker}/ssrtui/{FILE_NAME}: cannot read (Not a directory)")
    assert prefs.save(theme="nord") is None and blocker.read_text(encoding="utf-8") == ""


# the app ----------------------------------------------------------------------------------------
async def test_a_theme_chosen_from_the_palette_is_kept_after_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        before = app.theme
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("down", "down", "enter")
        await pilot.pause(0.3)
        chosen = app.theme
        assert chosen != before
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await started(again, pilot)
        assert again.theme == chosen


async def test_the_last_tab_is_the_first_shown_after_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("3")
        await pilot.pause()
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await started(again, pilot)
        assert again.query_one("#tabs").active == "tab-donor"
        assert again.focused is again.pane("donor").record_list


async def test_a_damaged_file_or_unknown_theme_says_one_line_and_the_app_starts(tmp_path):
    path = prefs_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "no-such-theme", "last_tab": "nowhere"}), encoding="utf-8")
    app = make_app(tmp_path)
    said = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert app.theme == "textual-dark" and app.query_one("#tabs").active == "tab-mission"
        assert said == [(f"{path}: theme: no theme named 'no-such-theme'; default used", "warning")]
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "no-such-theme"  # kept until another is chosen


async def test_the_period_strip_is_given_back_as_the_user_left_it(tmp_path):
    """s folds the Timeline's period strip; after a restart it is still folded (on a terminal tall
    enough to show it by default), and unfolded again after s and another restart."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert PreferencesFile.default().values.strip_folded is None
        await pilot.press("4")
        await pilot.pause()
        timeline = app.pane("event")
        assert not timeline.has_class("-strip-folded")  # 40 rows: shown by default
        await pilot.press("s")
        await pilot.pause()
        assert timeline.has_class("-strip-folded")
    for folded, key in ((True, "s"), (False, None)):
        again = make_app(tmp_path)
        async with again.run_test(size=(120, 40)) as pilot:
            await started(again, pilot)
            assert again.query_one("#tabs").active == "tab-event"  # the last tab, too
            assert again.pane("event").has_class("-strip-folded") is folded
            if key:
                await pilot.press(key)
                await pilot.pause()
