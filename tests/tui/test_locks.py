"""Pilot tests of the meeting lock in the app: another computer's lock, and the home screen's ice-breaker."""

from __future__ import annotations

import datetime as dt
import os

from textual.widgets import Static

from homeroom_tui.app import make_app
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.lock_prompt import ForeignLockDialog
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.review import MeetingDetailScreen
from homeroom_tui.store import Store
from homeroom_tui.store.lock import Holder, format_holder, lock_path, read_holder, this_host

HOST = "laptop-[b]sekolah[/b]"  # a computer name from a file: shown as text, never markup


def locked_elsewhere(store: Store, group: Group, host: str = HOST, minutes: int = 130) -> bytes:
    """Meeting 1 saved, and locked by a homeroom on another computer ``minutes`` ago; its bytes."""
    first = Meeting.new(group, 1)
    first.private_notes = "kept as it is"
    store.save_meeting(first)
    since = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=minutes)
    lock_path(store.meeting_path(group.id, 1)).write_bytes(format_holder(Holder(4321, host, "b", 7, since, "t")))
    return store.meeting_path(group.id, 1).read_bytes()


async def test_another_computers_lock_is_named_and_taken_over_after_confirming(
    store: Store, sample_group: Group
) -> None:
    locked_elsewhere(store, sample_group)
    app = make_app(store.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ForeignLockDialog)
        body = str(app.screen.query_one("#foreign-lock-body", Static).render())
        assert HOST in body and "2 h 10 min ago" in body
        await pilot.press("t")
        await pilot.pause(0.4)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.held_by is None
        await pilot.press("f7", *"ditulis di sini", "escape")
        screen.save_now()
        holder = read_holder(lock_path(store.meeting_path(sample_group.id, 1)))
        assert holder is not None and holder.host == this_host() and holder.pid == os.getpid()
        assert store.load_meeting(sample_group, 1).stages.opening.notes == "ditulis di sini"
        await pilot.press("q")
        await pilot.pause()
    assert not lock_path(store.meeting_path(sample_group.id, 1)).exists()


async def test_escape_leaves_another_computers_meeting_read_only(store: Store, sample_group: Group) -> None:
    before = locked_elsewhere(store, sample_group)
    lock_before = lock_path(store.meeting_path(sample_group.id, 1)).read_bytes()
    app = make_app(store.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ForeignLockDialog)
        await pilot.press("escape")
        await pilot.pause(0.4)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.held_by is not None
        line = str(screen.query_one("#save-line", Static).render())
        assert "READ-ONLY" in line and "laptop-" in line
        await pilot.press("right_square_bracket", "p", "f7", *"typing")
        await pilot.pause(1.2)
        assert screen.session.stage == "opening"
        await pilot.press("escape", "q")
        await pilot.pause()
    assert store.meeting_path(sample_group.id, 1).read_bytes() == before
    assert lock_path(store.meeting_path(sample_group.id, 1)).read_bytes() == lock_before


async def test_home_icebreaker_refuses_a_meeting_another_copy_holds(store: Store, sample_group: Group) -> None:
    first = Meeting.new(sample_group, 1)
    store.save_meeting(first)
    before = store.meeting_path(sample_group.id, 1).read_bytes()
    lock_path(store.meeting_path(sample_group.id, 1)).write_text(f"1 {this_host()}\n")  # pid 1: alive
    app = make_app(store.root, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert not isinstance(app.screen, IcebreakerPicker)
        messages = [n.message for n in app._notifications]
        assert any("Meeting 1 is open in another homeroom (process 1 on this computer)" in m for m in messages)
    assert store.meeting_path(sample_group.id, 1).read_bytes() == before


async def test_home_icebreaker_names_the_other_computer(store: Store, sample_group: Group) -> None:
    before = locked_elsewhere(store, sample_group, host="laptop-bk", minutes=5)
    app = make_app(store.root, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert not isinstance(app.screen, IcebreakerPicker)
        assert any("the computer laptop-bk, opened 5 min ago" in n.message for n in app._notifications)
    assert store.meeting_path(sample_group.id, 1).read_bytes() == before


async def test_home_icebreaker_holds_the_lock_while_choosing(store: Store, sample_group: Group) -> None:
    app = make_app(store.root, bell=False)
    lock = lock_path(store.meeting_path(sample_group.id, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, IcebreakerPicker)
        holder = read_holder(lock)
        assert holder is not None and holder.pid == os.getpid()
        await pilot.press("enter")
        await pilot.pause()
        assert store.load_meeting(sample_group, 1).icebreaker is not None
        await pilot.press("escape")
        await pilot.pause()
        assert not lock.exists()


async def test_review_amend_of_a_held_meeting_is_read_only(tmp_path: object) -> None:
    from pathlib import Path

    demo = write_demo(Path(str(tmp_path)) / "demo")
    group = demo.load_group(DEMO_GROUP_ID)
    before = demo.meeting_path(group.id, 1).read_bytes()
    lock_path(demo.meeting_path(group.id, 1)).write_text(f"1 {this_host()}\n")
    app = make_app(demo.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.held_by is not None
        await pilot.press("f7", *"later", "escape", "q")
        await pilot.pause()
    assert demo.meeting_path(group.id, 1).read_bytes() == before


async def test_locks_are_let_go_when_the_app_ends_with_a_runner_or_picker_open(
    store: Store, sample_group: Group
) -> None:
    lock = lock_path(store.meeting_path(sample_group.id, 1))
    app = make_app(store.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause(0.4)
        assert isinstance(app.screen, MeetingScreen) and lock.exists()
    assert not lock.exists()
    app = make_app(store.root, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, IcebreakerPicker) and lock.exists()
    assert not lock.exists()
