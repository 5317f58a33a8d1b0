"""Exports started in the app: a second export never replaces the first; files are private."""

from __future__ import annotations

from homeroom_tui.app import make_app
from homeroom_tui.program.demo import DEMO_GROUP_ID
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.review import ReviewScreen
from homeroom_tui.store import Store
from tests.tui.test_review import demo, open_review

__all__ = ["demo"]  # the fixture, used by name below


async def test_a_second_export_the_same_day_gets_a_suffix_and_the_first_is_kept(demo: Store) -> None:
    folder = demo.root / "exports"
    app = make_app(demo.root, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        stem = f"{DEMO_GROUP_ID}-2024-01-15"
        first = (folder / f"{stem}.md").read_bytes()
        (folder / f"{stem}.md").write_bytes(first + b"\nthe counselor's own addition\n")
        await pilot.press("x")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any(f"{stem}-2.md, .csv" in message for message in said)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"{stem}{n}{ext}" for n in ("-2", "-3", "") for ext in (".csv", ".md")]
    assert (folder / f"{stem}.md").read_bytes().endswith(b"the counselor's own addition\n")  # not replaced
    assert (folder / f"{stem}-2.md").read_bytes() == first
    for path in folder.iterdir():
        assert (path.stat().st_mode & 0o777) == 0o600
