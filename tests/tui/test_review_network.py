"""Pilot tests: the name-recall network in review (F7, issue 14 item 5), at 80x24, with every member
(review is the counselor's own view) and hostile names shown as typed."""

from pathlib import Path

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.screens.review import ReviewScreen
from homeroom_tui.store import Store
from tests.hostile_data import LONG_NAME, write_hostile
from tests.tui.helpers import text, wait_for, wait_for_screen


def files(store: Store, group_id: str) -> dict[str, bytes]:
    folder = store.group_dir(group_id)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".toml"}


async def open_network(app: HomeroomApp, pilot: object) -> str:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("v")  # type: ignore[attr-defined]
    screen = await wait_for_screen(pilot, ReviewScreen)
    await wait_for(pilot, lambda: screen.group is not None and screen.files_ready.is_set(), "the group's files")
    await pilot.press("f7")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return text(app, "#network-text")


def screen_lines(app: HomeroomApp) -> list[str]:
    """What the terminal shows, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_the_program_then_one_meeting_at_80x24(tmp_path: Path) -> None:
    store = write_demo(tmp_path / "demo")
    before = files(store, DEMO_GROUP_ID)
    app = make_app(store.root)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await open_network(app, pilot)
        lines = shown.splitlines()
        assert lines[0] == "Who named whom · Program"
        assert lines[2].split() == ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "gave"]
        k1 = next(line for line in lines if line.startswith("K1  Aisyah Putri"))
        assert "  -" in k1
        assert "Everyone who was there was named by someone." in shown
        assert all(len(line) <= 80 - 14 - 2 for line in lines[:13]), "the matrix fits beside the views"
        await pilot.press("down")  # meeting 2
        await pilot.pause()
        shown = text(app, "#network-text")
        assert shown.splitlines()[0] == "Who named whom · Meeting 2"
        assert "✔+" in shown and "Names across faculties:" in shown
        assert "K1  Aisyah Putri" in "\n".join(screen_lines(app))  # on the terminal, not only in the widget
    assert files(store, DEMO_GROUP_ID) == before  # review reads, never writes


async def test_hostile_names_stay_text_and_fit(tmp_path: Path) -> None:
    store = write_hostile(tmp_path / "hostile")
    app = make_app(store.root)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await open_network(app, pilot)
        rows = shown.splitlines()
        assert "K3  [@click=app.qui…" in rows[5]  # markup shown as typed, cut to fit
        assert rows[8].startswith("K6  " + LONG_NAME[:15] + "… ")
        assert rows[3].startswith("K1  Dewi [Psikologi]   -   1   1")
        assert "\u202e" not in shown and "\\u202e" in shown  # the bidi override is shown, not obeyed
        assert "Nobody named: K4 skala [a=rendah, b=tinggi, K5 Citra\\, K6 " + LONG_NAME in shown
        assert "[@click=app.quit]" in "\n".join(screen_lines(app))  # on the terminal too
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)  # nothing quit the app meanwhile
