"""A corpus of damaged and hostile files of every kind homeroom reads: group, meeting, ice-breakers, agenda.

Each file gets a clear message from ``homeroom check`` (naming the file and the reason, no
traceback), shows as damaged where the app loads it (``Store.load_all``, ``load_library``,
``load_agenda`` fall back, never raise), is never overwritten by a save, and is never modified.
Special files (a FIFO, a symbolic link, a sparse file of gigabytes) are refused without being opened.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Literal

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Meeting
from homeroom_tui.program.agenda import load_agenda, parse_agenda
from homeroom_tui.program.icebreakers import load_library, parse_library
from homeroom_tui.store import DamagedFile, Problem, Store, check_file
from homeroom_tui.store.reading import MAX_FILE_BYTES

Kind = Literal["group", "meeting", "icebreakers", "agenda"]

GROUP_ID = "home-room-a"

GROUP = """# homeroom group file: plan and members. Format: docs/FORMAT.md. Confidential.
schema_version = 1
id = "home-room-a"
name = "Home Room A"
counselor = ""
created = 2024-01-08
meetings_planned = 4
first_meeting = 2024-01-15
every_days = 7
members = [
    { id = "K1", name = "Ani", active = true },
    { id = "K2", name = "Budi", active = true },
    { id = "K3", name = "Citra", active = true },
]

[minutes]
opening = 10
transition = 10
activity = 40
closing = 10
"""

_STAGE = """planned_min = {minutes}
actual_seconds = 0.0
extended_min = 0
checklist = []
round_done = []
notes = ""
"""

MEETING = (
    """# homeroom meeting file. Format: docs/FORMAT.md. Confidential counseling notes.
schema_version = 1
group_id = "home-room-a"
number = 2
date = 2024-01-22
status = "planned"
private_notes = ""
"""
    + "".join(
        f"\n[stages.{key}]\n" + _STAGE.format(minutes=minutes)
        for key, minutes in (("opening", 10), ("transition", 10), ("activity", 40), ("closing", 10))
    )
    + """
[attendance]
K1 = { status = "present" }

[name_recall]

[observations]

[answers]
"""
)

ICEBREAKER_ENTRY = """
[[icebreakers]]
id = "my-game"
name = { en = "My Game", id = "Permainanku" }
summary = { en = "A short game.", id = "Permainan singkat." }
steps = { en = ["Do it."], id = ["Lakukan."] }
purpose = "bonding"
stages = ["transition"]
duration_min = 5
duration_max = 10
group_min = 3
group_max = 12
energy = "low"
movement = false
materials = []
prep_minutes = 0
"""
ICEBREAKERS = "schema_version = 1\n" + ICEBREAKER_ENTRY

AGENDA = """schema_version = 1

[[meetings]]
number = 1

