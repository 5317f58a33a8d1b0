"""Pilot tests: ``c`` on one meeting in review marks the member's quote for the study's displays
(issue 14, item 6): saved at once into the file as it is on disk, under the meeting's lock, recorded
as ``amended_at``; nothing else changes; a file from a newer homeroom is left alone."""

from pathlib import Path

import pytest

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.store import Store
from tests.hostile_data import GROUP_ID, write_hostile
from tests.tui.helpers import rows, text, wait_for, wait_for_screen


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return write_demo(tmp_path / "demo")


def notified(app: HomeroomApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_detail(app: HomeroomApp, pilot: object, row: int) -> MeetingDetailScreen:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("v")  # type: ignore[attr-defined]
    review = await wait_for_screen(pilot, ReviewScreen)
    await wait_for(pilot, lambda: review.group is not None and review.files_ready.is_set(), "the group's files")
    await pilot.press(*(["down"] * row), "enter")  # type: ignore[attr-defined]
    return await wait_for_screen(pilot, MeetingDetailScreen)


async def test_c_marks_and_unmarks_the_highlighted_answer_as_the_quote(demo: Store) -> None:
    group = demo.load_group(DEMO_GROUP_ID)
    before = demo.load_meeting(group, 2)
    assert before.answers["K1"].quote is None
    app = make_app(demo.root)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_detail(app, pilot, 1)
        await pilot.press("c")  # first to the answers
        await pilot.pause()
        assert detail.query_one("#detail-quotes").has_focus
        assert "↑ ↓ choose an answer, c marks it as the member's quote" in notified(app)
        assert demo.load_meeting(group, 2) == before  # nothing saved yet
        await pilot.press("down", "c")  # K1's shared problem
        await wait_for(pilot, lambda: demo.load_meeting(group, 2).answers["K1"].quote == "problem", "the quote saved")
        after = demo.load_meeting(group, 2)
        assert after.amended_at is not None
        assert after.model_copy(update={"amended_at": None, "answers": before.answers}) == before
        assert {k: a for k, a in after.answers.items() if k != "K1"} == {
            k: a for k, a in before.answers.items() if k != "K1"
        }
        assert 'quote = "problem"' in demo.meeting_path(DEMO_GROUP_ID, 2).read_text()
        listed = rows(app, "#detail-quotes")
        assert listed[1].startswith("❝ K1  Aisyah Putri · Shared: Saya cerita soal presentasi")
        assert not listed[0].startswith("❝")
        shown = text(app, "#detail-text")
        assert "K1 Aisyah Putri: Saya cerita soal presentasi" in shown and "❝" in shown
        assert "K1: the quote of meeting 2 is now their Shared answer." in notified(app)
        await pilot.press("c")  # again: unmarked
        await wait_for(pilot, lambda: demo.load_meeting(group, 2).answers["K1"].quote is None, "the quote cleared")
        assert "quote =" not in demo.meeting_path(DEMO_GROUP_ID, 2).read_text()
        assert not rows(app, "#detail-quotes")[1].startswith("❝")
        await pilot.press("escape")
        await wait_for_screen(pilot, ReviewScreen)


async def test_a_file_from_a_newer_homeroom_is_never_written(demo: Store) -> None:
    app = make_app(demo.root)
    path = demo.meeting_path(DEMO_GROUP_ID, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, 2)
        newer = path.read_text().replace("schema_version = 2", "schema_version = 3")
        path.write_text(newer)  # meanwhile, a newer homeroom saved it
        await pilot.press("c", "c")
        await wait_for(pilot, lambda: any("was not saved" in n for n in notified(app)), "the refusal")
        assert path.read_text() == newer


async def test_the_answers_to_quote_are_plain_text(tmp_path: Path) -> None:
    store = write_hostile(tmp_path / "hostile")
    app = make_app(store.root)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, 0)
        listed = rows(app, "#detail-quotes")
        assert listed[0].startswith("  K1  Dewi [Psikologi] · Check-in: [b]Saya\\x1b[31m dari Lahat")
        await pilot.press("c", "c")
        group = store.load_group(GROUP_ID)
        await wait_for(pilot, lambda: store.load_meeting(group, 1).answers["K1"].quote == "checkin", "the quote saved")
        assert isinstance(app.screen, MeetingDetailScreen)  # no [@click] ran


async def test_a_meeting_without_answers_says_so(tmp_path: Path) -> None:
    store = write_hostile(tmp_path / "hostile")
    app = make_app(store.root)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_detail(app, pilot, 1)  # meeting 2: planned, nothing said yet
        assert not detail.query_one("#detail-quotes").display
        await pilot.press("c")
        await pilot.pause()
        assert "No answers to quote in this meeting." in notified(app)
