"""Review queries without Textual, on the demo program and on small hand-made cases."""

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homeroom_tui.i18n import set_language
from homeroom_tui.model import INDICATORS, Group, Meeting, Observation
from homeroom_tui.model.texts import interview_texts, texts
from homeroom_tui.program.demo import demo_group, demo_meetings
from homeroom_tui.program.review import (
    INTERVIEWS,
    SearchHit,
    SearchIndex,
    hits_line,
    meeting_rows,
    member_progress,
    overview,
    search,
)


@pytest.fixture(scope="module")
def demo() -> tuple[Group, list[Meeting]]:
    return demo_group(), demo_meetings()


def test_meeting_rows(demo: tuple[Group, list[Meeting]]) -> None:
    group, meetings = demo
    rows = meeting_rows(group, reversed(meetings))
    assert [r.number for r in rows] == [1, 2, 3, 4]
    assert [(r.present, r.total) for r in rows] == [(9, 9), (8, 9), (9, 9), (8, 9)]
    assert rows[0].planned_min == 70 + 5  # the one five-minute extension of the demo
    assert rows[1].icebreaker == "name-recall-round" and rows[1].rating == 3
    assert all(r.actual_min > 0 for r in rows)


def test_member_progress_and_change(demo: tuple[Group, list[Meeting]]) -> None:
    group, meetings = demo
    progress = member_progress(group, meetings, "K2")
    assert progress.numbers == [1, 2, 3, 4]
    assert progress.attendance[1] == "late"
    assert progress.recall[0] is None and all(s is not None for s in progress.recall[1:])
    for indicator in INDICATORS:
        values = [v for v in progress.indicators[indicator] if v is not None]
        assert progress.change(indicator) == values[-1] - values[0]
    assert progress.mean_change() is not None and progress.mean_change() > 0  # type: ignore[operator]
    assert [n for n, _ in progress.answers] == [1, 2, 3, 4]
    with pytest.raises(KeyError):
        member_progress(group, meetings, "K99")


def test_overview_finds_who_changed_least(demo: tuple[Group, list[Meeting]]) -> None:
    group, meetings = demo
    view = overview(group, meetings)
    recall = [m.recall.fraction if m.recall else None for m in view.meetings]
    assert recall[0] is None and recall[1] < recall[2] < recall[3]  # type: ignore[operator]
    means = [sum(v for v in m.indicators.values() if v) / 5 for m in view.meetings]
    assert means == sorted(means)
    assert view.least_changed[0][0].id == "K6"
    assert len(view.least_changed) == 3


def test_change_needs_two_observations() -> None:
    group = Group(id="g", name="G", created=dt.date(2024, 1, 1))
    group.add_member("A")
    one = Meeting.new(group, 1)
    one.observations = {"K1": Observation(open_up=2)}
    progress = member_progress(group, [one], "K1")
    assert progress.change("open_up") is None and progress.mean_change() is None
    assert overview(group, [one]).least_changed == []


def test_search_is_case_insensitive_with_spans(demo: tuple[Group, list[Meeting]]) -> None:
    group, meetings = demo
    hits = search([(group, meetings)], "BIMA")
    assert hits
    for hit in hits:
        for start, end in hit.spans:
            assert hit.text[start:end].lower() == "bima"
    assert search([(group, meetings)], "   ") == []
    assert search([(group, meetings)], "zzzz-not-there") == []
    wheres = {w for m in meetings for w, _, _ in texts(m)}
    assert {"private_notes", "answers.checkin", "stages.opening.notes"} <= wheres
    assert len(search([(group, meetings)], "a", limit=5)) == 5


