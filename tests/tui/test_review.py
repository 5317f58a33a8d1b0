"""Pilot tests of the review screens on the demo program: meetings, one meeting, members, overview, search."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Static, TabbedContent

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.screens.review.search import SearchTab
from homeroom_tui.store import Store


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return write_demo(tmp_path / "demo")


def shown(app: HomeroomApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_review(app: HomeroomApp, pilot: object) -> ReviewScreen:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("v")  # type: ignore[attr-defined]
    await loaded(app, pilot)
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def loaded(app: HomeroomApp, pilot: object) -> None:
    """Wait for the review to finish reading the files in its worker."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_meetings_table_and_one_meeting_in_full(demo: Store) -> None:
    app = make_app(demo.root)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_review(app, pilot)
        table = screen.query_one("#meetings-table", DataTable)
        assert table.row_count == 4
        second = [str(c) for c in table.get_row_at(1)]
        assert second[:4] == ["2", "2024-01-22", "completed", "8/9"]
        assert second[4] == "Name Recall Round" and second[5] == "★★★"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        text = shown(app, "#detail-text")
        for expected in (
            "Meeting 2 · 2024-01-22",
            "Opening",
            "Closing",
            "Attendance",
            "Name recall",
            "Observations",
            "Private notes",
            "excused",
            "Group: 22/56 names (39.3%)",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_member_over_the_program_and_overview(demo: Store) -> None:
    app = make_app(demo.root)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_review(app, pilot)
        await pilot.press("f3")
        members = screen.query_one("#member-list", OptionList)
        assert members.has_focus
        await pilot.press("down")
        text = shown(app, "#member-text")
        assert text.startswith("K2 Bima Pratama")
        assert "Name recall" in text and "Average change of the five indicators" in text
        assert "▁" in text or "▃" in text  # the small charts
        await pilot.press("f4")
        assert screen.query_one("#review-tabs", TabbedContent).active == "tab-overview"
        overview = shown(app, "#overview-text")
        assert "Changed least (to follow up)" in overview
        least = overview.split("Changed least (to follow up)")[1].strip().splitlines()[0]
        assert least.startswith("K6")  # Fajar changes least in the demo
        assert "22/56 (39.3%)" in overview and "53/56 (94.6%)" in overview


async def test_search_highlights_and_opens_the_meeting(demo: Store) -> None:
    app = make_app(demo.root)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_review(app, pilot)
        await pilot.press("f5")
        assert screen.query_one("#search-input", Input).has_focus
        await pilot.press(*"rantau")
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        assert "match" in shown(app, "#search-count")
        first = screen.query_one(SearchTab).hits[0]
        prompt = results.get_option_at_index(0).prompt
        assert "rantau" in str(prompt).lower()
        assert any("reverse" in str(span.style) for span in prompt.spans)  # type: ignore[union-attr]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        assert app.screen.meeting.number == first.meeting_number


async def test_damaged_files_are_listed(demo: Store) -> None:
    broken = demo.meeting_path(DEMO_GROUP_ID, 3)
    broken.write_text(broken.read_text().replace("status = ", "status = 3 #", 1))
    app = make_app(demo.root)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_review(app, pilot)
        assert screen.query_one("#meetings-table", DataTable).row_count == 3
        await pilot.press("f6")
        assert "meeting-03.toml" in shown(app, "#problems-text")


async def test_amend_records_amended_at_and_keeps_timers_still(demo: Store) -> None:
    clock = FakeClock()
    app = make_app(demo.root, clock=clock, bell=False)
    group = demo.load_group(DEMO_GROUP_ID)
    before = demo.load_meeting(group, 1)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "amending" in (app.screen.sub_title or "")
        clock.advance(600)
        await pilot.press("f7", *" Added later.", "escape", "right_square_bracket", "q")
        await pilot.pause()
    after = demo.load_meeting(group, 1)
    assert after.amended_at == clock.now()
    assert after.stages.opening.notes == before.stages.opening.notes + " Added later."
    assert [after.stages[k].actual_seconds for k in ("opening", "activity")] == [
        before.stages[k].actual_seconds for k in ("opening", "activity")
    ]
    assert after.status == "completed" and after.ended_at == before.ended_at


async def test_review_in_indonesian_from_the_command_line(demo: Store) -> None:
    app = make_app(demo.root, lang="id", review=DEMO_GROUP_ID)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await loaded(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one("#meetings-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][:3] == ["No.", "Tanggal", "Status"]
        assert str(table.get_row_at(0)[2]) == "selesai"


async def test_export_from_the_review_screen_uses_aliases(demo: Store) -> None:
    app = make_app(demo.root, clock=FakeClock())
    async with app.run_test(size=(110, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("x")
        await pilot.pause()
    exports = sorted(p.name for p in (demo.root / "exports").iterdir())
    assert exports == [f"{DEMO_GROUP_ID}-2024-01-15.csv", f"{DEMO_GROUP_ID}-2024-01-15.md"]
    for path in (demo.root / "exports").iterdir():
        text = path.read_text().lower()
        assert "aisyah" not in text and "pratama" not in text
        assert (path.stat().st_mode & 0o777) == 0o600
