"""Members rate themselves: the file field, the session's rule, the PIN and whose turn it is."""

from __future__ import annotations

import pytest

from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.model import Attendance, Group, Meeting, Member, SelfRating
from homeroom_tui.program.demo import demo_group, demo_meetings
from homeroom_tui.program.html_report import html_report
from homeroom_tui.program.icebreakers import load_library
from homeroom_tui.program.program_end import entered
from homeroom_tui.program.report import markdown_report
from homeroom_tui.program.self_rating import PassTheLaptop, pin_problem
from homeroom_tui.store import Store, dump_model, load_model
from tests.conftest import OpenSession
from tests.plain_demo import without_self_ratings


def test_a_version_1_meeting_loads_without_self_ratings_and_is_written_as_before(
    store: Store, sample_group: Group
) -> None:
    meeting = Meeting.new(sample_group, 1)
    store.save_meeting(meeting)
    path = store.meeting_path(sample_group.id, 1)
    text = path.read_text().replace("schema_version = 2", "schema_version = 1")
    path.write_text(text)
    loaded = load_model(path, Meeting)
    assert loaded.self_ratings == {}
    assert "self_ratings" not in dump_model(loaded).decode()  # no empty table in older files


def test_self_ratings_round_trip_and_are_checked(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.self_ratings = {"K2": SelfRating(open_up=5, eye_contact=1)}
    store.save_meeting(meeting)
    assert "[self_ratings.K2]" in store.meeting_path(sample_group.id, 1).read_text()
    assert store.load_meeting(sample_group, 1).self_ratings == meeting.self_ratings
    with pytest.raises(ValueError):
        SelfRating(confidence=6)
    with pytest.raises(ValueError):
        meeting.self_ratings = {"X1": SelfRating()}


def test_the_session_sets_own_ratings_for_members_taking_part(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    session = open_session(sample_group)
    session.meeting.attendance = {"K3": Attendance(status="absent")}
    session.set_self_indicator("K1", "open_up", 9)  # kept in range
    session.set_self_indicator("K2", "confidence", 2)  # not yet marked: takes part
    session.set_self_indicator("K3", "confidence", 4)  # absent: not rated
    assert session.dirty
    assert session.meeting.self_ratings == {"K1": SelfRating(open_up=5), "K2": SelfRating(confidence=2)}
    assert session.meeting.observations == {}  # the counselor's ratings are apart
    assert "rating" in entered(session.meeting)
    session.set_self_indicator("K2", "confidence", None)  # cleared: no empty record left behind
    assert set(session.meeting.self_ratings) == {"K1"}
    with pytest.raises(ValueError):
        session.set_self_indicator("K1", "courage", 3)


@pytest.mark.parametrize(
    ("first", "second", "problem"),
    [
        ("", "", "short"),
        ("123", "123", "short"),
        ("12a4", "12a4", "digits"),
        ("١٢٣٤", "١٢٣٤", "digits"),  # Arabic-Indic digits are digits to Python, not on the keyboard
        ("1234", "1243", "mismatch"),
        ("1234", "1234", None),
        ("000000000000", "000000000000", None),
    ],
)
def test_a_pin_is_four_or_more_digits_typed_twice(first: str, second: str, problem: str | None) -> None:
    assert pin_problem(first, second) == problem


def test_the_laptop_goes_round_once_and_only_the_pin_ends_it() -> None:
    members = [Member(id="K1", name="Ani"), Member(id="K2", name="Budi")]
    state = PassTheLaptop(members, "2468")
    assert "2468" not in repr(state)
    assert (state.phase, state.current) == ("handover", members[0])
    state.next()  # a member may pass without rating
    state.start_turn()
    assert (state.phase, state.current) == ("rating", members[1])
    state.next()
    assert (state.phase, state.current) == ("done", None)
    state.next()
    assert state.phase == "done"
    assert not state.unlock("1111") and not state.unlock("")
    assert state.unlock("2468")
    assert state.wrong_tries == 2
    assert PassTheLaptop([], "2468").phase == "done"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_reports_show_own_ratings_beside_the_counselors_only_when_there_are_some(lang: Lang) -> None:
    group, meetings = demo_group(), without_self_ratings(demo_meetings())
    heading = t_in(lang, "report.self_ratings")
    library = load_library()
    assert heading not in markdown_report(group, meetings, lang=lang, library=library)
    assert 'id="self-ratings"' not in html_report(group, meetings, lang=lang, library=library)
    first = meetings[0]
    counselor = first.observations["K1"]
    assert counselor.open_up is not None and counselor.confidence is not None
    far = counselor.open_up + 2 if counselor.open_up <= 3 else counselor.open_up - 2
    first.self_ratings = {"K1": SelfRating(open_up=far, confidence=counselor.confidence)}
    text = markdown_report(group, meetings, lang=lang, library=library)
    assert f"\n### {heading}\n" in text
    row = next(line for line in text.splitlines() if line.startswith("| K1 |") and "/" in line and " ! " in line)
    assert f"{counselor.open_up}/{far} !" in row and f"{counselor.confidence}/{counselor.confidence} |" in row
    html = html_report(group, meetings, lang=lang, library=library)
    assert 'id="self-ratings"' in html and f"{counselor.open_up}/{far} !" in html


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_demos_reports_show_its_own_ratings(lang: Lang) -> None:
    """The demo has own ratings at meetings 1 and 4: both reports show them beside the counselor's."""
    group, meetings = demo_group(), demo_meetings()
    assert {m.number for m in meetings if m.self_ratings} == {1, 4}
    heading = t_in(lang, "report.self_ratings")
    library = load_library()
    text = markdown_report(group, meetings, lang=lang, library=library)
    assert f"\n### {heading}\n" in text
    last = next(m for m in meetings if m.number == 4)
    member_id, own = next(iter(last.self_ratings.items()))
    counselor = last.observations[member_id]
    cell = f"{counselor.open_up}/{own.open_up}"
    assert any(line.startswith(f"| {member_id} |") and cell in line for line in text.splitlines())
    html = html_report(group, meetings, lang=lang, library=library)
    assert 'id="self-ratings"' in html and cell in html