def plain_search(
    meetings: list[Meeting], group: Group, query: str
) -> list[tuple[int, str, str | None, str, tuple[tuple[int, int], ...]]]:
    """The search without an index: the group's interviews (number 0), then every text of every meeting, through
    the same pattern."""
    pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
    found = []
    for where, member_id, text in interview_texts(group):
        spans = tuple(m.span() for m in pattern.finditer(text))
        if spans:
            found.append((INTERVIEWS, where, member_id, text, spans))
    for meeting in sorted(meetings, key=lambda m: m.number):
        for where, member_id, text in texts(meeting):
            spans = tuple(m.span() for m in pattern.finditer(text))
            if spans:
                found.append((meeting.number, where, member_id, text, spans))
    return found


# Capitals, letters whose lowercase is longer (İ), letters case folding pairs with ASCII (the Kelvin sign,
# long s, dotless i), accents, emoji and line breaks.
NOTE_TEXT = st.text(
    alphabet=st.sampled_from([*"abAB kK\u212a\u0130i\u0131\u017f\u00dfSs\u00e9\u00c9\n\t.", "\U0001f600"]), max_size=40
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(notes=st.lists(NOTE_TEXT, min_size=1, max_size=6), query=NOTE_TEXT.filter(lambda q: bool(q.strip())))
def test_search_index_finds_what_a_plain_search_finds(
    demo: tuple[Group, list[Meeting]], notes: list[str], query: str
) -> None:
    """The compact index (one joined string a meeting) finds what a search of each text finds."""
    group, meetings = demo
    base = meetings[0]
    variants = []
    for number, note in enumerate(notes, start=1):
        stages = base.stages.model_copy(update={"opening": base.stages.opening.model_copy(update={"notes": note})})
        variants.append(base.model_copy(update={"number": number, "stages": stages, "private_notes": note.upper()}))
    expected = plain_search(variants, group, query)
    hits = SearchIndex([(group, variants)]).search(query)
    assert [(h.meeting_number, h.where, h.member_id, h.text, h.spans) for h in hits] == expected


def test_search_index_keeps_every_text_exactly(demo: tuple[Group, list[Meeting]]) -> None:
    group, meetings = demo
    index = SearchIndex([(group, meetings)])
    rebuilt = [text for entry in index.entries for _, text in entry.texts()]
    in_meetings = [text for m in sorted(meetings, key=lambda m: m.number) for _, _, text in texts(m)]
    interviews = [text for _, _, text in interview_texts(group)]
    assert len(interviews) == 4  # the demo's: K1 and K6, before and after
    assert rebuilt == [*interviews, *in_meetings]


def test_search_pairs_letters_that_lowercasing_leaves_alone(demo: tuple[Group, list[Meeting]]) -> None:
    """Long s and dotless i match s and i, as the pattern's case folding says, in a meeting with no other match."""
    group, _ = demo
    meeting = Meeting.new(group, 1)
    meeting.stages.opening.notes = "Kaſus dıbahas"
    hits = SearchIndex([(group, [meeting])]).search("KASUS DIBAHAS")
    assert [(h.where, h.text, h.spans) for h in hits] == [("stages.opening.notes", "Kaſus dıbahas", ((0, 13),))]


def test_the_count_line_says_what_enter_opens_for_the_highlighted_hit() -> None:
    answer = SearchHit("g", "G", 1, "answers.checkin", "K1", "takut bicara", ((6, 12),))
    interview = SearchHit("g", "G", 0, "interviews.0", "K2", "bicara", ((0, 6),), interview="Interview · 2024-01-09")
    hits = [answer, interview]
    assert hits_line("", hits, 0) == ""
    assert hits_line("bicara", hits, 0) == "2 matches · Enter opens the meeting"
    assert hits_line("bicara", hits, 1) == "2 matches · Enter opens the member"
    assert hits_line("bicara", hits, None) == "2 matches · Enter opens the meeting"
    assert hits_line("bicara", [interview], 0) == "1 match · Enter opens the member"
    assert hits_line("zzz", [], None) == "0 matches · Enter opens the meeting"
    set_language("id")
    try:
        assert hits_line("bicara", hits, 1) == "2 hasil · Enter membuka anggota"
        assert hits_line("bicara", hits, 0) == "2 hasil · Enter membuka pertemuan"
    finally:
        set_language("en")
