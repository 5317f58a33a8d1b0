"""The review over the index on disk: the group shown first, the rest indexed in the background; search
ranked best first with the words found highlighted, phrases, prefixes and accents; hostile text as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest
from textual.widgets import OptionList, Static

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import set_language
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.screens.review.search import SearchTab
from homeroom_tui.store import Store
from homeroom_tui.store.index import index_path


@pytest.fixture
def noted(tmp_path: Path) -> Store:
    store = write_demo(tmp_path / "demo")
    group = store.load_group(DEMO_GROUP_ID)
    notes = {
        1: "Dia tidak percaya diri. Tidak percaya diri lagi; tidak percaya diri [b]sama sekali[/b].",
        2: "Percaya diri tumbuh; dia tidak mau ikut. \x1b]2;secret\x07",
        3: "Ngopi di Café Bintang; [@click=app.quit] pemalu, malunya hilang.",
    }
    for number, note in notes.items():
        meeting = store.load_meeting(group, number)
        meeting.private_notes = note
        store.save_meeting(meeting)
    return store


async def open_search(app: HomeroomApp, pilot: Any) -> ReviewScreen:
    await pilot.pause()
    await pilot.press("v")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen) and not screen.indexing
    await pilot.press("f5")
    return screen


def lines(screen: ReviewScreen) -> list[str]:
    results = screen.query_one("#search-results", OptionList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


@pytest.mark.parametrize(("language", "size"), [("en", (120, 40)), ("id", (80, 24))])
async def test_search_ranks_highlights_and_opens_the_best_hit(
    noted: Store, language: Literal["en", "id"], size: tuple[int, int]
) -> None:
    set_language(language)
    app = make_app(noted.root)
    async with app.run_test(size=size) as pilot:
        screen = await open_search(app, pilot)
        assert index_path(noted.root).exists()  # the index the review built, in the cache folder
        assert not (noted.root / ".index").exists()
        await pilot.press(*'"tidak percaya diri"')
        await pilot.pause()
        tab = screen.query_one(SearchTab)
        assert [(h.meeting_number, h.where) for h in tab.hits] == [(1, "private_notes")]
        first = lines(screen)[0]
        assert "[b]sama" in first or "tidak percaya diri" in first.lower()
        prompt = screen.query_one("#search-results", OptionList).get_option_at_index(0).prompt
        marked = [first[s.start : s.end].lower() for s in prompt.spans if "reverse" in str(s.style)]  # type: ignore[union-attr]
        assert "tidak percaya diri" in marked
        count = str(screen.query_one("#search-count", Static).render())
        assert "1" in count
        # every word, any order: meeting 1 holds them three times, meeting 2 once
        for _ in range(len('"tidak percaya diri"')):
            await pilot.press("backspace")
        await pilot.press(*"diri percaya ")
        await pilot.pause()
        private = [h.meeting_number for h in tab.hits if h.where == "private_notes"]
        assert private[:2] == [1, 2]
        assert all("\x1b" not in line for line in lines(screen))  # the escape code shown as text
        for _ in range(len("diri percaya ")):
            await pilot.press("backspace")
        await pilot.press(*"cafe")  # accents do not count; the last word is a prefix while typing
        await pilot.pause()
        assert [h.meeting_number for h in tab.hits] == [3]
        assert "Café" in lines(screen)[0] and "[@click=app.quit]" in lines(screen)[0]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen) and app.screen.meeting.number == 3
