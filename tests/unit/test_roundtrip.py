"""Hypothesis: every Group and Meeting survives a trip through a TOML file unchanged."""

import datetime as dt
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homeroom_tui.model import (
    ATTENDANCE_STATUSES,
    STAGE_KEYS,
    Answers,
    Attendance,
    Consent,
    Group,
    IcebreakerUse,
    Meeting,
    Member,
    Observation,
    Stage,
    Stages,
)
from homeroom_tui.store import Store, dump_model, load_model

# Text that stresses TOML: quotes, triple quotes, backslashes, CR/LF, emoji, control characters.
tricky = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(["'", '"', "'''", '"""', "\\", "\r\n", "\n", "\r", "\t", "😀", "é", "\x7f", "\x00"]),
    ),
    max_size=20,
).map("".join)
# One-line fields (names) refuse control characters but take quotes, emoji and pasted line breaks.
one_line = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
        st.sampled_from(["'", '"', "'''", '"""', "\\", "\r\n", "\n", "😀", "é"]),
    ),
    max_size=20,
).map("".join)
names = one_line.filter(lambda s: bool(s.strip()))
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
aware = st.builds(
    lambda d, tz: d.replace(tzinfo=tz),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    offsets,
)
member_ids = st.integers(min_value=1, max_value=30).map(lambda n: f"K{n}")
scores = st.none() | st.integers(min_value=1, max_value=5)
consents = st.builds(
    Consent,
    counseling=st.none() | st.dates(),
    research=st.none() | st.dates(),
    guardian=st.none() | st.dates(),
    guardian_needed=st.booleans(),
)


@st.composite
def groups(draw: st.DrawFn) -> Group:
    n = draw(st.integers(min_value=0, max_value=6))
    members = [
        Member(
            id=f"K{i}",
            name=draw(names),
            faculty=draw(st.none() | one_line),
            note=draw(st.none() | tricky),
            active=draw(st.booleans()),
            consent=draw(st.none() | consents),
        )
        for i in range(1, n + 1)
    ]
    return Group(
        id=draw(st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=20)),
        name=draw(names),
        counselor=draw(one_line),
        created=draw(st.dates()),
        meetings_planned=draw(st.integers(min_value=1, max_value=100)),
        first_meeting=draw(st.none() | st.dates(max_value=dt.date(2500, 1, 1))),
        every_days=draw(st.integers(min_value=1, max_value=365)),
        members=members,
    )


def stage(draw: st.DrawFn) -> Stage:
    return Stage(
        planned_min=draw(st.integers(min_value=1, max_value=600)),
        actual_seconds=draw(st.floats(min_value=0, max_value=86_400, allow_nan=False)),
        started_at=draw(st.none() | aware),
        checklist=draw(st.lists(st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12), max_size=5)),
        round_done=draw(st.lists(member_ids, unique=True, max_size=5)),
        notes=draw(tricky),
    )


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    ids = draw(st.lists(member_ids, unique=True, max_size=6))
    recall = {}
    for who in ids:
        named = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
        recall[who] = [x for x in named if x != who]
    return Meeting(
        group_id="g",
        number=draw(st.integers(min_value=1, max_value=100)),
        date=draw(st.dates()),
        status=draw(st.sampled_from(["planned", "in_progress", "completed"])),
        started_at=draw(st.none() | aware),
        stages=Stages(**{k: stage(draw) for k in STAGE_KEYS}),
        attendance={
            i: Attendance(
                status=draw(st.sampled_from(ATTENDANCE_STATUSES)),
                arrived_at=draw(st.none() | st.times()),
                note=draw(tricky),
            )
            for i in ids
        },
        icebreaker=draw(st.none() | st.builds(IcebreakerUse, id=st.just("name-chain"), rating=scores, note=tricky)),
        name_recall=recall,
        observations={
            i: Observation(
                open_up=draw(scores),
                join_discussion=draw(scores),
                confidence=draw(scores),
                cross_faculty=draw(scores),
                eye_contact=draw(scores),
                note=draw(tricky),
            )
            for i in ids
        },
        answers={
            i: Answers(
                checkin=draw(tricky),
                problem=draw(tricky),
                impression=draw(tricky),
                ready=draw(st.none() | st.booleans()),
            )
            for i in ids
        },
        private_notes=draw(tricky),
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(group=groups())
def test_group_roundtrip(group: Group, tmp_path: Path) -> None:
    path = tmp_path / "group.toml"
    path.write_bytes(dump_model(group))
    assert load_model(path, Group) == group


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(meeting=meetings())
def test_meeting_roundtrip(meeting: Meeting, tmp_path: Path) -> None:
    path = tmp_path / "meeting.toml"
    path.write_bytes(dump_model(meeting))
    loaded = load_model(path, Meeting)
    assert loaded == meeting
    # offsets are kept, not only the instant
    if meeting.started_at is not None:
        assert loaded.started_at is not None
        assert loaded.started_at.utcoffset() == meeting.started_at.utcoffset()


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(meeting=meetings())
def test_store_save_then_load(meeting: Meeting, tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    group = Group(
        id="g", name="G", created=dt.date(2024, 1, 1), members=[Member(id=f"K{i}", name="x") for i in range(1, 31)]
    )
    store.save_group(group)
    store.save_meeting(meeting)
    store.save_meeting(meeting)  # overwriting a good file is fine
    assert store.load_meeting(group, meeting.number) == meeting
