"""Scales and interviews on the member details screen, driven with keys; each test checks the screen and
the group file on disk: define a scale (F4), type item scores (digits, out of range refused), see the
total; add an interview (F6) and find it with review's search; hostile names and texts; a damaged
item-text file named, not fatal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import OptionList, Static

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import Lang, t, t_count
from homeroom_tui.model import Answers, Group, Interview, Meeting, Scale, ScaleScores
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.dialogs import ConfirmDialog
from homeroom_tui.screens.member_details import MemberDetails
from homeroom_tui.screens.member_research import InterviewDialog, InterviewList, ScaleDialog, ScoreRow
from homeroom_tui.screens.review import ReviewScreen
from homeroom_tui.screens.review.members import MembersTab
from homeroom_tui.screens.review.search import SearchTab
from homeroom_tui.store import Store
from tests.hostile_data import MARKUP, RED, TITLE_ESCAPE
from tests.tui.helpers import wait_for, wait_for_screen, wait_to_leave
from tests.tui.test_member_details import RUNS, notified, open_details, screen_text, settle

HOSTILE_NAME = f"{MARKUP[0]}Skala {MARKUP[2]}"
TYPED_NOTE = f"Takut {MARKUP[3]} {MARKUP[2]} bicara [/x]"
"""Markup look-alikes typed with keys (an escape code cannot be typed: it arrives in a paste or a file)."""
HOSTILE_NOTE = f"Takut {MARKUP[3]} {TITLE_ESCAPE}{RED} bicara [/x]"


def with_scale(store: Store, group: Group, scale: Scale, *scores: ScaleScores) -> Group:
    saved = store.load_group(group.id)
    members = [{**saved.members[0].model_dump(), "scores": list(scores)}, *(m.model_dump() for m in saved.members[1:])]
    saved = Group.model_validate(
        {**saved.model_dump(exclude={"scales", "members"}), "scales": [scale], "members": members}
    )
    store.save_group(saved)
    return saved


def shown(app: HomeroomApp) -> str:
    """The screen's text with the lines joined (a long line wraps at 80 columns), without the borders."""
    lines = [line.strip("█▀▄▌▐ ") for line in screen_text(app).splitlines()]
    return " ".join(line for line in lines if line)


