"""One length rule: the model's limits, and a store that never writes what it would refuse to read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from homeroom_tui.model import (
    LINE_MAX,
    MEMBERS_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    Answers,
    Attendance,
    Group,
    IcebreakerUse,
    Meeting,
    Member,
    Observation,
    Stage,
)
from homeroom_tui.program.agenda import load_agenda
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import DamagedFile, SaveRefused, Store, error_reason
from homeroom_tui.store.reading import MAX_FILE_BYTES, load_model
from homeroom_tui.store.writing import SAVE_BUDGET_BYTES

TZ = dt.timezone(dt.timedelta(hours=7))

# (what is built, the field, its limit): every text field the counselor can fill
LIMITED: list[tuple[Callable[..., BaseModel], str, int]] = [
    (lambda **kw: Member(id="K1", **({"name": "A"} | kw)), "name", LINE_MAX),
    (lambda **kw: Member(id="K1", name="A", **kw), "faculty", LINE_MAX),
    (lambda **kw: Member(id="K1", name="A", **kw), "note", SHORT_TEXT_MAX),
    (lambda **kw: Group(id="g", created=dt.date(2024, 1, 1), **({"name": "G"} | kw)), "name", LINE_MAX),
    (lambda **kw: Group(id="g", name="G", created=dt.date(2024, 1, 1), **kw), "counselor", LINE_MAX),
    (lambda **kw: Stage(planned_min=10, **kw), "notes", NOTE_MAX),
    (lambda **kw: Attendance(**kw), "note", SHORT_TEXT_MAX),
    (lambda **kw: IcebreakerUse(id="x", **kw), "note", SHORT_TEXT_MAX),
    (lambda **kw: Observation(**kw), "note", SHORT_TEXT_MAX),
    *((lambda **kw: Answers(**kw), key, SHORT_TEXT_MAX) for key in ("checkin", "problem", "resolution", "change")),
    (lambda **kw: Answers(**kw), "impression", SHORT_TEXT_MAX),
]


@pytest.mark.parametrize(("build", "field", "limit"), LIMITED, ids=lambda v: v if isinstance(v, str) else None)
def test_every_text_field_takes_its_limit_and_refuses_one_more(
    build: Callable[..., BaseModel], field: str, limit: int
) -> None:
    assert len(getattr(build(**{field: "x" * limit}), field)) == limit
    with pytest.raises(ValidationError, match="at most"):
        build(**{field: "x" * (limit + 1)})


def test_private_notes_and_members_have_their_limits(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.private_notes = "x" * NOTE_MAX
    with pytest.raises(ValidationError):
        meeting.private_notes = "x" * (NOTE_MAX + 1)
    members = [{"id": f"K{n}", "name": f"M{n}"} for n in range(1, MEMBERS_MAX + 2)]
    base = {"id": "g", "name": "G", "created": dt.date(2024, 1, 1)}
    assert len(Group.model_validate(base | {"members": members[:MEMBERS_MAX]}).members) == MEMBERS_MAX
    with pytest.raises(ValidationError):
        Group.model_validate(base | {"members": members})


def session_for(store: Store, group: Group, meeting: Meeting | None = None) -> MeetingSession:
    meeting = meeting or Meeting.new(group, 1)
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    return MeetingSession(store, group, meeting, [], load_agenda(), clock)


def test_an_answer_over_the_limit_is_refused_at_save_and_the_old_file_kept(store: Store, sample_group: Group) -> None:
    """``model_copy`` skips validation: the store checks the whole meeting before it writes."""
    session = session_for(store, sample_group)
    session.set_round_answer("K1", "short", mark_turn=False)
    assert session.save()
    path = store.meeting_path(sample_group.id, 1)
    before = path.read_bytes()

    session.meeting.answers = {"K1": Answers().model_copy(update={"checkin": "y" * (SHORT_TEXT_MAX + 1)})}
    session.dirty = True
    assert not session.save()
    assert isinstance(session.last_error, SaveRefused)
    assert session.dirty  # still to be saved: the text stays in memory
    assert path.read_bytes() == before  # nothing overwritten
    reason = error_reason(session.last_error)
    assert "answers.K1.checkin" in reason and "at most 10000 characters" in reason
    assert "yyy" not in str(session.last_error)  # never the text itself
    assert store.load_meeting(sample_group, 1).answers["K1"].checkin == "short"


def test_an_answer_at_the_limit_is_saved_and_read_again(store: Store, sample_group: Group) -> None:
    session = session_for(store, sample_group)
    session.set_round_answer("K1", "é" * SHORT_TEXT_MAX, mark_turn=False)
    assert session.save()
    assert store.load_meeting(sample_group, 1).answers["K1"].checkin == "é" * SHORT_TEXT_MAX


def big_meeting(group: Group, note_chars: int) -> Meeting:
    meeting = Meeting.new(group, 1)
    for key in ("opening", "transition", "activity", "closing"):
        meeting.stages[key].notes = "n" * note_chars
    meeting.private_notes = "p" * note_chars
    return meeting


def test_a_meeting_over_the_byte_budget_is_refused_and_the_old_file_kept(store: Store, sample_group: Group) -> None:
    session = session_for(store, sample_group)
    session.set_stage_notes("first version")
    assert session.save()
    path = store.meeting_path(sample_group.id, 1)
    before = path.read_bytes()

    # five notes within their limits, in three-byte characters: over the budget, and even over
    # what loading accepts; without the budget this file would be written and then refused
    for key in ("opening", "transition", "activity", "closing"):
        session.meeting.stages[key].notes = "语" * 80_000
    session.meeting.private_notes = "语" * 80_000
    session.dirty = True
    assert len("语".encode()) * 80_000 * 5 > MAX_FILE_BYTES
    assert not session.save()
    assert isinstance(session.last_error, SaveRefused)
    assert session.dirty
    assert "too large to save" in error_reason(session.last_error)
    assert f"the limit is {SAVE_BUDGET_BYTES // 1024} KiB" in error_reason(session.last_error)
    assert path.read_bytes() == before
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "first version"


def test_the_budget_is_well_under_the_load_limit_and_a_file_at_the_budget_loads(
    store: Store, sample_group: Group
) -> None:
    assert SAVE_BUDGET_BYTES <= MAX_FILE_BYTES // 2
    # as large as ASCII notes get: five notes of NOTE_MAX characters fit the budget, and load
    meeting = big_meeting(sample_group, NOTE_MAX)
    path = store.save_meeting(meeting)
    assert path.stat().st_size <= SAVE_BUDGET_BYTES
    assert load_model(path, Meeting).private_notes == "p" * NOTE_MAX


def test_the_budget_check_counts_bytes_not_characters(store: Store, sample_group: Group) -> None:
    store.save_meeting(big_meeting(sample_group, 100))
    meeting = big_meeting(sample_group, 0)
    meeting.private_notes = meeting.stages.opening.notes = "语" * NOTE_MAX  # two notes within their limit
    assert 2 * NOTE_MAX * 3 > SAVE_BUDGET_BYTES  # ... but over the budget in bytes
    with pytest.raises(SaveRefused):
        store.save_meeting(meeting)
    assert store.load_meeting(sample_group, 1).private_notes == "p" * 100


def test_a_group_that_breaks_the_model_is_not_saved(store: Store, sample_group: Group) -> None:
    path = store.group_path(sample_group.id)
    before = path.read_bytes()
    members: list[Any] = [m.model_copy(update={"name": "n" * (LINE_MAX + 1)}) for m in sample_group.members]
    broken = sample_group.model_copy(update={"members": members})
    with pytest.raises(SaveRefused) as caught:
        store.save_group(broken)
    assert "members[1].name" in error_reason(caught.value)
    assert path.read_bytes() == before
    assert not isinstance(caught.value, DamagedFile)  # the file on disk is fine; the save was refused
