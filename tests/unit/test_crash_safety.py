"""Crash safety: a process saving a meeting in a loop is killed with SIGKILL at many points.

After every kill the meeting file must load, hold one complete version (the counter matches the
notes: never a mix of two saves), be the last acknowledged save or the one after it, and a new
process must resume from it. Half-written temp files left by a kill are never taken for data.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import Store
from tests.unit._saver import notes_for

REPO = Path(__file__).resolve().parents[2]
KILLS = 36
DELAYS = [((k * 37) % 151) / 1000 for k in range(KILLS)]  # 0 to 150 ms, spread out, repeatable
TEMP_NAME = re.compile(r"^\.meeting-01\.toml\.[A-Za-z0-9_]+\.tmp$")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def start_saver(store: Store, group: Group, limit: int | None = None) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    argv = [sys.executable, "-m", "tests.unit._saver", str(store.root), group.id]
    if limit is not None:
        argv.append(str(limit))
    # unbuffered: ``wait_ready`` reads one line, and ``communicate`` then reads the pipe itself
    # (os.read on the file descriptor); lines a buffered reader had taken in early would be lost
    return subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)


def wait_ready(proc: subprocess.Popen[bytes]) -> int:
    """The counter the new process resumed from (it says so once it has loaded the meeting)."""
    assert proc.stdout is not None
    # byte by byte from the pipe: a buffered readline would also swallow the "saved" lines after it
    raw = b""
    while not raw.endswith(b"\n"):
        chunk = os.read(proc.stdout.fileno(), 1)
        if not chunk:
            break
        raw += chunk
    line = raw.decode()
    if not line.startswith("ready "):
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"saver did not start: {line!r} {err.decode()}")
    return int(line.split()[1])


def acknowledged(out: bytes, start: int) -> int:
    """The last counter whose save had returned before the kill."""
    saved = [int(line.split()[1]) for line in out.decode().splitlines() if line.startswith("saved ")]
    assert saved == list(range(start + 1, start + 1 + len(saved))), "saves out of order"
    return saved[-1] if saved else start


def counter_of(meeting: Meeting) -> int:
    value = meeting.stages.opening.actual_seconds
    assert value == int(value)
    return int(value)


def leftovers(folder: Path) -> list[Path]:
    """Temp files of saves that never finished."""
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_sigkill_during_saves_never_loses_or_mixes_a_meeting(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.status = "in_progress"
    meeting.current_stage = "opening"
    meeting.private_notes = notes_for(0)
    store.save_meeting(meeting)
    folder = store.group_dir(sample_group.id)

    last = 0
    for kills, delay in enumerate(DELAYS, start=1):
        proc = start_saver(store, sample_group)
        resumed = wait_ready(proc)
        assert resumed == last, "a restart must resume from the file as it was left"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, err.decode()  # killed, not crashed on its own
        acked = acknowledged(out, resumed)

        loaded = store.load_meeting(sample_group, 1)  # parses and validates: raises DamagedFile otherwise
        counter = counter_of(loaded)
        assert loaded.private_notes == notes_for(counter), f"kill {kills}: notes of one save, counter of another"
        # old or new: the last save that returned, or the one being written when the kill came
        assert counter in (acked, acked + 1), f"kill {kills}: file holds {counter}, last acknowledged save {acked}"
        assert loaded.status == "in_progress" and loaded.current_stage == "opening"

        # half-written saves are dot-files ending in .tmp, private, at most one per kill, and ignored
        assert all(p.name.startswith(".") for p in folder.iterdir() if p.name not in ("group.toml", "meeting-01.toml"))
        stray = leftovers(folder)
        assert all(TEMP_NAME.match(p.name) for p in stray), [p.name for p in stray]
        assert all(stat.S_IMODE(p.lstat().st_mode) == 0o600 for p in stray)
        assert len(stray) <= kills
        meetings, problems = store.load_meetings(sample_group)
        assert [m.number for m in meetings] == [1] and problems == []
        last = counter

    assert last > 0, "no save completed between the kills: the test did not exercise anything"
    loaded_all = store.load_all()
    assert loaded_all.problems == []
    assert [m.number for m in loaded_all.meetings[sample_group.id]] == [1]
    assert main(["check", str(folder)]) == 0
    assert main(["--data-dir", str(store.root), "check"]) == 0

    # a run left alone finishes its saves and leaves the last one
    proc = start_saver(store, sample_group, limit=5)
    assert wait_ready(proc) == last
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert acknowledged(out, last) == last + 5
    final = store.load_meeting(sample_group, 1)
    assert counter_of(final) == last + 5
    assert final.private_notes == notes_for(last + 5)
    assert len(final.private_notes) > 0


def test_temp_files_of_killed_saves_are_not_data(store: Store, sample_group: Group) -> None:
    """Leftovers of every shape a kill can leave (empty, half, whole) are ignored by every reader."""
    meeting = Meeting.new(sample_group, 1)
    meeting.private_notes = notes_for(1)
    path = store.save_meeting(meeting)
    whole = path.read_bytes()
    folder = path.parent
    (folder / ".meeting-01.toml.a1b2c3.tmp").write_bytes(b"")
    (folder / ".meeting-01.toml.d4e5f6.tmp").write_bytes(whole[: len(whole) // 2])
    (folder / ".meeting-02.toml.g7h8i9.tmp").write_bytes(whole.replace(b"number = 1", b"number = 2"))
    (folder / ".group.toml.j0k1l2.tmp").write_bytes(b"schema_version = 1\nid = ")

    meetings, problems = store.load_meetings(sample_group)
    assert [m.number for m in meetings] == [1] and problems == []
    loaded = store.load_all()
    assert loaded.problems == [] and [g.id for g in loaded.groups] == [sample_group.id]
    assert main(["--data-dir", str(store.root), "check"]) == 0
    # the next save still works beside them and leaves them alone
    meeting.private_notes = notes_for(2)
    store.save_meeting(meeting)
    assert store.load_meeting(sample_group, 1).private_notes == notes_for(2)
    assert (folder / ".meeting-01.toml.d4e5f6.tmp").read_bytes() == whole[: len(whole) // 2]
