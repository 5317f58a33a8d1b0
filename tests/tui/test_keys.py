"""One table of actions per screen: footer, help (F1, ?), command palette and README agree with it.

Driven with keys at 80x24 in Indonesian and at 120x40 in English; each test checks what is on
the screen and, where something is written, the file on disk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.widgets._footer import FooterKey

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import CATALOGS, Lang, set_language, t
from homeroom_tui.model import Group
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.group_form import GroupForm
from homeroom_tui.screens.help import HelpScreen
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.meeting import FinishDialog, MeetingScreen
from homeroom_tui.screens.member_details import MemberDetails, MemberPicker
from homeroom_tui.screens.member_research import InterviewDialog, InterviewList, ScaleDialog, ScoreRow
from homeroom_tui.screens.mirror import MirrorScreen
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.store import Store
from homeroom_tui.widgets.keybar import KeyBar
from homeroom_tui.widgets.keys import Action, help_sections, key_name, keys_text, table_of, table_rows
from tests.tui.helpers import wait_for

README = Path(__file__).parents[2] / "README.md"
RUNS = [pytest.param("id", (80, 24), id="id-80x24"), pytest.param("en", (120, 40), id="en-120x40")]
TABLES: list[type[Any]] = [
    HomeroomApp,
    HomeScreen,
    MeetingScreen,
    ReviewScreen,
    MeetingDetailScreen,
    GroupForm,
    MemberPicker,
    MemberDetails,
    ScaleDialog,
    InterviewDialog,
    IcebreakerPicker,
    FinishDialog,
    HelpScreen,
    MirrorScreen,
]


def lines(app: HomeroomApp) -> list[str]:
    """The terminal's lines as the counselor sees them."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer(app: HomeroomApp) -> str:
    return lines(app)[-1]