[meetings.opening]
checklist = [{ key = "greeting", en = "Greet everyone", id = "Ucapkan salam" }]
round = { answer = "checkin", en = "How are you?", id = "Apa kabar?" }
"""

GOOD: dict[Kind, str] = {"group": GROUP, "meeting": MEETING, "icebreakers": ICEBREAKERS, "agenda": AGENDA}
FILE_NAME: dict[Kind, str] = {
    "group": "group.toml",
    "meeting": "meeting-02.toml",
    "icebreakers": "icebreakers.toml",
    "agenda": "agenda.toml",
}
HUGE = 4 * 1024**3 + 1  # a 4 GiB sparse file: reading it would take long and fill the memory


@dataclass(frozen=True)
class Special:
    """Not content but a kind of file: ``fifo``, ``symlink`` (to a good file outside) or ``sparse``."""

    what: Literal["fifo", "symlink", "sparse"]


Content = bytes | Special


def sub(kind: Kind, old: str, new: str) -> bytes:
    text = GOOD[kind]
    assert old in text, old
    return text.replace(old, new, 1).encode()


def cut(kind: Kind, before: str, extra: int = 0) -> bytes:
    text = GOOD[kind]
    return text[: text.index(before) + extra].encode()


def deep(opening: str, closing: str, levels: int = 10_000) -> bytes:
    return f"schema_version = 1\nx = {opening * levels}1{closing * levels}\n".encode()


def wide_table(key: str, count: int = 1000) -> str:
    return key + " = { " + ", ".join(f"k{i} = {i}" for i in range(count)) + " }\n"


_rng = random.Random(20240115)
GARBAGE = bytes(_rng.randrange(1, 256) for _ in range(4096))  # no NUL: must fail as not UTF-8
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))

CORPUS: list[tuple[str, Kind, Content, str]] = [
    # --- group files ---------------------------------------------------------------------------
    ("group empty", "group", b"", "is empty"),
    ("group BOM only", "group", b"\xef\xbb\xbf", "is empty"),
    ("group whitespace only", "group", b"\n \t\r\n", "is empty"),
    ("group truncated mid-string", "group", cut("group", "Home Room A", 4), "a string is not closed"),
    ("group truncated mid-table header", "group", cut("group", "[minutes]", 4), "header is not closed"),
    ("group truncated mid-array", "group", cut("group", '{ id = "K2"'), "(end of file)"),
    ("group binary garbage", "group", GARBAGE, "not valid UTF-8"),
    ("group PNG image", "group", PNG, "NUL byte"),
    ("group NUL byte", "group", sub("group", 'name = "Home', 'name = "\x00Home'), "line 4: contains a NUL"),
    (
        "group invalid UTF-8",
        "group",
        GROUP.replace("Citra", "Désirée").encode("latin-1"),
        "line 13: is not valid UTF-8",
    ),
    ("group UTF-16 with BOM", "group", GROUP.encode("utf-16"), "not valid UTF-8"),
    ("group UTF-16-BE with BOM", "group", b"\xfe\xff" + GROUP.encode("utf-16-be"), "not valid UTF-8"),
    ("group HTML page", "group", b"<!doctype html>\n<html><body>404</body></html>\n", "not valid TOML"),
    ("group members as text", "group", sub("group", "members = [", 'members = "Ani"\nx = ['), "must be a list"),
    ("group wrong type", "group", sub("group", 'counselor = ""', "counselor = 5"), "must be text in quotes"),
    ("group out of range", "group", sub("group", "meetings_planned = 4", "meetings_planned = 0"), "at least 1"),
    ("group huge integer", "group", sub("group", "every_days = 7", f"every_days = {2**70}"), "at most 365"),
    ("group 1e400", "group", sub("group", "meetings_planned = 4", "meetings_planned = 1e400"), "whole number"),
    ("group nan", "group", sub("group", "every_days = 7", "every_days = nan"), "whole number"),
    ("group -inf", "group", sub("group", "opening = 10", "opening = -inf"), "whole number"),
    ("group deeply nested arrays", "group", deep("[", "]"), "nested too deeply"),
    ("group deeply nested tables", "group", deep("{a = ", "}"), "nested too deeply"),
    ("group 1000-key inline table", "group", cut("group", "[minutes]") + wide_table("minutes").encode(), "980 more"),
    ("group schema_version 0", "group", sub("group", "schema_version = 1", "schema_version = 0"), "unknown schema"),
    ("group schema_version newer", "group", sub("group", "schema_version = 1", "schema_version = 3"), "newer"),
    ("group schema_version 2**70", "group", sub("group", "schema_version = 1", f"schema_version = {2**70}"), "newer"),
    ("group schema_version missing", "group", sub("group", "schema_version = 1\n", ""), "required field is missing"),
    ("group missing required field", "group", sub("group", "created = 2024-01-08\n", ""), "created"),
    ("group extra unknown key", "group", sub("group", "counselor", 'colour = "blue"\ncounselor'), "unknown field"),
    ("group dotted key redefines table", "group", sub("group", "\nmembers", "\nminutes.opening = 5\nmembers"), "twice"),
    ("group duplicate table", "group", (GROUP + "\n[minutes]\nopening = 5\n").encode(), "twice"),
    ("group duplicate key", "group", sub("group", "counselor", 'name = "B"\ncounselor'), "twice"),
    ("group date 0000-01-01", "group", sub("group", "created = 2024-01-08", "created = 0000-01-01"), "not valid"),
    ("group date 2023-02-29", "group", sub("group", "created = 2024-01-08", "created = 2023-02-29"), "not valid"),
    ("group datetime for a date", "group", sub("group", "2024-01-08", "2024-01-08T09:00:00"), "must be a date"),
    (
        "group key with newline and escape",
        "group",
        sub("group", "counselor", '"na\\nme\\u001b[2J" = 1\ncounselor'),
        "…: unknown field",
    ),
    ("group control characters in name", "group", sub("group", "Home Room A", "Home\\u0007Room"), "control char"),
    ("group raw control character", "group", sub("group", "Home Room A", "Home\x1bRoom"), "not allowed here"),
    ("group id not its folder", "group", sub("group", f'id = "{GROUP_ID}"', 'id = "other"'), "folder"),
    ("group duplicate member ids", "group", sub("group", '"K2"', '"K1"'), "K1 is used twice"),
    ("group bad member id", "group", sub("group", '"K3"', '"K3; rm -rf"'), "member id like K1"),
    ("group sparse 4 GiB", "group", Special("sparse"), f"too large ({HUGE} bytes"),
    ("group symlink", "group", Special("symlink"), "symbolic link"),
    ("group FIFO", "group", Special("fifo"), "not a regular file"),
    # --- meeting files -------------------------------------------------------------------------
    ("meeting empty", "meeting", b"", "is empty"),
    ("meeting truncated mid-string", "meeting", cut("meeting", 'status = "planned"', 12), "string is not closed"),
    ("meeting truncated mid-table", "meeting", cut("meeting", "[stages.closing]", 10), "header is not closed"),
    ("meeting truncated before a table", "meeting", cut("meeting", "[stages.closing]"), "stages.closing"),
    ("meeting truncated mid-inline-table", "meeting", cut("meeting", '"present" }'), "(end of file)"),
    ("meeting missing all stages", "meeting", cut("meeting", "\n[stages.opening]"), "stages: required field"),
    ("meeting stages not a table", "meeting", cut("meeting", "\n[stages.opening]") + b"stages = 5\n", "a table"),
    ("meeting NUL in notes", "meeting", sub("meeting", 'private_notes = ""', 'private_notes = "a\x00"'), "NUL"),
    (
        "meeting invalid UTF-8 in notes",
        "meeting",
        MEETING.replace('private_notes = ""', 'private_notes = "caf\xe9"').encode("latin-1"),
        "not valid UTF-8",
    ),
    ("meeting UTF-16 with BOM", "meeting", MEETING.encode("utf-16"), "not valid UTF-8"),
    ("meeting status unknown", "meeting", sub("meeting", '"planned"', '"done"'), "must be one of"),
    ("meeting number mismatch", "meeting", sub("meeting", "number = 2", "number = 3"), "says meeting 3"),
    ("meeting number 2**70", "meeting", sub("meeting", "number = 2", f"number = {2**70}"), "at most 100"),
    ("meeting number 1e400", "meeting", sub("meeting", "number = 2", "number = 1e400"), "whole number"),
    ("meeting other group", "meeting", sub("meeting", f'"{GROUP_ID}"', '"other-group"'), "'other-group'"),
    ("meeting seconds inf", "meeting", sub("meeting", "actual_seconds = 0.0", "actual_seconds = inf"), "finite number"),
    (
        "meeting seconds nan",
        "meeting",
        sub("meeting", "actual_seconds = 0.0", "actual_seconds = nan"),
        "actual_seconds (line 11): must be a finite number",
    ),
    ("meeting seconds -1", "meeting", sub("meeting", "actual_seconds = 0.0", "actual_seconds = -1.0"), "at least"),
    ("meeting seconds text", "meeting", sub("meeting", "actual_seconds = 0.0", 'actual_seconds = "0"'), "a number"),
    (
        "meeting datetime without offset",
        "meeting",
        sub("meeting", "private_notes", "started_at = 2024-01-22T09:00:00\nprivate_notes"),
        "needs a timezone offset",
    ),
    (
        "meeting ended before started",
        "meeting",
        sub(
            "meeting",
            "private_notes",
            "started_at = 2024-01-22T10:00:00+07:00\nended_at = 2024-01-22T09:00:00+07:00\nprivate_notes",
        ),
        "ended_at is before started_at",
    ),
    ("meeting date 0000-01-01", "meeting", sub("meeting", "date = 2024-01-22", "date = 0000-01-01"), "not valid"),
    ("meeting date 2024-02-30", "meeting", sub("meeting", "date = 2024-01-22", "date = 2024-02-30"), "not valid"),
    ("meeting unknown member", "meeting", sub("meeting", "K1 = {", "K9 = {"), "member K9"),
    ("meeting recall self", "meeting", sub("meeting", "[name_recall]\n", '[name_recall]\nK1 = ["K1"]\n'), "themself"),
    (
        "meeting 1000-key inline table",
        "meeting",
        MEETING.replace("\n[observations]\n", "")
        .replace("\nprivate_notes", "\n" + wide_table("observations") + "private_notes")
        .encode(),
        "more problems",
    ),
    ("meeting windows path in notes", "meeting", sub("meeting", 'notes = ""', 'notes = "C:\\Users\\ani"'), "backslash"),
    ("meeting deeply nested arrays", "meeting", deep("[", "]"), "nested too deeply"),
    ("meeting sparse 4 GiB", "meeting", Special("sparse"), f"too large ({HUGE} bytes"),
    ("meeting symlink", "meeting", Special("symlink"), "symbolic link"),
    ("meeting FIFO", "meeting", Special("fifo"), "not a regular file"),
    # --- ice-breaker files ---------------------------------------------------------------------
    ("icebreakers empty", "icebreakers", b"", "is empty"),
    ("icebreakers BOM only", "icebreakers", b"\xef\xbb\xbf", "is empty"),
    ("icebreakers garbage", "icebreakers", GARBAGE, "not valid UTF-8"),
    ("icebreakers UTF-16", "icebreakers", ICEBREAKERS.encode("utf-16"), "not valid UTF-8"),
    ("icebreakers list missing", "icebreakers", b"schema_version = 1\n", "icebreakers: required field is missing"),
    ("icebreakers not a list", "icebreakers", b'schema_version = 1\nicebreakers = "x"\n', "must be a list"),
    ("icebreakers truncated mid-array", "icebreakers", cut("icebreakers", '["Do it."]', 10), "(end of file)"),
    ("icebreakers newer schema", "icebreakers", sub("icebreakers", "version = 1", "version = 9"), "newer"),
    ("icebreakers durations reversed", "icebreakers", sub("icebreakers", "max = 10", "max = 2"), "duration_min is"),
    ("icebreakers duplicate id", "icebreakers", (ICEBREAKERS + ICEBREAKER_ENTRY).encode(), "earlier entry"),
    ("icebreakers unknown purpose", "icebreakers", sub("icebreakers", '"bonding"', '"fun"'), "must be one of"),
    ("icebreakers languages differ", "icebreakers", sub("icebreakers", '["Do it."]', '["A", "B"]'), "same number"),
    ("icebreakers group_max 1e400", "icebreakers", sub("icebreakers", "max = 12", "max = 1e400"), "whole number"),
    ("icebreakers deeply nested", "icebreakers", deep("[", "]"), "nested too deeply"),
    ("icebreakers sparse 4 GiB", "icebreakers", Special("sparse"), f"too large ({HUGE} bytes"),
    ("icebreakers symlink", "icebreakers", Special("symlink"), "symbolic link"),
    ("icebreakers FIFO", "icebreakers", Special("fifo"), "not a regular file"),
    # --- agenda files --------------------------------------------------------------------------
    ("agenda empty", "agenda", b"", "is empty"),
    ("agenda NUL", "agenda", b"\x00" * 64, "NUL"),
    ("agenda UTF-16", "agenda", AGENDA.encode("utf-16"), "not valid UTF-8"),
    ("agenda no meetings", "agenda", b"schema_version = 1\nmeetings = []\n", "too few entries"),
    ("agenda schema_version missing", "agenda", sub("agenda", "schema_version = 1\n", ""), "schema_version"),
    ("agenda duplicate number", "agenda", (AGENDA + "\n[[meetings]]\nnumber = 1\n").encode(), "listed twice"),
    ("agenda bad item key", "agenda", sub("agenda", '"greeting"', '"Greet Everyone"'), "not allowed here"),
    (
        "agenda duplicate item keys",
        "agenda",
        sub("agenda", "}]", '}, { key = "greeting", en = "a", id = "b" }]'),
        "key",
    ),
    ("agenda unknown panel", "agenda", sub("agenda", "checklist = [", 'panel = "dashboard"\nchecklist = ['), "one of"),
    ("agenda unknown answer", "agenda", sub("agenda", '"checkin"', '"mood"'), "must be one of"),
    ("agenda number 0", "agenda", sub("agenda", "number = 1", "number = 0"), "at least 1"),
    ("agenda unknown stage", "agenda", sub("agenda", "[meetings.opening]", "[meetings.lunch]"), "unknown field"),
    ("agenda truncated", "agenda", cut("agenda", "[meetings.opening]", 6), "header is not closed"),
    ("agenda sparse 4 GiB", "agenda", Special("sparse"), f"too large ({HUGE} bytes"),
    ("agenda symlink", "agenda", Special("symlink"), "symbolic link"),
    ("agenda FIFO", "agenda", Special("fifo"), "not a regular file"),
]
IDS = [entry[0] for entry in CORPUS]


@pytest.fixture(autouse=True)
def never_hang() -> Iterator[None]:
    """Opening a FIFO for reading blocks: fail the test instead of hanging the suite."""

    def timeout(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("a loader blocked on a special file")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def data(tmp_path: Path) -> Store:
    """A data folder with one good group of three members."""
    store = Store(tmp_path / "data")
    store.create_group("Home Room A", ["Ani", "Budi", "Citra"], first_meeting=dt.date(2024, 1, 15))
    store.group_path(GROUP_ID).write_text(GROUP)
    return store


def place(store: Store, kind: Kind, content: Content) -> Path:
    """Put the file where homeroom looks for its kind; a symlink points to a good file outside."""
    folder = store.group_dir(GROUP_ID) if kind in ("group", "meeting") else store.root
    path = folder / FILE_NAME[kind]
    if path.exists():
        path.unlink()
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content.what == "fifo":
        os.mkfifo(path, 0o600)
    elif content.what == "symlink":
        outside = store.root.parent / "outside" / FILE_NAME[kind]
        outside.parent.mkdir(exist_ok=True)
        outside.write_text(GOOD[kind])
        path.symlink_to(outside)
    else:
        with path.open("wb") as handle:
            handle.truncate(HUGE)
    return path


def snapshot(path: Path) -> tuple[object, ...]:
    """What the file is, to prove it was not touched: its kind and, for files that can be read, its bytes."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        target = path.readlink()
        return ("link", str(target), target.read_bytes())
    if stat.S_ISFIFO(info.st_mode):
        return ("fifo", stat.S_IMODE(info.st_mode))
    if info.st_size > MAX_FILE_BYTES:
        return ("big", info.st_size, info.st_blocks, info.st_mtime_ns)
    return ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))


