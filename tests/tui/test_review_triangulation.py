"""Review's F8 tab: per member, the counselor's ratings beside the member's own and beside what they
did, the places two or more apart marked with a sign (not colour alone). Driven at 80x24."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import Lang
from homeroom_tui.model import Attendance, Group, Meeting, Observation, SelfRating
from homeroom_tui.screens.review import ReviewScreen
from homeroom_tui.store import Store
from tests.tui.helpers import wait_for, wait_for_screen


def screen_text(app: HomeroomApp) -> str:
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Turns taken", "You", "Own", "! meeting 1, Dares to open up about themself: you"]),
        ("id", ["Giliran bicara", "Anda", "Diri", "! pertemuan 1"]),
    ],
)
async def test_triangulation_at_80x24_marks_where_counselor_and_member_disagree(
    store: Store, held: Callable[..., Meeting], lang: Lang, words: list[str]
) -> None:
    group: Group = store.create_group("Kelas [b]A[/b]", ["[b]Ani[/b]", "Budi"], counselor="Bu Sari")
    first = Meeting.new(group, 1)
    first.stages.opening.round_done = ["K1"]
    first.stages.closing.round_done = ["K2"]
    held(
        group,
        1,
        stages=first.stages,
        attendance={"K1": Attendance(status="present"), "K2": Attendance(status="late")},
        name_recall={"K1": ["K2"]},
        observations={"K1": Observation(open_up=2, confidence=3, note="Catatan KHUSUS")},
        self_ratings={"K1": SelfRating(open_up=4, confidence=2)},
    )
    app = make_app(store.root, lang=lang, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("v")
        await wait_for_screen(pilot, ReviewScreen)
        await app.workers.wait_for_complete()
        await pilot.press("f8")
        await wait_for(pilot, lambda: "4+2!" in screen_text(app), "the member's own 4, marked +2 against the 2")
        text = screen_text(app)
        assert "[b]Ani[/b]" in text  # a name is plain text
        assert "4+2!" in text and "2-1" not in text  # 1 apart: not marked
        assert "1/2" in text  # turns: one of the two rounds held
        for word in words[:3]:
            assert word in text, word
        await pilot.press("tab", "end")  # into the member's side, down to the places in words
        await pilot.pause()
        assert any(word in screen_text(app) for word in words[3:]), screen_text(app)
        assert "KHUSUS" not in screen_text(app)


def test_own_ratings_without_the_counselors_are_not_called_agreement(
    store: Store, sample_group: Group, held: Callable[..., Meeting]
) -> None:
    from homeroom_tui.screens.review.triangulation import triangulation_text

    own_only = held(sample_group, 1, self_ratings={"K1": SelfRating(open_up=5)})
    text = str(triangulation_text(sample_group, [own_only], "K1"))
    assert "nothing to compare" in text and "never 2 or more apart" not in text
    both = held(
        sample_group, 2, observations={"K1": Observation(open_up=4)}, self_ratings={"K1": SelfRating(open_up=5)}
    )
    assert "never 2 or more apart" in str(triangulation_text(sample_group, [own_only, both], "K1"))
    assert "No ratings of their own yet" in str(triangulation_text(sample_group, [both], "K2"))
