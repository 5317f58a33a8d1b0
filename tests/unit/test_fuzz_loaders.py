"""Hypothesis fuzzing of the loaders: arbitrary bytes and text, TOML-like token soup, and mutated valid files.

Whatever a file holds, ``load_model``, ``parse_library`` and ``parse_agenda`` either return a model or
raise ``DamagedFile``; ``check_file`` never raises. Whatever loads, survives a dump and a load unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from homeroom_tui.model import Answers, Attendance, Group, IcebreakerUse, Meeting, Observation
from homeroom_tui.program.agenda import builtin_agenda_path, parse_agenda
from homeroom_tui.program.icebreakers import builtin_path, parse_library
from homeroom_tui.store import DamagedFile, Problem, Store, check_file, dump_model, load_model
from homeroom_tui.store.writing import HEADERS

FUZZ = settings(
    max_examples=int(os.environ.get("HOMEROOM_FUZZ_EXAMPLES", "150")),  # raise it for a long hunt
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TOKENS = [
    "schema_version = 1\n",
    "schema_version = ",
    'id = "g"\n',
    'group_id = "g"\n',
    'name = "G"\n',
    "number = 1\n",
    "created = 2024-01-08\n",
    "date = 2024-01-15\n",
    'status = "in_progress"\n',
    "started_at = 2024-01-15T09:00:00+07:00\n",
    "members = [",
    '{ id = "K1", name = "Ani" }',
    "[stages.opening]\n",
    "[stages.transition]\n",
    "[stages.activity]\n",
    "[stages.closing]\n",
    "planned_min = 10\n",
    "[attendance.K1]\n",
    "[[icebreakers]]\n",
    "[[meetings]]\n",
    "[minutes]\n",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    ",",
    "=",
    ".",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\u",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "#",
    "\x00",
    "\x1b",
    "\ufeff",
    "\u2028",
    "é",
    "😀",
    "K1",
    "1",
    "-0",
    "0x1F",
    "1e400",
    "nan",
    "-inf",
    "1_000",
    str(2**70),
    "true",
    "2024-02-30",
    "0000-01-01",
    "09:00:00",
    "T",
    "Z",
    "+07:00",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


def rich_group() -> Group:
    group = Group(
        id="home-room-a",
        name='Home Room "A" 😀',
        counselor="Bu Sari",
        created=dt.date(2024, 1, 8),
        first_meeting=dt.date(2024, 1, 15),
    )
    group.add_member("Ani", faculty="Teknik")
    group.add_member("Budi")
    group.members = [*group.members, group.members[1].model_copy(update={"id": "K3", "note": "a\nb 'c' \"d\""})]
    return group


def rich_meeting(group: Group) -> Meeting:
    meeting = Meeting.new(group, 1)
    meeting.status = "in_progress"
    meeting.current_stage = "activity"
    tz = dt.timezone(dt.timedelta(hours=7))
    meeting.started_at = dt.datetime(2024, 1, 15, 9, 0, tzinfo=tz)
    meeting.stages.opening.actual_seconds = 612.5
    meeting.stages.opening.checklist = ["greeting", "purpose"]
    meeting.stages.opening.round_done = ["K1", "K2"]
    meeting.stages.opening.notes = 'Notes with """triple""" quotes\nand a second line \\ backslash'
    meeting.attendance = {
        "K1": Attendance(status="present"),
        "K2": Attendance(status="late", arrived_at=dt.time(9, 7)),
        "K3": Attendance(status="excused", note="sick"),
    }
    meeting.icebreaker = IcebreakerUse(id="name-and-snack", rating=4, note="went well")
    meeting.name_recall = {"K1": ["K2", "K3"], "K2": []}
    meeting.observations = {"K1": Observation(open_up=3, eye_contact=5, note="quiet")}
    meeting.answers = {"K1": Answers(checkin="fine", problem="shy\r\nin class", ready=True)}
    meeting.private_notes = "Private: é 😀 \t tab\n" * 3
    return meeting


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """Where each kind of file is fuzzed: group and meeting inside a group folder with a good group file."""
    store = Store(tmp_path / "data")
    group = rich_group()
    store.save_group(group)
    folder = store.group_dir(group.id)
    return {
        "group": tmp_path / "loose" / "group.toml",
        "meeting": folder / "meeting-01.toml",
        "other": tmp_path / "loose" / "notes.toml",
        "icebreakers": tmp_path / "icebreakers.toml",
        "agenda": tmp_path / "agenda.toml",
        "folder_group": folder / "group.toml",
    }


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def roundtrip(path: Path, model: type[BaseModel], loaded: BaseModel) -> None:
    header = HEADERS["group" if model is Group else "meeting"]
    first = dump_model(loaded, header)
    write(path, first)
    again = load_model(path, model)
    assert again == loaded
    assert dump_model(again, header) == first


def load_or_damaged(path: Path, model: type[BaseModel]) -> None:
    """Load ``path`` as ``model``: only DamagedFile may come out; what loads must round-trip."""
    try:
        loaded = load_model(path, model)
    except DamagedFile as exc:
        assert exc.problems and all(isinstance(p, Problem) and p.path == path for p in exc.problems)
        assert all(str(p) and "\n" not in str(p) for p in exc.problems)
        return
    roundtrip(path, model, loaded)


def check_never_raises(path: Path) -> None:
    problems = check_file(path)
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) and "\n" not in str(p) for p in problems)


def dump_entries(key: str, entries: list[BaseModel]) -> bytes:
    data: dict[str, Any] = {
        "schema_version": 1,
        key: [e.model_dump(mode="python", exclude_none=True, by_alias=True) for e in entries],
    }
    return tomli_w.dumps(data, multiline_strings=True).encode()


def parsed_or_damaged(path: Path, parse: Callable[[Path], Mapping[Any, BaseModel]], key: str) -> None:
    """``parse`` either says the file is damaged, or what it read survives being written and read again."""
    try:
        entries = parse(path)
    except DamagedFile as exc:
        assert exc.problems
        return
    write(path, dump_entries(key, list(entries.values())))
    assert parse(path) == entries


def library_or_damaged(path: Path) -> None:
    parsed_or_damaged(path, parse_library, "icebreakers")


def agenda_or_damaged(path: Path) -> None:
    parsed_or_damaged(path, parse_agenda, "meetings")


def everything(place: dict[str, Path], data: bytes) -> None:
    """Feed the same bytes to every loader, as every kind of file."""
    for kind, model in (("group", Group), ("meeting", Meeting), ("folder_group", Group)):
        write(place[kind], data)
        check_never_raises(place[kind])
        load_or_damaged(place[kind], model)
    write(place["other"], data)
    check_never_raises(place["other"])
    write(place["icebreakers"], data)
    library_or_damaged(place["icebreakers"])
    write(place["agenda"], data)
    agenda_or_damaged(place["agenda"])


@FUZZ
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(place: dict[str, Path], data: bytes) -> None:
    everything(place, data)


@FUZZ
@given(text=st.text(max_size=2000))
def test_arbitrary_text(place: dict[str, Path], text: str) -> None:
    everything(place, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(text=token_soup)
def test_toml_like_token_soup(place: dict[str, Path], text: str) -> None:
    everything(place, text.encode("utf-8"))


# --- mutated valid files --------------------------------------------------------------------------


@st.composite
def byte_mutations(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        op = draw(st.sampled_from(["flip", "set", "insert", "delete"]))
        pos = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif op == "set" and data:
            data[pos] = draw(st.sampled_from(b"\x00\n\r\"'[]{}=.,#\\ 0129Kaz\x7f\x80\xc3\xff"))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from([t.encode() for t in TOKENS]))
        elif data:
            del data[pos : pos + draw(st.integers(min_value=1, max_value=40))]
    return bytes(data)


@st.composite
def line_mutations(draw: st.DrawFn, base: bytes) -> bytes:
    lines = base.split(b"\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert"]))
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(min_value=0, max_value=len(lines[-1])))]
        else:
            lines.insert(i, draw(st.sampled_from(TOKENS)).encode().rstrip(b"\n"))
    return b"\n".join(lines)


GROUP_BYTES = dump_model(rich_group(), HEADERS["group"])
MEETING_BYTES = dump_model(rich_meeting(rich_group()), HEADERS["meeting"])
_ENTRY = b"\n[[icebreakers]]\n"
LIBRARY_BYTES = _ENTRY.join(builtin_path().read_bytes().split(_ENTRY)[:4]) + b"\n"  # the first three activities
AGENDA_BYTES = builtin_agenda_path().read_bytes()


def test_the_bases_are_valid(place: dict[str, Path]) -> None:
    write(place["folder_group"], GROUP_BYTES)
    write(place["meeting"], MEETING_BYTES)
    assert check_file(place["folder_group"]) == []
    assert check_file(place["meeting"]) == []
    assert load_model(place["meeting"], Meeting) == rich_meeting(rich_group())
    write(place["icebreakers"], LIBRARY_BYTES)
    assert len(parse_library(place["icebreakers"])) == 3
    write(place["agenda"], AGENDA_BYTES)
    assert len(parse_agenda(place["agenda"])) >= 3


@FUZZ
@given(data=st.one_of(byte_mutations(GROUP_BYTES), line_mutations(GROUP_BYTES)))
def test_mutated_group_file(place: dict[str, Path], data: bytes) -> None:
    for kind in ("group", "folder_group"):
        write(place[kind], data)
        check_never_raises(place[kind])
        load_or_damaged(place[kind], Group)


@FUZZ
@given(data=st.one_of(byte_mutations(MEETING_BYTES), line_mutations(MEETING_BYTES)))
def test_mutated_meeting_file(place: dict[str, Path], data: bytes) -> None:
    write(place["folder_group"], GROUP_BYTES)
    write(place["meeting"], data)
    check_never_raises(place["meeting"])
    load_or_damaged(place["meeting"], Meeting)


@FUZZ
@given(data=st.one_of(byte_mutations(LIBRARY_BYTES), line_mutations(LIBRARY_BYTES)))
def test_mutated_icebreaker_file(place: dict[str, Path], data: bytes) -> None:
    write(place["icebreakers"], data)
    library_or_damaged(place["icebreakers"])


@FUZZ
@given(data=st.one_of(byte_mutations(AGENDA_BYTES), line_mutations(AGENDA_BYTES)))
def test_mutated_agenda_file(place: dict[str, Path], data: bytes) -> None:
    write(place["agenda"], data)
    agenda_or_damaged(place["agenda"])