def messages(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def test_corpus_is_large_and_covers_every_kind() -> None:
    assert len(CORPUS) >= 30
    assert len(set(IDS)) == len(IDS)
    assert {kind for _, kind, _, _ in CORPUS} == {"group", "meeting", "icebreakers", "agenda"}
    assert {c.what for _, _, c, _ in CORPUS if isinstance(c, Special)} == {"fifo", "symlink", "sparse"}


@pytest.mark.parametrize("kind", ["group", "meeting", "icebreakers", "agenda"])
def test_the_good_files_the_corpus_damages_are_good(
    data: Store, kind: Kind, capsys: pytest.CaptureFixture[str]
) -> None:
    path = place(data, kind, GOOD[kind].encode())
    assert main(["check", str(path)]) == 0, capsys.readouterr()
    if kind == "meeting":
        meeting = data.load_meeting(data.load_group(GROUP_ID), 2)
        assert meeting.attendance["K1"].status == "present"


@pytest.mark.parametrize(("label", "kind", "content", "expected"), CORPUS, ids=IDS)
def test_check_names_the_file_and_the_reason(
    data: Store, capsys: pytest.CaptureFixture[str], label: str, kind: Kind, content: Content, expected: str
) -> None:
    path = place(data, kind, content)
    before = snapshot(path)
    capsys.readouterr()
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    lines = out.splitlines()
    assert lines, err
    assert all(line.startswith(f"{path}: ") for line in lines), out  # one problem a line, each naming the file
    assert expected in out, out
    assert "Traceback" not in out + err
    assert "\x1b" not in out + err and "\x00" not in out + err
    assert snapshot(path) == before


@pytest.mark.parametrize(("label", "kind", "content", "expected"), CORPUS, ids=IDS)
def test_the_app_lists_it_as_damaged_and_falls_back(
    data: Store, label: str, kind: Kind, content: Content, expected: str
) -> None:
    path = place(data, kind, content)
    before = snapshot(path)
    if kind in ("group", "meeting"):
        loaded = data.load_all()  # never raises
        mine = [p for p in loaded.problems if p.path == path]
        assert mine and expected in messages(mine), messages(loaded.problems)
        if kind == "group":
            assert loaded.groups == []
        else:
            assert [g.id for g in loaded.groups] == [GROUP_ID]
            assert [m.number for m in loaded.meetings[GROUP_ID]] == []
        assert messages(check_file(path)) == messages(mine)
    elif kind == "icebreakers":
        with pytest.raises(DamagedFile) as info:
            parse_library(path)
        assert expected in messages(info.value.problems)
        library = load_library(data.root)
        builtin = load_library(None)
        assert library.fell_back and library.user_file == path
        assert messages(library.problems) == messages(info.value.problems)
        assert library.items == builtin.items and len(builtin) > 0
    else:
        with pytest.raises(DamagedFile) as info:
            parse_agenda(path)
        assert expected in messages(info.value.problems)
        agenda = load_agenda(data.root)
        assert agenda.fell_back and agenda.user_file == path
        assert messages(agenda.problems) == messages(info.value.problems)
        assert agenda.items == load_agenda(None).items
    assert snapshot(path) == before


# a meeting that mentions a member the group file no longer has is listed as damaged by the loader, but
# a save (which does not read the group file) still replaces it: known gap, see docs/RELIABILITY.md
SAVE_GAPS: set[str] = set()
GROUP_AND_MEETING = [
    pytest.param(*entry, id=entry[0], marks=[pytest.mark.xfail(strict=True)] if entry[0] in SAVE_GAPS else [])
    for entry in CORPUS
    if entry[1] in ("group", "meeting")
]


@pytest.mark.parametrize(("label", "kind", "content", "expected"), GROUP_AND_MEETING)
def test_a_save_never_overwrites_it(data: Store, label: str, kind: Kind, content: Content, expected: str) -> None:
    group = data.load_group(GROUP_ID)
    path = place(data, kind, content)
    before = snapshot(path)
    with pytest.raises(DamagedFile) as info:
        if kind == "group":
            data.save_group(group)
        else:
            data.save_meeting(Meeting.new(group, 2))
    assert info.value.problems[0].path == path
    assert snapshot(path) == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("kind", ["group", "meeting", "icebreakers", "agenda"])
def test_absurd_size_is_refused_without_opening(data: Store, monkeypatch: pytest.MonkeyPatch, kind: Kind) -> None:
    path = place(data, kind, Special("sparse"))
    real_open = os.open

    def guarded_open(file: str | os.PathLike[str], *args: Any, **kwargs: Any) -> int:
        assert os.fspath(file) != os.fspath(path), "the huge file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    problems = check_file(path) if kind in ("group", "meeting") else []
    if kind == "icebreakers":
        problems = load_library(data.root).problems
    elif kind == "agenda":
        problems = load_agenda(data.root).problems
    assert len(problems) == 1
    assert str(HUGE) in problems[0].reason and "not read" in problems[0].reason


def test_everything_at_once_is_listed_and_the_good_files_still_load(
    data: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """One data folder holding a FIFO meeting, a symlinked agenda and a garbage ice-breaker file."""
    group = data.load_group(GROUP_ID)
    good = Meeting.new(group, 1)
    data.save_meeting(good)
    fifo = place(data, "meeting", Special("fifo"))
    agenda = place(data, "agenda", Special("symlink"))
    library = place(data, "icebreakers", GARBAGE)
    huge = data.meeting_path(GROUP_ID, 3)
    with huge.open("wb") as handle:
        handle.truncate(HUGE)
    code = main(["--data-dir", str(data.root), "check"])
    out, err = capsys.readouterr()
    assert code == 1
    named = {line.split(": ", 1)[0] for line in out.splitlines()}
    assert named == {str(fifo), str(agenda), str(library), str(huge)}
    assert "Traceback" not in out + err
    loaded = data.load_all()
    assert loaded.meetings[GROUP_ID] == [good]
    assert {p.path for p in loaded.problems} == {fifo, huge}
