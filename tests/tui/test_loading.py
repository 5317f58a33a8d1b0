"""Reading the folder in a worker: it stops when the worker is cancelled, and reports sparingly."""

import asyncio
import contextlib
import datetime as dt

from textual import work
from textual.app import App
from textual.worker import WorkerCancelled, WorkerState, get_current_worker

from homeroom_tui.screens.workers import LoadCancelled, load_progress
from homeroom_tui.store import Store


def make_groups(store: Store, count: int) -> None:
    for number in range(count):
        store.create_group(f"Group {number:02d}", ["Ani", "Budi"], first_meeting=dt.date(2024, 1, 15))


class Loader(App[None]):
    """Reads ``store`` in a thread worker; ``cancel_at`` cancels the worker from the UI thread."""

    def __init__(self, store: Store, cancel_at: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.cancel_at = cancel_at
        self.reports: list[tuple[int, int]] = []
        self.outcome = ""

    @work(thread=True)
    def load(self) -> None:
        worker = get_current_worker()

        def report(done: int, total: int) -> None:
            self.reports.append((done, total))
            if done == self.cancel_at:
                self.call_from_thread(worker.cancel)

        try:
            loaded = self.store.load_all(progress=load_progress(report, every=0.0))
        except LoadCancelled:
            self.outcome = "cancelled"
            return
        self.outcome = f"{len(loaded.groups)} groups"


async def test_a_cancelled_load_stops_at_the_next_group(store: Store) -> None:
    make_groups(store, 6)
    app = Loader(store, cancel_at=2)
    async with app.run_test():
        worker = app.load()
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()
        for _ in range(500):  # the thread goes on to the next group before it sees the cancel
            if app.outcome:
                break
            await asyncio.sleep(0.01)
        assert worker.state == WorkerState.CANCELLED
    assert app.outcome == "cancelled"
    assert app.reports == [(1, 6), (2, 6)]  # group 3 was read, then the load stopped before reporting it


async def test_a_load_left_alone_reports_the_last_group(store: Store) -> None:
    make_groups(store, 4)
    (store.root / "groups" / "group-01" / "group.toml").write_text("not = [toml", encoding="utf-8")
    app = Loader(store)
    async with app.run_test() as pilot:
        app.load()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.outcome == "3 groups"
    assert app.reports == [(1, 4), (2, 4), (3, 4), (4, 4)]  # a damaged group counts as done too


async def test_reports_are_thinned_but_the_last_one_always_comes(store: Store) -> None:
    make_groups(store, 5)
    app = Loader(store)
    async with app.run_test() as pilot:
        worker = app.run_worker(
            lambda: app.store.load_all(progress=load_progress(lambda d, t: app.reports.append((d, t)), every=3600)),
            thread=True,
        )
        await worker.wait()
        await pilot.pause()
    assert app.reports == [(1, 5), (5, 5)]
