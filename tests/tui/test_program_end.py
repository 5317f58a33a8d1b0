"""Pilot tests: adding a meeting past the program, cancelling one opened by mistake, the date held,
and the Indonesian wording. Indonesian at 80x24, English at 120x40; screen and files checked."""

import datetime as dt
import re
from typing import Any

import pytest
from textual.widgets import DataTable, Footer, Label, Static, Tab, TabbedContent
from textual.widgets._footer import FooterKey

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import Lang
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.dialogs import ConfirmDialog, DateDialog
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.review import MeetingDetailScreen
from homeroom_tui.store import Store
from homeroom_tui.store.lock import lock_path

TZ = dt.timezone(dt.timedelta(hours=7))
SIZES: dict[Lang, tuple[int, int]] = {"id": (80, 24), "en": (120, 40)}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2024, 2, 12, 15, 0, tzinfo=TZ))


def complete_group(store: Store, planned: int = 2) -> Group:
    """A group whose program (``planned`` weekly meetings from 15 Jan 2024) is all done."""
    group = store.create_group(
        "Selesai", ["Ani", "Budi", "Citra"], meetings_planned=planned, first_meeting=dt.date(2024, 1, 15)
    )
    for number in range(1, planned + 1):
        meeting = Meeting.new(group, number)
        meeting.status = "completed"
        store.save_meeting(meeting)
    return group


