"""Every way out saves and lets go: quitting, Ctrl+C, leaving while saves fail, signals.

Each test drives the app with keys and checks the screen, the meeting file, the lock file and
any copy written.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static, TextArea

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.unsaved import UnsavedDialog
from homeroom_tui.store import Store
from homeroom_tui.store.lock import lock_path
from homeroom_tui.store.recovery import pending_copies
from tests.tui.helpers import autosave, open_runner


def lock_of(store: Store, group: Group) -> Path:
    return lock_path(store.meeting_path(group.id, 1))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def notes(store: Store, group: Group) -> str:
    return store.load_meeting(group, 1).stages.opening.notes


def break_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(self: Store, meeting: Meeting) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "save_meeting", disk_full)


async def open_and_type(pilot: Any, app: HomeroomApp, text: str) -> None:
    await open_runner(pilot)
    await pilot.press("f7", *text)
    await pilot.pause()


def dialog_text(app: HomeroomApp) -> str:
    return " ".join(str(w.render()) for w in app.screen.query(Static))


async def test_ctrl_q_in_a_meeting_saves_and_releases_the_lock(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "said before quitting")
        assert lock_of(store, sample_group).exists()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert notes(store, sample_group) == "said before quitting"
    assert not lock_of(store, sample_group).exists()


async def test_ctrl_c_copies_in_a_text_field_and_quits_outside_it(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "kept")
        assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+c")  # in the notes: Textual's copy (nothing selected: a hint, no quit)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MeetingScreen)
        assert any("Ctrl+Q" in str(n.message) for n in app._notifications)
        await pilot.press("escape", "ctrl+c")  # out of the text field: quits
        await pilot.pause()
        assert app.return_code is not None
    assert notes(store, sample_group) == "kept"
    assert not lock_of(store, sample_group).exists()


async def test_q_on_home_after_a_meeting_leaves_no_lock(store: Store, sample_group: Group, app: HomeroomApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "then home")
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not lock_of(store, sample_group).exists()
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code is not None
    assert notes(store, sample_group) == "then home"


async def test_leaving_while_saves_fail_keep_trying(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, app: HomeroomApp
) -> None:
    real_save = Store.save_meeting
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Important")
        break_saves(monkeypatch)
        await pilot.press(*" more", "escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert "the disk is full" in dialog_text(app) and "Home Room A" in dialog_text(app)
        await pilot.press("r")  # still failing: back in the meeting, nothing dropped
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.session.meeting.stages.opening.notes == "Important more"
        assert lock_of(store, sample_group).exists()
        monkeypatch.setattr(Store, "save_meeting", real_save)  # the disk has room again
        await pilot.press("q")
        await pilot.pause()
        # the save on leaving worked: no question, back home
        assert isinstance(app.screen, HomeScreen)
    assert notes(store, sample_group) == "Important more"
    assert not lock_of(store, sample_group).exists()


async def test_leaving_while_saves_fail_retry_that_works_goes_on(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, app: HomeroomApp
) -> None:
    real_save = Store.save_meeting
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Retry")
        break_saves(monkeypatch)
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        monkeypatch.setattr(Store, "save_meeting", real_save)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert notes(store, sample_group) == "Retry"
    assert not lock_of(store, sample_group).exists()


async def test_leaving_while_saves_fail_write_a_copy_to_a_named_folder(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, app: HomeroomApp
) -> None:
    before = store.meeting_path(sample_group.id, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Saved")
        await autosave(pilot)  # writes "Saved"
        break_saves(monkeypatch)
        await pilot.press(*" and copied", "escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        target = tmp_path / "usb stick" / "homeroom"
        await pilot.press("c", "ctrl+u", *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Copy written" in str(n.message) for n in app._notifications)
    copies = list(target.iterdir())
    assert [p.name[: len("home-room-a-meeting-01-")] for p in copies] == ["home-room-a-meeting-01-"]
    assert mode(copies[0]) == 0o600 and mode(target) == 0o700
    copy = Meeting.model_validate(__import__("tomllib").loads(copies[0].read_text()))
    assert copy.stages.opening.notes == "Saved and copied"
    assert Store(store.root).load_meeting(sample_group, 1).stages.opening.notes == "Saved"  # data file untouched
    assert before.exists() and not lock_of(store, sample_group).exists()
    assert pending_copies() == []  # the counselor's folder, not the recovery folder


async def test_copy_to_a_folder_that_fails_says_so_and_stays(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, app: HomeroomApp
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Kept")
        break_saves(monkeypatch)
        await pilot.press("escape", "q", "c", "ctrl+u", *str(blocker / "sub"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert "Could not write the copy" in str(app.screen.query_one("#unsaved-error", Static).render())
        await pilot.press("escape", "escape")  # back from the folder, then keep trying: the meeting
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.session.meeting.stages.opening.notes == "Kept"


async def test_leaving_while_saves_fail_anyway_keeps_a_private_recovery_copy(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, recovery_dir: Path, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Anyway")
        break_saves(monkeypatch)
        await pilot.press("escape", "q")
        await pilot.pause()
        assert "Leave anyway" in dialog_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("recovery copy" in str(n.message) for n in app._notifications)
    [copy] = pending_copies()
    assert copy.parent == recovery_dir and mode(copy) == 0o600 and mode(recovery_dir) == 0o700
    assert "Anyway" in copy.read_text()
    assert not lock_of(store, sample_group).exists()


async def test_quitting_while_saves_fail_asks_and_quit_anyway_keeps_a_recovery_copy(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, recovery_dir: Path, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Quit")
        break_saves(monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert "Quit anyway" in dialog_text(app)
        await pilot.press("ctrl+q")  # asked already: a second Ctrl+Q does not drop anything
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and app.return_code is None
        await pilot.press("x")
        await pilot.pause()
        assert app.return_code is not None
    [copy] = pending_copies()
    assert "Quit" in copy.read_text()
    assert not lock_of(store, sample_group).exists()


async def test_a_signal_while_saves_fail_writes_a_recovery_copy_and_the_next_start_says_where(
    store: Store,
    sample_group: Group,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    recovery_dir: Path,
    app: HomeroomApp,
) -> None:
    real_save = Store.save_meeting
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and_type(pilot, app, "Signal")
        break_saves(monkeypatch)
        await pilot.press(*" lost?")
        app._on_signal()  # what SIGTERM, SIGINT and SIGHUP do on the UI loop: nobody is asked
        await pilot.pause()
    [copy] = pending_copies()
    assert copy.parent == recovery_dir and mode(copy) == 0o600
    assert "Signal lost?" in copy.read_text()
    assert not lock_of(store, sample_group).exists()

    monkeypatch.setattr(Store, "save_meeting", real_save)
    again = make_app(store.root, clock=clock, bell=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in again._notifications]
        assert any(str(recovery_dir) in m and "recovery" in m for m in messages), messages
