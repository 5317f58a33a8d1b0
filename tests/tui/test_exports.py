"""Exports started in the app: a second export never replaces the first; files are private; one member's record."""

from __future__ import annotations

import re

import pytest

from homeroom_tui.app import make_app
from homeroom_tui.i18n import Lang
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.review import ReviewScreen
from homeroom_tui.screens.review.members import MembersTab
from homeroom_tui.store import Store
from tests.tui.helpers import wait_for
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


@pytest.mark.parametrize(
    ("lang", "written", "another"),
    [("en", "K2's record written", "another member"), ("id", "Catatan K2 ditulis", "anggota lain")],
)
async def test_r_on_the_members_tab_writes_the_highlighted_members_record(
    demo: Store, lang: Lang, written: str, another: str
) -> None:
    folder = demo.root / "exports"
    app = make_app(demo.root, lang=lang, clock=FakeClock())
    async with app.run_test(size=(110, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("r")  # on the meetings tab: no member is highlighted, nothing is written
        await pilot.pause()
        assert not folder.exists() or not any(folder.iterdir())
        await pilot.press("f3", "down", "r")
        await wait_for(pilot, lambda: any(written in str(n.message) for n in app._notifications), "the notice")
        await pilot.press("r")  # a second one never replaces the first
        await wait_for(pilot, lambda: (folder / f"{DEMO_GROUP_ID}-k2-2024-01-15-2.md").exists(), "the second file")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one(MembersTab).highlighted_member() == "K2"  # still there, same member
    path = folder / f"{DEMO_GROUP_ID}-k2-2024-01-15.md"
    text = path.read_text(encoding="utf-8")
    assert (path.stat().st_mode & 0o777) == 0o600
    assert text.startswith("# ") and "Bima Pratama" in text and another in text
    others = {p.casefold() for name, _ in DEMO_MEMBERS if name != "Bima Pratama" for p in name.split()}
    assert not {w.casefold() for w in re.findall(r"\w+", text)} & others
