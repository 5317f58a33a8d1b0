"""The member details screen, driven with keys: from home (``e``) and from review's members tab (F3 ``e``).

Each test checks the screen and the group file on disk: consent dates typed and saved, bad dates
refused naming the field, a damaged group file never overwritten, in English and Indonesian.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual import events
from textual.widgets import Static

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import Lang, t
from homeroom_tui.model import Consent, Group
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.screens.member_details import MemberDetails, MemberPicker
from homeroom_tui.screens.review import ReviewScreen
from homeroom_tui.screens.review.members import MembersTab
from homeroom_tui.store import Store
from tests.tui.helpers import wait_for, wait_for_screen, wait_to_leave

RUNS = [pytest.param("en", (80, 24), id="en-80x24"), pytest.param("id", (100, 32), id="id-100x32")]


def screen_text(app: HomeroomApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notified(app: HomeroomApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(app: HomeroomApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_details(app: HomeroomApp, pilot: Any, downs: int = 0) -> MemberDetails:
    """``e`` on the home screen's group, ``downs`` times down the list, Enter."""
    await settle(app, pilot)
    await pilot.press("e")
    await wait_for_screen(pilot, MemberPicker)
    await pilot.press(*(["down"] * downs), "enter")
    return await wait_for_screen(pilot, MemberDetails)


async def type_into(pilot: Any, screen: MemberDetails, field: str, text: str) -> None:
    """Focus the field ``member-FIELD`` as Tab would, clear it, type ``text``."""
    widget = screen.query_one(f"#member-{field}")
    widget.focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k") if field != "note" else await pilot.press("ctrl+a")
    await pilot.press(*text)


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_consent_typed_on_the_details_screen_is_saved_and_said(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        await open_details(app, pilot, downs=1)
        text = screen_text(app)
        assert "K2" in text and "Budi" in text and t("member.field.consent.research") in text
        # Tab through name, faculty, note and "active" to the counseling date; type; on to research
        await pilot.press("tab", *"Psikologi", "tab", "tab", "tab", *"2024-01-10", "tab", *"2024-01-12")
        await pilot.press("tab", "space", "tab")  # guardian consent needed, and its date left empty
        assert t("member.needed_yes") in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_to_leave(pilot, MemberDetails)
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        saved = t("member.saved", id="K2", name="Budi", what="")
        assert any(note.startswith(saved[:-1]) for note in notified(app)), notified(app)
        assert any(t("member.field.consent.research") in note for note in notified(app))
    member = store.load_group(sample_group.id).members[1]
    assert member.faculty == "Psikologi"
    assert member.consent == Consent(
        counseling=dt.date(2024, 1, 10), research=dt.date(2024, 1, 12), guardian_needed=True
    )
    others = store.load_group(sample_group.id).members
    assert others[0].consent is None and others[2].consent is None


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_a_bad_date_is_refused_naming_the_field_and_nothing_is_written(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    path = store.group_path(sample_group.id)
    before = path.read_bytes()
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_details(app, pilot)
        for field, typed in (("research", "10/01/2024"), ("guardian", "2024-02-30"), ("counseling", "kemarin")):
            await type_into(pilot, screen, field, typed)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MemberDetails)
            error = str(screen.query_one("#member-error", Static).render())
            assert error == t("member.err.date", field=t(f"member.field.consent.{field}"))
            await type_into(pilot, screen, field, "")
        await type_into(pilot, screen, "name", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(screen.query_one("#member-error", Static).render()) == t("member.err.name")
        await pilot.press("escape")
        await wait_to_leave(pilot, MemberDetails)
    assert path.read_bytes() == before


async def test_a_damaged_group_file_is_not_overwritten_and_what_was_typed_stays(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    path = store.group_path(sample_group.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_details(app, pilot)
        await type_into(pilot, screen, "research", "2024-01-10")
        damaged = path.read_bytes().replace(b'name = "Ani"', b'name = "Ani')  # broken by hand meanwhile
        path.write_bytes(damaged)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: str(screen.query_one("#member-error", Static).render()), "the refusal")
        assert isinstance(app.screen, MemberDetails)
        error = str(screen.query_one("#member-error", Static).render())
        assert error.startswith(t("member.err.save", reason="")) and "group.toml" in error
        assert screen.query_one("#member-research").value == "2024-01-10"  # type: ignore[attr-defined]
    assert path.read_bytes() == damaged


async def test_nothing_changed_writes_nothing(store: Store, sample_group: Group, app: HomeroomApp) -> None:
    path = store.group_path(sample_group.id)
    before = path.stat().st_mtime_ns, path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_details(app, pilot)
        await pilot.press("ctrl+s")
        await wait_to_leave(pilot, MemberDetails)
        assert t("member.unchanged") in notified(app)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_review_members_tab_shows_consent_and_e_edits_the_highlighted_member(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    group = store.load_group(sample_group.id)
    group.members[0].consent = Consent(counseling=dt.date(2024, 1, 9))
    store.save_group(group)
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        review = await wait_for_screen(pilot, ReviewScreen)
        await settle(app, pilot)
        await pilot.press("e")  # the meetings tab: e is not offered there
        await pilot.pause()
        assert app.screen is review
        await pilot.press("f3")
        await pilot.pause()
        member_text = str(review.query_one("#member-text", Static).render())
        assert f"{t('review.consent.counseling')} 2024-01-09" in member_text
        assert t("review.consent_research_no") in member_text
        await pilot.press("down", "down", "e")
        screen = await wait_for_screen(pilot, MemberDetails)
        assert screen.member.id == "K3"
        await type_into(pilot, screen, "research", "2024-01-11")
        await pilot.press("ctrl+s")
        await wait_to_leave(pilot, MemberDetails)
        await pilot.pause()
        assert app.screen is review
        tab = review.query_one(MembersTab)
        assert tab.highlighted_member() == "K3"
        member_text = str(review.query_one("#member-text", Static).render())
        assert f"{t('review.consent.research')} 2024-01-11" in member_text
        assert t("review.consent_research_yes") in member_text
    assert store.load_group(sample_group.id).members[2].consent == Consent(research=dt.date(2024, 1, 11))
    assert store.load_group(sample_group.id).members[0].consent == Consent(counseling=dt.date(2024, 1, 9))


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_fields_typed_in_one_burst_land_in_their_fields(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    """Keys posted at once, as a terminal hands over a burst: each Tab moves on before the next letter."""
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        details = await open_details(app, pilot)
        burst = ["tab", *"Psikologi", "tab", "tab", "tab", *"2024-01-10", "tab", *"2024-01-12", "ctrl+s"]
        for key in burst:  # no pause between keys: not even the one Pilot takes
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_to_leave(pilot, MemberDetails)
        assert details is not app.screen
    member = store.load_group(sample_group.id).members[0]
    assert member.name == sample_group.members[0].name
    assert member.faculty == "Psikologi"
    assert member.consent == Consent(counseling=dt.date(2024, 1, 10), research=dt.date(2024, 1, 12))


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_e_down_enter_in_one_burst_from_home_opens_the_second_members_details(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    """``e``, Down, Enter typed at once on the home screen: the picker opens and takes both keys."""
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for key in ("e", "down", "enter"):  # no pause between keys
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        details = await wait_for_screen(pilot, MemberDetails)
        assert details.member.id == sample_group.members[1].id
        await wait_for(pilot, lambda: sample_group.members[1].name in screen_text(app), "the member's name on screen")