async def ready(app: HomeroomApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def question(app: HomeroomApp) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    return str(app.screen.query_one("#confirm-question", Label).render())


def progress_cell(app: HomeroomApp) -> str:
    table = app.screen.query_one("#groups", DataTable)
    return str(table.get_row_at(0)[2])


def messages(app: HomeroomApp) -> str:
    return "\n".join(n.message for n in app._notifications)


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_a_complete_program_asks_before_adding_a_meeting(store: Store, clock: FakeClock, lang: Lang) -> None:
    group = complete_group(store)
    group_file = store.group_path(group.id)
    before = group_file.read_bytes()
    third = store.meeting_path(group.id, 3)
    app = make_app(store.root, clock=clock, lang=lang)
    async with app.run_test(size=SIZES[lang]) as pilot:
        await ready(app, pilot)
        assert progress_cell(app).startswith("2/2")

        await pilot.press("m")
        await pilot.pause()
        expected = {
            "id": "Program ini punya 2 pertemuan, semuanya selesai. Tambah pertemuan 3?",
            "en": "The program has 2 meetings, all done. Add meeting 3?",
        }[lang]
        assert question(app) == expected
        await pilot.press("escape")
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert group_file.read_bytes() == before and not third.exists()  # Esc changes and writes nothing

        await pilot.press("enter")  # Enter on the group asks too
        await pilot.pause()
        assert question(app) == expected
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert store.load_group(group.id).meetings_planned == 3
        assert store.load_meeting(group, 3).status == "in_progress"
        await pilot.press("q")
        await ready(app, pilot)
        assert progress_cell(app).startswith("2/3")  # never 2/2 with a third meeting running


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_cancel_a_meeting_opened_by_mistake(store: Store, clock: FakeClock, lang: Lang) -> None:
    group = complete_group(store)
    third = store.meeting_path(group.id, 3)
    app = make_app(store.root, clock=clock, lang=lang)
    async with app.run_test(size=SIZES[lang]) as pilot:
        await ready(app, pilot)
        await pilot.press("m", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and third.exists() and lock_path(third).exists()
        assert (app.screen.sub_title or "").endswith("2024-02-12")  # the day held, not the planned 29 January
        held = store.load_meeting(store.load_group(group.id), 3)
        assert held.date == dt.date(2024, 2, 12) and held.planned_date == dt.date(2024, 1, 29)
        clock.advance(90)  # the clock ran: that is not something entered
        await pilot.press("p")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: the meeting stays
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and third.exists()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert question(app).startswith({"id": "Batalkan pertemuan 3?", "en": "Cancel meeting 3?"}[lang])
        await pilot.press("enter")
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not third.exists() and not lock_path(third).exists()  # the lock is released
        assert store.load_group(group.id).meetings_planned == 2  # the meeting added by mistake goes too
        assert progress_cell(app).startswith("2/2")
        assert {"id": "Pertemuan 3 dibatalkan", "en": "Meeting 3 cancelled"}[lang] in messages(app)


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_a_meeting_with_something_entered_cannot_be_cancelled(
    store: Store, sample_group: Group, lang: Lang
) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    path = store.meeting_path(sample_group.id, 1)
    app = make_app(store.root, clock=clock, lang=lang)
    async with app.run_test(size=SIZES[lang]) as pilot:
        await ready(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f4", "a")  # attendance: everyone present
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)  # no dialog: refused with the reason
        reason = {
            "id": "Pertemuan 1 sudah menjadi pertemuan sungguhan (kehadiran sudah diisi)",
            "en": "Meeting 1 is a real meeting now (attendance entered)",
        }[lang]
        assert reason in messages(app)
        assert isinstance(app.screen, MeetingScreen)
        app.screen.flush()
        assert store.load_meeting(sample_group, 1).attendance["K1"].status == "present"
    assert path.exists()


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_homeroom_meeting_on_a_complete_program_asks_in_the_app(
    store: Store, clock: FakeClock, lang: Lang
) -> None:
    group = complete_group(store)
    app = make_app(store.root, clock=clock, lang=lang, meeting=(group.id, None))
    async with app.run_test(size=SIZES[lang]) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "3" in question(app)
        await pilot.press("escape")
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)  # a working home screen, the groups read
        assert progress_cell(app).startswith("2/2")
    assert not store.meeting_path(group.id, 3).exists()
    assert store.load_group(group.id).meetings_planned == 2


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_review_corrects_the_date_held(tmp_path: Any, lang: Lang) -> None:
    demo = write_demo(tmp_path / "demo")
    path = demo.meeting_path(DEMO_GROUP_ID, 2)
    clock = FakeClock(dt.datetime(2024, 3, 1, 9, 0, tzinfo=TZ))
    app = make_app(demo.root, clock=clock, lang=lang)
    async with app.run_test(size=SIZES[lang]) as pilot:
        await ready(app, pilot)
        await pilot.press("v")
        await ready(app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DateDialog)
        await pilot.press("ctrl+u", *"2024-01-32", "enter")  # not a date: said, nothing saved
        await pilot.pause()
        error = str(app.screen.query_one("#date-error", Static).render())
        assert error.startswith({"id": "Bukan tanggal", "en": "Not a date"}[lang])
        before = path.read_bytes()
        await pilot.press("ctrl+u", *"2024-01-23", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        detail = str(app.screen.query_one("#detail-text", Static).render())
        title = {"id": "Pertemuan 2 · 2024-01-23", "en": "Meeting 2 · 2024-01-23"}[lang]
        assert title in detail
        assert {"id": "rencana 2024-01-22", "en": "planned 2024-01-22"}[lang] in detail
        assert path.read_bytes() != before
        saved = demo.load_meeting(demo.load_group(DEMO_GROUP_ID), 2)
        assert saved.date == dt.date(2024, 1, 23) and saved.planned_date == dt.date(2024, 1, 22)
        assert saved.amended_at == clock.now() and saved.status == "completed"
        assert "date = 2024-01-23" in path.read_text() and "planned_date = 2024-01-22" in path.read_text()

        await pilot.press("d", "escape")  # Esc changes nothing
        await pilot.pause()
        assert demo.load_meeting(demo.load_group(DEMO_GROUP_ID), 2).date == dt.date(2024, 1, 23)
        await pilot.press("escape")
        await ready(app, pilot)
        table = app.screen.query_one("#meetings-table", DataTable)
        assert str(table.get_row_at(1)[1]) == "2024-01-23"  # the review read the files again


async def test_indonesian_catalog_wording() -> None:
    from homeroom_tui.i18n.id import MESSAGES

    assert not [key for key, text in MESSAGES.items() if "galat" in text.lower()]
    assert MESSAGES["key.suspend"] == "Simpan lalu keluar sementara ke terminal"
    assert MESSAGES["energy.low"] == "energi: rendah"
    assert MESSAGES["review.hit_member"].format(member="K2", where="jawaban") == "jawaban K2"


async def test_runner_wording_in_indonesian_at_80x24(store: Store, sample_group: Group) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    app = make_app(store.root, clock=clock, lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        tabs = app.screen.query_one("#panels", TabbedContent)
        labels = [str(tab.label) for tab in tabs.query(Tab)]
        assert labels[:6] == ["F2 Daftar", "F3 Putaran", "F4 Kehadiran", "F5 Ingat nama", "F6 Pengamatan", "F7 Catatan"]
        footer = app.screen.query_one(Footer)
        assert "perintah" in [str(key.description) for key in footer.query(FooterKey)]
        await pilot.press("f4")
        await pilot.pause()
        assert "Spasi: ubah status" in str(app.screen.query_one("#attendance-summary", Static).render())
        assert (app.screen.sub_title or "").endswith("2024-01-15")
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.date == dt.date(2024, 1, 15) and meeting.planned_date == dt.date(2024, 1, 15)


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_review_words_and_numbers_in_the_language(tmp_path: Any, lang: Lang) -> None:
    from textual.widgets import OptionList

    demo = write_demo(tmp_path / "demo")
    app = make_app(demo.root, lang=lang)
    async with app.run_test(size=SIZES[lang]) as pilot:
        await ready(app, pilot)
        await pilot.press("v")
        await ready(app, pilot)
        await pilot.press("f5", *"rantau")
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        hit = next(p for p in prompts if " K" in p)
        # "jawaban K2:" in Indonesian, "K2 answer:" in English
        assert re.search(r"jawaban K\d+:" if lang == "id" else r"K\d+ answer:", hit), hit
        await pilot.press("f4")  # the group overview: mean ratings with one decimal
        await pilot.pause()
        overview = str(app.screen.query_one("#overview-text", Static).render())
        decimals = re.findall(r"\b\d[.,]\d\b", overview)
        assert decimals and all(("," in d) == (lang == "id") for d in decimals), overview


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_the_icebreaker_key_on_a_complete_program_asks_too(store: Store, clock: FakeClock, lang: Lang) -> None:
    from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker

    group = complete_group(store)
    before = store.group_path(group.id).read_bytes()
    app = make_app(store.root, clock=clock, lang=lang)
    async with app.run_test(size=SIZES[lang]) as pilot:
        await ready(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert "3" in question(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and store.group_path(group.id).read_bytes() == before
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IcebreakerPicker)
        assert store.load_group(group.id).meetings_planned == 3
        assert not store.meeting_path(group.id, 3).exists()  # nothing chosen yet
