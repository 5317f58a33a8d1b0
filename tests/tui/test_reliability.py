"""Two copies at once, crash logs without note text, and purging old meetings."""

import datetime as dt
import os
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from homeroom_tui.app import error_frames, make_app, write_crash_log
from homeroom_tui.cli import main
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.store import Store
from homeroom_tui.store.lock import LockHeld, MeetingLock, lock_path
from tests.tui.helpers import autosave, open_runner, wait_for


def test_lock_detects_a_live_holder_and_takes_over_a_stale_one(store: Store, sample_group: Group) -> None:
    meeting_file = store.meeting_path(sample_group.id, 1)
    lock_path(meeting_file).parent.mkdir(parents=True, exist_ok=True)
    lock_path(meeting_file).write_text(f"1 {os.uname().nodename}\n")  # pid 1 is always alive
    with pytest.raises(LockHeld) as info:
        MeetingLock(meeting_file).acquire()
    assert info.value.holder.pid == 1
    lock_path(meeting_file).write_text(f"999999999 {os.uname().nodename}\n")  # a crashed homeroom
    lock = MeetingLock(meeting_file)
    lock.acquire()
    assert lock.took_over is not None and lock.took_over.pid == 999999999
    assert lock_path(meeting_file).read_text().split()[0] == str(os.getpid())
    assert store.load_meetings(sample_group) == ([], [])  # the lock file is never mistaken for data
    lock.release()
    assert not lock_path(meeting_file).exists()


def held_by_another_copy(store: Store, group: Group) -> bytes:
    """Meeting 1 saved and locked by a live homeroom on this host (pid 1); its bytes."""
    first = Meeting.new(group, 1)
    first.private_notes = "kept as it is"
    store.save_meeting(first)
    lock_path(store.meeting_path(group.id, 1)).write_text(f"1 {os.uname().nodename}\n")
    return store.meeting_path(group.id, 1).read_bytes()


async def test_second_copy_opens_read_only(store: Store, sample_group: Group) -> None:
    before = held_by_another_copy(store, sample_group)
    app = make_app(store.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_runner(pilot)
        assert "READ-ONLY" in str(screen.query_one("#save-line", Static).render())
        await pilot.press("right_square_bracket", "p", "f7", *"typing", "a")
        await autosave(pilot)
        assert screen.session.stage == "opening"
    assert store.meeting_path(sample_group.id, 1).read_bytes() == before


async def palette(pilot: Pilot[None], name: str) -> None:
    """Run the command called ``name`` from the command palette (checking it is the one chosen)."""
    await pilot.press("ctrl+p", *name)

    def first_found() -> str:
        found = pilot.app.screen.query(CommandList)
        return str(found.first().get_option_at_index(0).prompt) if found and found.first().option_count else ""

    await wait_for(pilot, lambda: first_found().startswith(name), f"the palette to offer {name!r} first")
    await pilot.press("enter")
    await pilot.pause()


async def test_read_only_copy_refuses_writing_commands_from_the_palette_too(store: Store, sample_group: Group) -> None:
    before = held_by_another_copy(store, sample_group)
    app = make_app(store.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_runner(pilot)
        for _ in range(4):  # past the last stage, this would have offered to finish the meeting
            await palette(pilot, "Next stage")
        assert screen.session.stage == "opening"
        assert isinstance(app.screen, MeetingScreen)  # no finish dialog
        await palette(pilot, "+5 min")
        assert screen.session.meeting.stages.opening.extended_min == 0
        await palette(pilot, "Name recall")  # looking around is allowed
        assert screen.query_one("#panels", TabbedContent).active == "pane-recall"
        await autosave(pilot)
    assert store.meeting_path(sample_group.id, 1).read_bytes() == before


async def test_runner_releases_its_lock(store: Store, sample_group: Group) -> None:
    app = make_app(store.root, clock=FakeClock(), bell=False)
    lock = lock_path(store.meeting_path(sample_group.id, 1))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        assert lock.exists()
        await pilot.press("q")
        await pilot.pause()
        assert not lock.exists()


def test_crash_log_has_type_and_place_only(tmp_path: Path) -> None:
    def explode(note: str) -> None:
        secret = note.upper()
        raise ValueError(secret)

    try:
        explode("Budi told us about his father")
    except ValueError as exc:
        error = exc
    log = write_crash_log(tmp_path, error, "2024-01-15T15:00:00+07:00")
    assert log is not None
    text = log.read_text()
    assert text.startswith("homeroom ") and "ValueError" in text
    assert "budi" not in text.lower() and "father" not in text.lower()
    assert (log.stat().st_mode & 0o777) == 0o600
    assert error_frames(error) == []  # the frame above is in tests/, not in homeroom


async def test_unexpected_error_saves_first_and_shows_no_traceback(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(store.root, clock=FakeClock(), bell=False)
    with pytest.raises(RuntimeError):  # Pilot hands the app's error on to the test
        async with app.run_test(size=(100, 32)) as pilot:
            await open_runner(pilot)
            await pilot.press("f7", *"Dewi cried today")
            await pilot.pause()

            def boom(self: MeetingScreen) -> None:
                raise RuntimeError("Dewi cried today")

            monkeypatch.setattr(MeetingScreen, "action_pause", boom)
            await pilot.press("escape", "p")
            await pilot.pause()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "Dewi cried today"
    log = (store.root / "crash.log").read_text()
    assert "RuntimeError" in log and "Dewi" not in log
    assert app.return_code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Dewi" not in err


def test_purge_deletes_old_meetings_after_confirmation(
    store: Store, sample_group: Group, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in (1, 2, 3):
        store.save_meeting(Meeting.new(sample_group, number))
    broken = store.meeting_path(sample_group.id, 4)
    broken.write_text("not toml")
    root = str(store.root)
    assert main(["--data-dir", root, "purge", "--before", "2024-01-23"]) == 2  # no terminal, no --yes
    assert store.meeting_path(sample_group.id, 1).exists()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda _: "n")
    assert main(["--data-dir", root, "purge", "--before", "2024-01-23"]) == 1
    assert store.meeting_path(sample_group.id, 1).exists()
    monkeypatch.setattr("builtins.input", lambda _: "y")
    assert main(["--data-dir", root, "purge", "--before", "2024-01-23"]) == 0
    out = capsys.readouterr().out
    assert "Deleted 2 meeting files." in out
    assert [m.number for m in store.load_meetings(sample_group)[0]] == [3]
    assert broken.read_text() == "not toml"  # a damaged file is never deleted by date
    stale_lock = lock_path(store.meeting_path(sample_group.id, 3))
    stale_lock.write_text("1 elsewhere\n")
    assert main(["--data-dir", root, "purge", "--before", "2025-01-01", "--yes"]) == 0
    assert store.load_meetings(sample_group)[0] == []
    assert not stale_lock.exists()  # a deleted meeting's lock file goes with it
    assert dt.date(2024, 1, 29) == Meeting.new(sample_group, 3).date
