"""Snapshots of the first screens at 80x24 and 120x40, in English and Indonesian.

Update after an intended change of look with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from homeroom_tui.app import make_app
from homeroom_tui.model import Meeting
from homeroom_tui.store import Store
from tests.tui.helpers import tick

SIZES = [(80, 24), (120, 40)]


async def loaded(pilot: Any) -> None:
    """Wait for the home screen's worker to read the data folder."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


LANGS = ["en", "id"]


@pytest.fixture
def relative_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder shown as 'data' on screen, so snapshots do not depend on tmp paths."""
    monkeypatch.chdir(tmp_path)
    store = Store(Path("data"))
    group = store.create_group(
        "Home Room 2024",
        ["Aisyah", "Bima", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hendra", "Intan"],
        counselor="Bu Sari",
        first_meeting=dt.date(2024, 1, 15),
        today=dt.date(2024, 1, 8),
    )
    first = Meeting.new(group, 1)
    first.status = "completed"
    store.save_meeting(first)
    store.create_group("Kelompok Selasa", ["Rina", "Sofyan", "Tari"], first_meeting=dt.date(2024, 3, 5))
    return Path("data")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare: Any, relative_data: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(relative_data, lang=lang), terminal_size=size, run_before=loaded)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_new_group_form(snap_compare: Any, relative_data: Path, lang: str, size: tuple[int, int]) -> None:
    app = make_app(relative_data, lang=lang)  # type: ignore[arg-type]

    async def run_before(pilot: Any) -> None:
        await loaded(pilot)
        await pilot.press("n", *"Kelompok Rabu")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


STAGES = ["opening", "transition", "activity", "closing"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
def test_meeting_stage(snap_compare: Any, relative_data: Path, lang: str, size: tuple[int, int], stage: str) -> None:
    """Each stage of meeting 2 of the reference group, 3 minutes into the stage."""
    from homeroom_tui.program.timer import FakeClock

    clock = FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    app = make_app(relative_data, lang=lang, clock=clock, meeting=("home-room-2024", 2), bell=False)  # type: ignore[arg-type]

    async def run_before(pilot: Any) -> None:
        await loaded(pilot)
        await pilot.pause()
        for _ in range(STAGES.index(stage)):
            clock.advance(180)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await tick(pilot, clock, 180)  # the runner's refresh, as its timer does it

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_meeting_help(snap_compare: Any, relative_data: Path, lang: str, size: tuple[int, int]) -> None:
    """F1 in the runner: the screen's keys, then each panel's, from the actions tables."""
    from homeroom_tui.program.timer import FakeClock

    clock = FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    app = make_app(relative_data, lang=lang, clock=clock, meeting=("home-room-2024", 2), bell=False)  # type: ignore[arg-type]

    async def run_before(pilot: Any) -> None:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
