"""What the Pilot tests share: waiting for a change instead of sleeping, the runner's clock ticked by hand.

No test sleeps for a refresh. The runner's display and autosave run on timers that read an
injected clock (``program/timer.py``): a test moves the :class:`FakeClock` and calls the timer's
callback itself (:func:`tick`, :func:`autosave`), or lets the app run until the change it expects
has happened (:func:`wait_for`), failing with a clear message after a generous timeout.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from textual.widgets import Label, OptionList, Static

from homeroom_tui.app import HomeroomApp
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.meeting import MeetingScreen

TZ = dt.timezone(dt.timedelta(hours=7))
"""Western Indonesia Time: the offset of every fake clock in these tests."""

S = TypeVar("S")

TIMEOUT = 20.0
"""Seconds before a wait gives up: far beyond what any change takes, even on a busy machine."""


async def wait_for(pilot: Any, condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Let the app run until ``condition()`` holds; fail saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        await pilot.pause()


async def wait_for_screen(pilot: Any, kind: type[S], what: str = "") -> S:
    """Let the app run until its screen is a ``kind``; return that screen."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), what or f"the {kind.__name__}")
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def wait_to_leave(pilot: Any, kind: type[Any]) -> None:
    """Let the app run until its screen is no longer a ``kind``."""
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, kind), f"leaving the {kind.__name__}")


async def open_runner(pilot: Any, *keys: str) -> MeetingScreen:
    """Press ``keys`` (``m`` by default: the meeting of the highlighted group) and wait for the runner."""
    await pilot.press(*(keys or ("m",)))
    await wait_for(
        pilot,
        lambda: isinstance(pilot.app.screen, MeetingScreen) and pilot.app.screen.is_mounted,
        "the meeting runner, mounted",
    )
    await pilot.pause()
    return runner(pilot.app)


def runner(app: HomeroomApp) -> MeetingScreen:
    """The app's screen, which must be the meeting runner."""
    screen = app.screen
    assert isinstance(screen, MeetingScreen), type(screen)
    return screen


async def tick(pilot: Any, clock: FakeClock, seconds: float = 0) -> None:
    """Let ``seconds`` pass on the injected clock, then refresh the runner as its timer does."""
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, MeetingScreen):
        screen.refresh_clock()
    await pilot.pause()


async def autosave(pilot: Any) -> None:
    """What the runner's autosave timer does each second: save when something changed or a save failed."""
    runner(pilot.app).autosave()
    await pilot.pause()


def text(app: HomeroomApp, selector: str) -> str:
    """The text shown by the label or static ``selector`` on the current screen."""
    widget = app.screen.query_one(selector)
    assert isinstance(widget, (Static, Label))
    return str(widget.render())


def rows(app: HomeroomApp, selector: str) -> list[str]:
    """The rows of the option list ``selector`` on the current screen."""
    widget = app.screen.query_one(selector, OptionList)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
