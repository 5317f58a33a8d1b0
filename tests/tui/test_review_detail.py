"""Pilot tests: review shows everything recorded (issue 13, item 2).

One meeting in full: the fidelity verdict, checklist counts per stage, the ice-breaker's rating and
note, appreciation (★), arrival times and reasons; the member timeline: appreciation per meeting,
arrival and reasons. Text from people stays text (markup in a reason is shown as typed), and the
review writes nothing.
"""

from pathlib import Path

import pytest
from textual.widgets import Static

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.store import Store


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return write_demo(tmp_path / "demo")


def shown(app: HomeroomApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def files(store: Store) -> dict[str, bytes]:
    folder = store.group_dir(DEMO_GROUP_ID)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".toml"}


async def open_meeting(app: HomeroomApp, pilot: object, row: int) -> str:
    """Review (v), the meetings table's row ``row`` (0-based), Enter: the detail's text."""
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("v")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press(*(["down"] * row), "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, MeetingDetailScreen)
    return shown(app, "#detail-text")


async def test_meeting_in_full_shows_fidelity_arrivals_reasons_and_the_icebreaker_note(demo: Store) -> None:
    before = files(demo)
    app = make_app(demo.root)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_meeting(app, pilot, 1)
        assert "Fidelity: not as prescribed: Opening: checklist 6/7" in text
        assert "Opening 12:10 / 10 min · checklist 6/7" in text
        assert "Activity 38:20 / 40 min · checklist 6/6" in text
        assert "Ice-breaker: Name Recall Round ★★★" in text
        assert "how it went: " in text
        lines = text.splitlines()
        bima = next(line for line in lines if line.startswith("  K2  Bima Pratama"))
        assert "late arrived 15:08 · reason: Ada kuliah pengganti." in bima
        gita = next(line for line in lines if line.startswith("  K7  Gita Anggraini"))
        assert "excused · reason: Izin ujian susulan." in gita
        await pilot.press("escape", "down", "enter")  # meeting 3: every resolution appreciated
        await pilot.pause()
        text = shown(app, "#detail-text")
        assert "K4 Dimas Saputra: Saya tidak akan lagi menyembunyikan logat saya" in text
        assert text.count("★ appreciated") == 9  # the activity's round, where the agenda asks for it
        assert "Appreciated (★)  K1 K2 K3 K4 K5 K6 K7 K8 K9" in text
    assert files(demo) == before  # review reads, never writes


async def test_member_timeline_shows_appreciation_arrival_and_reasons(demo: Store) -> None:
    app = make_app(demo.root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f3", "down", "down", "down")  # K4 Dimas, late to meeting 1
        await pilot.pause()
        text = shown(app, "#member-text")
        assert text.startswith("K4 Dimas Saputra")
        row = next(line for line in text.splitlines() if line.startswith("Appreciated (★)"))
        assert row.split()[2:] == ["·", "·", "★", "★"]
        assert "Meeting 1: late arrived 15:10 · reason: Kuliah sebelumnya selesai terlambat." in text
        assert "Meeting 3  ★ appreciated" in text


async def test_reasons_and_notes_with_markup_are_shown_as_typed(demo: Store) -> None:
    group = demo.load_group(DEMO_GROUP_ID)
    meeting = demo.load_meeting(group, 2)
    hostile = "[b]not bold[/b] [@click=app.quit]x[/] \x1b[31m"
    meeting.attendance["K7"] = meeting.attendance["K7"].model_copy(update={"note": hostile})
    assert meeting.icebreaker is not None
    meeting.icebreaker = meeting.icebreaker.model_copy(update={"note": "[red]as typed[/red]"})
    demo.save_meeting(meeting)
    before = files(demo)
    app = make_app(demo.root)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_meeting(app, pilot, 1)
        assert "reason: [b]not bold[/b] [@click=app.quit]x[/] \\x1b[31m" in text
        assert "how it went: [red]as typed[/red]" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # the [@click] did not quit the app
    assert files(demo) == before


async def test_meeting_in_full_in_indonesian(demo: Store) -> None:
    app = make_app(demo.root, lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_meeting(app, pilot, 1)
        assert "Kesesuaian: tidak sesuai teknik: Tahap awal (pembentukan): daftar periksa 6/7" in text
        assert "terlambat tiba 15:08 · alasan: Ada kuliah pengganti." in text
