"""Fixtures of the Pilot tests: a fake clock (the runner's timers read it) and a quiet bell."""

from __future__ import annotations

import datetime as dt

import pytest

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from tests.tui.helpers import TZ


@pytest.fixture
def clock() -> FakeClock:
    """Monday 15 January 2024, 15:00 WIB: the first meeting's day and hour."""
    return FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))


@pytest.fixture
def bells(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each ring of the terminal bell, recorded instead of heard."""
    rung: list[int] = []
    monkeypatch.setattr(HomeroomApp, "bell", lambda self: rung.append(1))
    return rung


@pytest.fixture
def app(store: Store, clock: FakeClock) -> HomeroomApp:
    """The app on the test's data folder, its timers on the fake clock, the bell off."""
    return make_app(store.root, clock=clock, bell=False)
