"""Reading the data folder in a thread worker: stop when nobody waits any more, report sparingly."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.worker import get_current_worker

Progress = Callable[[int, int], None]


class LoadCancelled(Exception):
    """The worker reading the folder was cancelled: its screen closed, or the app is quitting."""


def load_progress(report: Progress | None = None, every: float = 0.1) -> Progress:
    """A ``progress(done, total)`` for ``Store.load_all`` inside a thread worker.

    It raises :class:`LoadCancelled` once the worker is cancelled, so that leaving the screen or
    quitting does not wait for the rest of a large folder, and passes at most one report every
    ``every`` seconds (and the last one) to ``report``: each report waits for the UI thread.
    """
    worker = get_current_worker()
    last: float | None = None  # None: nothing reported yet, so the first report always passes

    def progress(done: int, total: int) -> None:
        nonlocal last
        if worker.is_cancelled:
            raise LoadCancelled
        if report is None:
            return
        now = time.monotonic()
        if last is None or done == total or now - last >= every:
            last = now
            report(done, total)

    return progress
