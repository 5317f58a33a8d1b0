"""The clock that scales: its digits grow with the window, in the runner (up to a third of the
height, the panels stay usable) and in the mirror (as large as fits)."""

from __future__ import annotations

import pytest

from homeroom_tui.app import make_app
from homeroom_tui.model import Group
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.mirror import MirrorApp, MirrorScreen, make_mirror_app
from homeroom_tui.store import Store
from homeroom_tui.store.lock import MeetingLock
from homeroom_tui.widgets.bigclock import BigClock, best_scale, block_lines, block_size
from tests.conftest import OpenSession
from tests.tui.helpers import wait_for, wait_for_screen

SIZES = [(80, 24), (120, 40), (200, 60)]


def showing(mirror: MirrorApp) -> bool:
    return isinstance(mirror.screen, MirrorScreen) and mirror.screen.shown is not None


def test_the_block_font_scales_by_whole_numbers() -> None:
    assert block_lines("1:0", 1) == [
        "  ██        ██████",
        "████    ██  ██  ██",
        "  ██        ██  ██",
        "  ██    ██  ██  ██",
        "██████      ██████",
    ]
    twice = block_lines("1:0", 2)
    assert len(twice) == 10 and twice[0] == twice[1] and len(twice[0]) == 2 * len(block_lines("1:0", 1)[0])
    assert block_size("+00:00", 1) == (42, 5) and block_size("00:00", 0) == (15, 3)  # 0: Textual's Digits
    assert best_scale("+00:00", 41, 100) == 0 and best_scale("+00:00", 42, 5) == 1
    assert best_scale("+00:00", 200, 12) == 2 and best_scale("+00:00", 1000, 1000) == 12


async def test_the_runners_clock_grows_to_a_third_of_the_height_and_the_panels_stay(
    store: Store, sample_group: Group, clock: FakeClock
) -> None:
    heights = []
    for width, height in SIZES:
        app = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, None))
        async with app.run_test(size=(width, height)) as pilot:
            screen = await wait_for_screen(pilot, MeetingScreen)
            await pilot.pause()
            digits = screen.query_one("#countdown", BigClock)
            panels = screen.query_one("#panels")
            rows = digits.region.height
            heights.append(rows)
            assert rows <= height // 3, f"the clock takes more than a third of {width}x{height}"
            assert panels.region.height >= height // 2, f"the panels are squeezed at {width}x{height}"
            assert screen.query_one("#stepper").region.width > 30  # the stepper keeps its place beside it
            text = "\n".join(strip.text for strip in screen._compositor.render_strips())
            assert "F2" in text and "F7" in text and "Ani" in text  # the panels' tabs and the attendance list
            assert digits.value == "10:00"
    assert heights[0] == 3 and heights[0] < heights[1] < heights[2], heights


async def test_the_mirrors_clock_is_as_large_as_fits(
    store: Store, sample_group: Group, clock: FakeClock, open_session: OpenSession
) -> None:
    session = open_session(sample_group, clock=clock)
    session.start()
    session.save()
    lock = MeetingLock(store.meeting_path(sample_group.id, 1))
    lock.acquire()
    heights = []
    try:
        for width, height in SIZES:
            mirror = make_mirror_app(store.root, clock=clock)
            async with mirror.run_test(size=(width, height)) as pilot:
                await wait_for(pilot, lambda: showing(mirror), "the mirror to show the meeting")  # noqa: B023
                await pilot.pause()
                digits = mirror.screen.query_one("#mirror-clock", BigClock)
                box = mirror.screen.query_one("#mirror-clock-box")
                heights.append(digits.region.height)
                room = box.content_size
                assert best_scale(digits.widest, room.width, room.height - 1) == digits.scale  # nothing larger fits
                assert block_size(digits.widest, digits.scale).width > width // 2, f"a small clock at {width}x{height}"
    finally:
        lock.release()
    assert heights[0] < heights[1] < heights[2], heights


@pytest.mark.parametrize("value", ["00:00", "+12:34", "1:02:05"])
def test_every_clock_text_has_glyphs(value: str) -> None:
    lines = block_lines(value, 1)
    assert len(lines) == 5 and all(len(line) == len(lines[0]) for line in lines)
    assert all(set(line) <= {" ", "█"} for line in lines)


async def test_the_runners_clock_follows_a_resized_window(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, None))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        digits = screen.query_one("#countdown", BigClock)
        await wait_for(pilot, lambda: digits.region.height == 3, "three-row digits at 80x24")
        await pilot.resize_terminal(200, 60)
        await wait_for(pilot, lambda: digits.region.height == 10, "ten-row digits at 200x60")
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: digits.region.height == 3, "three-row digits again")


async def test_the_mirrors_clock_follows_a_resized_window(
    store: Store, sample_group: Group, clock: FakeClock, open_session: OpenSession
) -> None:
    session = open_session(sample_group, clock=clock)
    session.start()
    session.save()
    lock = MeetingLock(store.meeting_path(sample_group.id, 1))
    lock.acquire()
    try:
        mirror = make_mirror_app(store.root, clock=clock)
        async with mirror.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: showing(mirror), "the mirror to show the meeting")
            digits = mirror.screen.query_one("#mirror-clock", BigClock)
            await wait_for(pilot, lambda: digits.scale == 1, "scale 1 at 80x24")
            await pilot.resize_terminal(200, 60)
            await wait_for(pilot, lambda: digits.scale == 4, "scale 4 at 200x60")
    finally:
        lock.release()
