"""Switching groups in the review: the next group's meetings are read in a worker thread, and the
keys typed meanwhile act on that group once it is shown."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.store import Problem, Store
from homeroom_tui.store.index import IndexCache


@pytest.fixture
def two_groups(tmp_path: Path) -> tuple[Store, str]:
    """The demo program, and a second group without meetings yet."""
    store = write_demo(tmp_path / "demo")
    other = store.create_group("Kelompok Selasa", ["Ani Rahma", "Budi Santoso", "Cici Amalia"])
    return store, other.id


class Gate:
    """Holds every read of a group's meetings until the test opens it; notes the threads that read."""

    def __init__(self, store: Store) -> None:
        self.open = threading.Event()
        self.started = threading.Event()
        self.threads: list[threading.Thread] = []
        original = store.load_meetings

        def load_meetings(group: Group, cache: IndexCache | None = None) -> tuple[list[Meeting], list[Problem]]:
            self.threads.append(threading.current_thread())
            self.started.set()
            self.open.wait(30)
            return original(group, cache)

        store.load_meetings = load_meetings  # type: ignore[method-assign]

    async def wait_started(self) -> None:
        assert await asyncio.to_thread(self.started.wait, 30), "the worker never started reading"


async def until(pilot: Any, condition: Callable[[], bool], tries: int = 100) -> None:
    """Let the app work until ``condition`` holds (no fixed sleep: each pause waits for the app to be idle)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    assert condition()


class typed:
    """Keys typed while the app is busy: the pilot waits for them to be handled, so it types in a task."""

    def __init__(self, pilot: Any, *keys: str) -> None:
        self.sent = asyncio.Event()

        async def press() -> None:
            await pilot.app._press_keys(keys)  # sent to the app; handled when the app gets to them
            self.sent.set()
            await pilot.pause()

        self.task = asyncio.create_task(press())


async def review_on(app: HomeroomApp, pilot: Any, group_id: str) -> ReviewScreen:
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await app.workers.wait_for_complete()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    await until(pilot, lambda: screen.group is not None)
    assert screen.group is not None and screen.group.id == group_id
    return screen


async def test_keys_typed_while_the_next_group_is_read_act_on_that_group(two_groups: tuple[Store, str]) -> None:
    store, other_id = two_groups
    app = make_app(store.root, review=other_id)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await review_on(app, pilot, other_id)
        table = screen.query_one("#meetings-table", DataTable)
        assert table.row_count == 0 and screen.title == "Review · Kelompok Selasa"
        gate = Gate(app.store)
        await pilot.press("g")
        await gate.wait_started()
        # the screen says it is reading; the old group's four rows are not offered as the new group's
        assert screen.title == "Review · reading the notes…"
        assert screen.query_one("#review-progress").display
        # typed during the read: the second meeting of the next group (the keys wait, so does the pilot)
        typing = typed(pilot, "down", "enter")
        await asyncio.wait_for(typing.sent.wait(), 30)
        assert app.screen is screen and not screen.files_ready.is_set()
        gate.open.set()
        await typing.task
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, MeetingDetailScreen))
        detail = app.screen
        assert isinstance(detail, MeetingDetailScreen)
        assert detail.group.id == DEMO_GROUP_ID and detail.meeting.number == 2
        await pilot.press("q")
        await until(pilot, lambda: app.screen is screen)
        assert screen.title == "Review · Home Room 2024" and table.row_count == 4
        assert not screen.query_one("#review-progress").display
    assert gate.threads and threading.main_thread() not in gate.threads  # never read on the UI thread


async def test_a_search_hit_in_another_group_opens_once_that_group_is_read(two_groups: tuple[Store, str]) -> None:
    store, other_id = two_groups
    app = make_app(store.root, review=other_id)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await review_on(app, pilot, other_id)
        gate = Gate(app.store)
        await pilot.press("f5", *"rantau", "enter")  # a note of the demo group's meetings
        typing = typed(pilot, "enter")
        await gate.wait_started()
        assert app.screen is screen and screen.title == "Review · reading the notes…"
        gate.open.set()
        await typing.task
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, MeetingDetailScreen))
        detail = app.screen
        assert isinstance(detail, MeetingDetailScreen) and detail.group.id == DEMO_GROUP_ID
        assert "rantau" in str(detail.query_one("#detail-text").render()).lower()


async def test_two_quick_switches_show_the_last_group_asked_for(two_groups: tuple[Store, str]) -> None:
    store, other_id = two_groups
    app = make_app(store.root, review=other_id)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await review_on(app, pilot, other_id)
        gate = Gate(app.store)
        await pilot.press("g")
        await gate.wait_started()
        typing = typed(pilot, "g")  # waits for the first switch, then goes back to the group without meetings
        await asyncio.wait_for(typing.sent.wait(), 30)
        gate.open.set()
        await typing.task
        await app.workers.wait_for_complete()
        await until(pilot, lambda: screen.files_ready.is_set() and screen.title == "Review · Kelompok Selasa")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.group is not None and screen.group.id == other_id
        assert screen.query_one("#meetings-table", DataTable).row_count == 0


async def test_coming_back_home_reads_the_folder_in_a_worker(two_groups: tuple[Store, str]) -> None:
    store, other_id = two_groups
    app = make_app(store.root, review=other_id)
    async with app.run_test(size=(110, 40)) as pilot:
        await review_on(app, pilot, other_id)
        threads: list[threading.Thread] = []
        original = app.store.load_all

        def load_all(*args: Any, **kwargs: Any) -> Any:
            threads.append(threading.current_thread())
            return original(*args, **kwargs)

        app.store.load_all = load_all  # type: ignore[method-assign]
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, home.ready.is_set)
        assert home.loaded is not None and len(home.loaded.groups) == 2
        assert threads and threading.main_thread() not in threads