def rows(app: HomeroomApp) -> list[ScoreRow]:
    return list(app.screen.query(ScoreRow))


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_define_a_scale_type_scores_and_see_the_total(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        details = await open_details(app, pilot)
        assert t("member.scale.none") in screen_text(app).replace("\n", " ") or not rows(app)
        await pilot.press("f4")
        await wait_for_screen(pilot, ScaleDialog)
        # name, items, range (kept: 1-4), reverse items 2 and 4, meetings (kept: 1, 4)
        await pilot.press(*HOSTILE_NAME, "tab", "5", "tab", "tab", *"2 4", "ctrl+s")
        await wait_to_leave(pilot, ScaleDialog)
        assert app.screen is details
        await wait_for(pilot, lambda: len(rows(app)) == 2, "a row of item cells per meeting")
        saved = store.load_group(sample_group.id)
        [scale] = saved.scales
        assert (scale.name, scale.items, scale.min, scale.max) == (HOSTILE_NAME, 5, 1, 4)
        assert (scale.reverse, scale.meetings) == ([2, 4], [1, 4])
        first = rows(app)[0]
        first.focus()
        await pilot.pause()
        assert HOSTILE_NAME in screen_text(app)  # shown as written: never markup
        await pilot.press("4", "3", "7")  # 7 is out of range: refused, the cursor stays on item 3
        assert first.values == [4, 3, None, None, None]
        assert t("member.scale.out_of_range", score=7, item=3, low=1, high=4) in shown(app)
        assert t("member.scale.incomplete", missing=3, items=5) in shown(app)
        await pilot.press("2", "1", "1")
        # 4 + (5-3) + 2 + (5-1) + 1 = 13
        assert f"{t('member.scale.total')}: 13" in shown(app)
        await pilot.press("ctrl+s")
        await wait_to_leave(pilot, MemberDetails)
        assert any(t("member.field.scores") in note for note in notified(app))
    [scores] = store.load_group(sample_group.id).members[0].scores
    assert (scores.scale, scores.meeting, scores.items) == (scale.id, 1, "43211")


async def test_scores_already_saved_show_with_their_total_and_review_shows_before_and_after(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    scale = Scale(id="anx", name="Anxiety", items=4, reverse=[2], meetings=[1, 4])
    with_scale(
        store,
        sample_group,
        scale,
        ScaleScores(scale="anx", meeting=1, items="4321"),
        ScaleScores(scale="anx", meeting=4, items="1-44"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await open_details(app, pilot)
        # 4 + (5-3) + 2 + 1: item 2 is reverse-scored
        assert f"{t('member.scale.total')}: 9" in shown(app)
        await pilot.press("escape")
        await wait_to_leave(pilot, MemberDetails)
        await pilot.press("v")
        review = await wait_for_screen(pilot, ReviewScreen)
        await settle(app, pilot)
        await pilot.press("f3")
        await pilot.pause()
        member_text = str(review.query_one("#member-text", Static).render())
        assert "Anxiety: 9 (m1) → " + t("member.scale.incomplete", missing=1, items=4) + " (m4)" in member_text


async def test_a_damaged_item_text_file_is_named_and_the_scale_still_works(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    scale = Scale(id="anx", name="Anxiety", items=3, meetings=[1])
    with_scale(store, sample_group, scale)
    folder = store.root / "scales"
    folder.mkdir()
    (folder / "anx.toml").write_text(f'schema_version = 1\nitems = ["{MARKUP[1]} first item", "second\n')
    async with app.run_test(size=(100, 32)) as pilot:
        await open_details(app, pilot)
        problems = str(app.screen.query_one("#member-scale-problems", Static).render())
        assert "anx.toml" in problems and t("member.scale.texts_damaged", problem="")[:10] in problems
        rows(app)[0].focus()
        await pilot.press("1", "2", "3", "ctrl+s")
        await wait_to_leave(pilot, MemberDetails)
        (folder / "anx.toml").write_text(f'schema_version = 1\nitems = ["{MARKUP[1]} first item"]\n')
        await open_details(app, pilot)
        rows(app)[0].focus()
        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert f"{MARKUP[1]} first item" in screen_text(app)  # beside the cells, as written
    assert store.load_group(sample_group.id).members[0].scores[0].items == "123"


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_add_an_interview_and_find_it_with_reviews_search(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        details = await open_details(app, pilot, downs=1)
        await pilot.press("f6", *TYPED_NOTE, "enter", *"kedua")
        dialog = await wait_for_screen(pilot, InterviewDialog)
        await pilot.press("tab")  # the notes' Tab moves on: kind, date
        dialog.query_one("#interview-date").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"2024-01-09", "ctrl+s")
        await wait_to_leave(pilot, InterviewDialog)
        assert app.screen is details
        assert t("member.interview.saved") in notified(app)
        title = t("member.interview.title", kind=t("member.interview.kind.before"), date="2024-01-09")
        assert title in screen_text(app)
        await pilot.press("escape")
        await wait_to_leave(pilot, MemberDetails)
        budi = store.load_group(sample_group.id).members[1]
        assert budi.interviews == [Interview(kind="before", date=dt.date(2024, 1, 9), text=TYPED_NOTE + "\nkedua")]
        await pilot.press("v")
        review = await wait_for_screen(pilot, ReviewScreen)
        await settle(app, pilot)
        await pilot.press("/", *"bicara")
        await wait_for(pilot, lambda: "bicara" in screen_text(app), "the interview among the hits")
        text = screen_text(app)
        assert "K2" in text and title in text and MARKUP[2] in text
        await pilot.press("enter", "enter")  # to the hits, then open the hit: the member on the members tab
        await wait_for(pilot, lambda: review.query_one(MembersTab).highlighted_member() == "K2", "the member")
        member_text = str(review.query_one("#member-text", Static).render())
        assert title in member_text and "kedua" in member_text


async def test_an_escape_code_in_an_interview_is_shown_never_sent(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    group = store.load_group(sample_group.id)
    interview = Interview(kind="other", date=dt.date(2024, 1, 9), text=HOSTILE_NOTE)
    members = [{**group.members[0].model_dump(), "interviews": [interview]}, *group.members[1:]]
    store.save_group(Group.model_validate({**group.model_dump(exclude={"members"}), "members": members}))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_details(app, pilot)
        assert "\x1b" not in screen_text(app) and "Takut" in screen_text(app)
        await pilot.press("escape")
        await wait_to_leave(pilot, MemberDetails)
        await pilot.press("v")
        review = await wait_for_screen(pilot, ReviewScreen)
        await settle(app, pilot)
        await pilot.press("/", *"secret")
        await wait_for(pilot, lambda: "secret" in screen_text(app), "the interview among the hits")
        text = screen_text(app)
        assert "\x1b" not in text and "\\x1b" in text and MARKUP[3] in text  # the escape shown, never sent
        await pilot.press("f3")
        await pilot.pause()
        member_text = str(review.query_one("#member-text", Static).render())
        assert "\x1b" not in member_text and "\\x1b]2;secret" in member_text


async def test_an_interview_is_edited_and_deleted_after_a_confirmation(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    group = store.load_group(sample_group.id)
    first = Interview(kind="before", date=dt.date(2024, 1, 9), text="Sebelum")
    later = Interview(kind="after", date=dt.date(2024, 2, 6), text="Sesudah")
    members = [{**group.members[0].model_dump(), "interviews": [later, first]}, *group.members[1:]]
    store.save_group(Group.model_validate({**group.model_dump(exclude={"members"}), "members": members}))
    async with app.run_test(size=(80, 24)) as pilot:
        details = await open_details(app, pilot)
        listed = details.query_one(InterviewList)
        listed.focus()
        await pilot.pause()
        assert listed.option_count == 2 and listed.get_option_at_index(0).id == "1"  # by date: "before" first
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, InterviewDialog)
        await pilot.press("end", *" lagi")
        dialog.query_one("#interview-kind").focus()
        await pilot.press("right", "enter")  # the kind: after the program, said in words
        await pilot.pause()
        said = t("member.interview.kind_now", kind=t("member.interview.kind.after"))
        assert said in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_to_leave(pilot, InterviewDialog)
        assert dialog is not app.screen
        edited = store.load_group(sample_group.id).members[0].interviews[1]
        assert (edited.text, edited.kind) == ("Sebelum lagi", "after")
        listed.focus()
        await pilot.press("down", "delete")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")  # no: nothing deleted
        await wait_to_leave(pilot, ConfirmDialog)
        assert len(store.load_group(sample_group.id).members[0].interviews) == 2
        listed.focus()
        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")
        await wait_for(pilot, lambda: listed.option_count == 1, "the list without the deleted interview")
        assert app.screen is details
    assert [i.text for i in store.load_group(sample_group.id).members[0].interviews] == ["Sebelum lagi"]


async def test_an_interview_typed_in_one_burst_after_f6_lands_in_its_notes(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_details(app, pilot)
        for key in ["f6", *"Cerita", "ctrl+s"]:  # no pause between keys
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_for(pilot, lambda: store.load_group(sample_group.id).members[0].interviews, "the saved interview")
    [interview] = store.load_group(sample_group.id).members[0].interviews
    assert interview.text == "Cerita" and interview.kind == "before"


async def test_esc_with_scores_typed_and_not_saved_asks_first(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    with_scale(store, sample_group, Scale(id="anx", name="Anxiety", items=3, meetings=[1]))
    path = store.group_path(sample_group.id)
    before = path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        details = await open_details(app, pilot)
        rows(app)[0].focus()
        await pilot.press("2", "escape")
        await wait_for_screen(pilot, ConfirmDialog)
        assert t("member.discard") in screen_text(app)
        await pilot.press("escape")  # no: back to the scores, as typed
        await wait_to_leave(pilot, ConfirmDialog)
        assert app.screen is details and rows(app)[0].values == [2, None, None]
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")  # yes: close without saving
        await wait_to_leave(pilot, ConfirmDialog)
        assert not isinstance(app.screen, MemberDetails)
    assert path.read_bytes() == before


@pytest.mark.parametrize(("lang", "size"), RUNS)
async def test_the_search_hint_says_what_enter_opens_for_the_highlighted_hit(
    store: Store,
    sample_group: Group,
    clock: FakeClock,
    held: Callable[..., Meeting],
    lang: Lang,
    size: tuple[int, int],
) -> None:
    group = store.load_group(sample_group.id)
    interview = Interview(kind="after", date=dt.date(2024, 2, 9), text="Sekarang berani bicara")
    members = [{**group.members[0].model_dump(), "interviews": [interview]}, *group.members[1:]]
    store.save_group(Group.model_validate({**group.model_dump(exclude={"members"}), "members": members}))
    held(sample_group, 1, answers={"K2": Answers(checkin="Takut bicara")})
    files = {p: p.read_bytes() for p in store.root.rglob("*.toml")}
    app = make_app(store.root, lang=lang, clock=clock, bell=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("v")
        review = await wait_for_screen(pilot, ReviewScreen)
        await settle(app, pilot)
        await pilot.press("/", *"bicara", "enter")  # to the hits, the first highlighted
        tab = review.query_one(SearchTab)
        await wait_for(pilot, lambda: len(tab.hits) == 2, "both hits")
        opens_meeting, opens_member = t_count("review.hits", 2), t_count("review.hits_member", 2)
        results = tab.query_one("#search-results", OptionList)
        seen = []
        for key in ("down", "up"):  # the first hit, the second, the first again: the hint follows
            highlighted = results.highlighted
            assert highlighted is not None
            expected = opens_member if tab.hits[highlighted].interview else opens_meeting
            await wait_for(pilot, lambda e=expected: e in shown(app), "the hint of the highlighted hit")  # type: ignore[misc]
            seen.append(expected)
            await pilot.press(key)
        assert set(seen) == {opens_meeting, opens_member}
        await wait_for(pilot, lambda: seen[0] in shown(app) and seen[1] not in shown(app), "the first hint again")
    assert {p: p.read_bytes() for p in store.root.rglob("*.toml")} == files  # searching writes nothing