async def settle(app: HomeroomApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_screen(app: HomeroomApp, pilot: Pilot[None], where: str) -> Screen[Any]:
    """``home``, ``review``, ``detail`` or ``meeting``, opened with keys."""
    await settle(app, pilot)
    if where in ("review", "detail"):
        await pilot.press("v")
        await settle(app, pilot)
    if where == "detail":
        await pilot.press("enter")
        await settle(app, pilot)
    if where == "meeting":
        await pilot.press("m")
        await settle(app, pilot)
    expected = {"home": HomeScreen, "review": ReviewScreen, "detail": MeetingDetailScreen, "meeting": MeetingScreen}
    assert isinstance(app.screen, expected[where])
    return app.screen


# --- the tables themselves ----------------------------------------------------------------------


@pytest.mark.parametrize("owner", TABLES, ids=lambda c: c.__name__)
def test_every_table_is_translated_and_bound(owner: type[Any]) -> None:
    table = table_of(owner)
    assert table, f"{owner.__name__} has no ACTIONS table"
    for action in table:
        for key in (action.label, action.description):
            if key:
                assert key in CATALOGS["en"] and key in CATALOGS["id"], key
    keys = [key for action in table for key in action.key_list]
    assert len(keys) == len(set(keys)), f"a key is bound twice in {owner.__name__}"
    if owner is not HomeroomApp and owner is not HelpScreen:
        assert any(a.action == "app.help" for a in table), "every screen has help"
        assert any(a.essential and a.action != "app.help" for a in table), "every screen has back or quit"


def test_key_names() -> None:
    assert [key_name(k) for k in ("right_square_bracket", "f1", "question_mark", "ctrl+p", "escape", "left")] == [
        "]",
        "F1",
        "?",
        "Ctrl+P",
        "Esc",
        "←",
    ]
    assert keys_text(["space", "1", "2", "3", "4", "5", "6", "7", "8", "9"]) == "Space 1-9"
    assert keys_text(["1", "2", "0"]) == "1 2 0"


# --- the README's key tables ----------------------------------------------------------------------


def readme_tables() -> dict[str, set[str]]:
    """Each "### Keys ..." heading of the README and the keys in its table's first column."""
    tables: dict[str, set[str]] = {}
    heading = ""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip() if line.startswith("### Keys") else ""
        elif heading and line.startswith("| `"):
            cell = line.split("|")[1]
            keys = set(re.findall(r"`([^`]+)`", cell))
            for first, last in re.findall(r"`([^`]+)`\s*(?:-|…)\s*`([^`]+)`", cell):
                prefix = first.rstrip("0123456789")
                for n in range(int(first[len(prefix) :]), int(last[len(prefix) :]) + 1):
                    keys.add(f"{prefix}{n}")
            tables.setdefault(heading, set()).update(keys)
    return tables


def shown_keys(rows: Any) -> set[str]:
    return {key_name(key) for row in rows for key in row.keys}


@pytest.mark.parametrize(
    ("heading", "screen"),
    [
        ("Keys on the home screen", HomeScreen),
        ("Keys in review", ReviewScreen),
        ("Keys on one meeting in review", MeetingDetailScreen),
        ("Keys in the mirror", MirrorScreen),
        ("Keys on a member's details", (MemberDetails, ScoreRow, InterviewList)),
    ],
)
def test_readme_key_table_matches_the_screen(heading: str, screen: type[Any] | tuple[type[Any], ...]) -> None:
    documented = readme_tables()[heading]
    owners = screen if isinstance(screen, tuple) else (screen,)  # a screen and the widgets with keys of their own
    table = shown_keys(table_rows([action for owner in owners for action in owner.ACTIONS]))
    everywhere = shown_keys(table_rows(HomeroomApp.ACTIONS))
    assert table - documented == set(), f"keys missing from README's {heading!r}"
    assert documented - table - everywhere == set(), f"README's {heading!r} lists keys the screen does not have"


async def test_readme_meeting_keys_match_the_runner_and_its_panels(store: Store, sample_group: Group) -> None:
    documented = readme_tables()["Keys in a meeting"]
    app = make_app(store.root, clock=FakeClock(), bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(app, pilot, "meeting")
        sections = help_sections(screen)
    everywhere = shown_keys(sections[-1].rows)
    keys = shown_keys(row for section in sections[:-1] for row in section.rows)
    assert len(sections) > 2, "the help lists the panels' keys too"
    assert keys - documented == set(), "keys missing from README's 'Keys in a meeting'"
    assert documented - keys - everywhere == set(), "README's 'Keys in a meeting' lists keys the runner does not have"


# --- help: F1 and ? on every screen, in the language -------------------------------------------


def expected_rows(table: Sequence[Action]) -> list[str]:
    return [row.description for row in table_rows(table)]


@pytest.mark.parametrize(("lang", "size"), RUNS)
@pytest.mark.parametrize("where", ["home", "review", "detail", "meeting"])
async def test_f1_and_question_mark_open_the_screens_help(
    tmp_path: Path, clock: FakeClock, where: str, lang: Lang, size: tuple[int, int]
) -> None:
    demo = write_demo(tmp_path / "demo")
    store = Store(tmp_path / "data")
    store.create_group("Kelompok Rabu", ["Ani", "Budi", "Citra"], first_meeting=dt.date(2024, 1, 15))
    app = make_app(demo.root if where in ("review", "detail") else store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(app, pilot, where)
        table = table_of(screen)
        assert table is not None
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), key
            text = "\n".join(lines(app))
            assert t("help.title") in text
            first = expected_rows(table)[0]
            assert first[:30] in text  # the screen's first key, in the language, at the top
            listed = [row.description for section in app.screen.sections for row in section.rows]
            for description in expected_rows(table):
                assert description in listed
            if where == "meeting":  # and, in the runner, each panel's keys after the screen's
                titles = [section.title for section in app.screen.sections]
                assert t("panel.checklist") in titles and t("panel.observations") in titles
                await pilot.press("end")
                await pilot.pause()
                assert t("help.section.app") in "\n".join(lines(app))  # scrolled to the end
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen


# --- the command palette ------------------------------------------------------------------------


async def palette_titles(app: HomeroomApp, pilot: Pilot[None]) -> list[str]:
    """Open the palette and list the names it offers (with an empty search: every command)."""
    await pilot.press("ctrl+p")
    await wait_for(
        pilot,
        lambda: app.screen.query(CommandList) and app.screen.query(CommandList).first().option_count,
        "the palette's commands",
    )
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def run_command(app: HomeroomApp, pilot: Pilot[None], name: str) -> None:
    """Search the palette for ``name`` and run the first command found (checked to be that one)."""
    await pilot.press(*name)

    def first_found() -> str:
        found = app.screen.query(CommandList)
        return str(found.first().get_option_at_index(0).prompt) if found and found.first().option_count else ""

    await wait_for(pilot, lambda: first_found().startswith(name), f"the palette to offer {name!r} first")
    await pilot.press("enter")
    await pilot.pause()


TEXTUAL_ENGLISH = {"Screenshot", "Keys", "Theme", "Quit", "Maximize", "Minimize"}


def check_palette(titles: list[str], table: tuple[Action, ...], lang: Lang) -> None:
    for action in table:
        if action.palette:
            assert t(action.label) in titles
    assert "Screenshot" not in titles and "Keys" not in titles
    assert t("key.theme") in titles
    if lang == "id":
        assert TEXTUAL_ENGLISH.isdisjoint(titles), titles


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_palette_on_home_lists_its_actions_translated_and_runs_them(
    store: Store, sample_group: Group, lang: Lang, size: tuple[int, int]
) -> None:
    app = make_app(store.root, lang=lang)
    async with app.run_test(size=size) as pilot:
        await open_screen(app, pilot, "home")
        check_palette(await palette_titles(app, pilot), HomeScreen.ACTIONS, lang)
        await run_command(app, pilot, t("key.new_group"))
        assert isinstance(app.screen, GroupForm)
        await pilot.press(*"Kelompok Kamis", "tab", "tab", *"Rina", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
    assert Store(store.root).load_group("kelompok-kamis").members[0].name == "Rina"


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_palette_in_review_lists_its_actions_translated_and_exports(
    tmp_path: Path, lang: Lang, size: tuple[int, int]
) -> None:
    demo = write_demo(tmp_path / "demo")
    app = make_app(demo.root, lang=lang, clock=FakeClock(dt.datetime(2024, 2, 6, 9, 0, tzinfo=dt.UTC)))
    async with app.run_test(size=size) as pilot:
        await open_screen(app, pilot, "review")
        check_palette(await palette_titles(app, pilot), ReviewScreen.ACTIONS, lang)
        await run_command(app, pilot, t("key.export"))
        assert isinstance(app.screen, ReviewScreen)
    report = demo.root / "exports" / f"{DEMO_GROUP_ID}-2024-02-06.md"
    assert report.exists() and "K1" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_palette_in_the_runner_lists_its_actions_translated_and_runs_them(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(app, pilot, "meeting")
        assert isinstance(screen, MeetingScreen)
        check_palette(await palette_titles(app, pilot), MeetingScreen.ACTIONS, lang)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await run_command(app, pilot, t("key.next_stage"))
        assert screen.session.stage == "transition"
        await pilot.press("ctrl+p")
        await run_command(app, pilot, t("key.back"))
        assert isinstance(app.screen, HomeScreen)
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.current_stage == "transition" and meeting.stages.transition.started_at is not None


# --- ? is text in a text field ------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_question_mark_in_the_group_form_is_text(data_dir: Path, lang: Lang, size: tuple[int, int]) -> None:
    app = make_app(data_dir, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("n", *"Siapa? Kita!", "enter", "tab")
        await pilot.press(*"Ani?", "ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert isinstance(app.screen, HomeScreen)
    group = Store(data_dir).load_group("siapa-kita")
    assert group.name == "Siapa? Kita!" and group.members[0].name == "Ani?"


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_question_mark_in_the_notes_is_text(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(app, pilot, "meeting")
        await pilot.press("f7", *"Siap? Ya?")
        assert isinstance(app.screen, MeetingScreen)
        assert screen.query_one("#stage-notes", TextArea).text == "Siap? Ya?"
        await pilot.pause()
        typing = footer(app)  # q is text here: the footer shows Esc as the way out, and no single-key command
        assert f"esc {t('key.leave_field')}" in typing and f"F1 {t('key.help')}" in typing
        assert t("key.next_stage") not in typing and f"q {t('key.back')}" not in typing
        await pilot.press("escape", "question_mark")  # out of the field, ? is help again
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
        await pilot.pause()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "Siap? Ya?"


async def test_question_mark_in_review_search_is_text(tmp_path: Path) -> None:
    demo = write_demo(tmp_path / "demo")
    app = make_app(demo.root, lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(app, pilot, "review")
        await pilot.press("slash", *"apa?")
        assert app.screen is screen
        assert screen.query_one("#search-input", Input).value == "apa?"


# --- the footer keeps back or quit and help at every width --------------------------------------


@pytest.mark.parametrize(("lang", "size"), RUNS)
@pytest.mark.parametrize(
    ("where", "back"),
    [("home", "key.quit"), ("review", "key.back"), ("detail", "key.back"), ("meeting", "key.back")],
)
async def test_footer_keeps_back_or_quit_and_help(
    tmp_path: Path, clock: FakeClock, where: str, back: str, lang: Lang, size: tuple[int, int]
) -> None:
    demo = write_demo(tmp_path / "demo")
    store = Store(tmp_path / "data")
    store.create_group("Kelompok Rabu", ["Ani", "Budi", "Citra"], first_meeting=dt.date(2024, 1, 15))
    app = make_app(demo.root if where in ("review", "detail") else store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        await open_screen(app, pilot, where)
        shown = footer(app)
        assert f"F1 {t('key.help')}" in shown
        assert f"q {t(back)}" in shown
        assert f"^p {t('key.palette')}" in shown
        if where == "meeting":
            assert t("key.quit") not in shown  # q goes back, and says so
        bar = app.screen.query_one(KeyBar)
        for key in bar.query(FooterKey):
            if key.display:  # a key is shown whole or not at all
                assert key.render().plain.strip() in shown
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert f"F1 {t('key.help')}" in footer(app)


def test_the_runner_says_back_not_quit() -> None:
    set_language("id")
    q = next(a for a in MeetingScreen.ACTIONS if a.keys == "q")
    assert (t(q.label), q.essential) == ("Kembali", True)


async def test_theme_from_the_palette_speaks_the_language(data_dir: Path) -> None:
    from textual.command import CommandInput

    app = make_app(data_dir, lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await run_command(app, pilot, "Tema")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Cari tema…"


async def test_no_screenshot_of_names_and_notes(
    store: Store, sample_group: Group, tmp_path: Path, clock: FakeClock
) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "meeting")
        assert "Screenshot" not in await palette_titles(app, pilot)
        await pilot.press("escape")
        await app.run_action(f"app.screenshot('shot.svg', '{tmp_path}')")  # even asked for by name
        await pilot.pause(0.2)  # not a refresh: the time a screenshot would take to be written, were it taken
    assert not (tmp_path / "shot.svg").exists()
