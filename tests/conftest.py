"""Shared fixtures. The whole suite runs with network connections blocked: homeroom is offline."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from homeroom_tui.i18n import set_language
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.agenda import Agenda, load_agenda
from homeroom_tui.program.meetings import open_meeting
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store

# Generated inputs take as long as the machine lets them: no timing decides a test's outcome.
settings.register_profile("homeroom", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("homeroom")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


OpenSession = Callable[..., MeetingSession]
"""``open_session(group, number=None, clock=None, agenda=None)``: see the fixture."""


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _guard(sock: socket.socket, address: Any) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        raise NetworkBlocked(f"homeroom must stay offline (tried {address!r})")


def _connect(self: socket.socket, address: Any) -> None:
    _guard(self, address)
    _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _guard(self, address)
    return _real_connect_ex(self, address)


socket.socket.connect = _connect  # type: ignore[method-assign,assignment]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign,assignment]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts in English with no data folder or language taken from the environment."""
    for var in ("HOMEROOM_DATA_DIR", "HOMEROOM_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def recovery_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery copies of unsaved meetings go to a folder of the test, never the user's own."""
    folder = tmp_path / "recovery"
    monkeypatch.setenv("HOMEROOM_RECOVERY_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The index of each data folder goes to a cache folder of the test, never the user's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Store:
    """A store on an empty data folder."""
    return Store(data_dir)


@pytest.fixture
def sample_group(store: Store) -> Any:
    """A saved group of three members, first meeting 2024-01-15."""
    return store.create_group(
        "Home Room A",
        ["Ani", "Budi", "Citra"],
        counselor="Bu Sari",
        first_meeting=dt.date(2024, 1, 15),
        today=dt.date(2024, 1, 8),
    )


@pytest.fixture
def held(store: Store) -> Callable[..., Meeting]:
    """Write a meeting that was held: ``held(group, 1, observations={...})`` saves meeting 1, completed,
    with the fields given, and returns it."""

    def write(group: Group, number: int, **fields: Any) -> Meeting:
        meeting = Meeting.new(group, number)
        meeting.status = "completed"
        for name, value in fields.items():
            setattr(meeting, name, value)  # validated on assignment
        store.save_meeting(meeting)
        return meeting

    return write


@pytest.fixture
def open_session(store: Store) -> OpenSession:
    """Open a meeting of a group as the runner does (meeting ``number``, or the next one to hold) in a
    session on a fake clock, with the data folder's agenda unless another is given. Not started."""

    def make(
        group: Group, number: int | None = None, clock: FakeClock | None = None, agenda: Agenda | None = None
    ) -> MeetingSession:
        meeting, meetings = open_meeting(store, group, number)
        return MeetingSession(store, group, meeting, meetings, agenda or load_agenda(store.root), clock or FakeClock())

    return make
