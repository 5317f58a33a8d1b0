"""The mirror in a real terminal: one tmux pane runs the meeting, the other ``homeroom mirror``.

The mirror starts before the meeting opens, finds it when the runner opens it, follows a stage
change, and says "no meeting is running" again once the runner has let it go.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from homeroom_tui.store import Store
from tests.e2e.test_tmux import Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def command(data: Path, *args: str) -> str:
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "HOMEROOM_LANG": "en", "TERM": "xterm-256color"}
    return " ".join(
        [*(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "homeroom_tui", "--data-dir", str(data), *args]
    )


def test_the_mirror_pane_follows_the_runner_pane(tmp_path: Path) -> None:
    data = tmp_path / "data"
    group = Store(data).create_group("Rabu", ["Rina", "Sofyan", "Tari"])
    session = f"homeroom-mirror-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TMUX": ""}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "170", "-y", "40", command(data, "mirror") + "; sleep 30"],
        check=True,
        env=env,
    )
    mirror = Terminal(f"{session}:0.0")
    runner = Terminal(f"{session}:0.1")
    try:
        mirror.wait_for("No meeting is running")  # started before the meeting opens
        subprocess.run(
            ["tmux", "split-window", "-h", "-t", session, command(data, "meeting", group.id, "--no-bell")],
            check=True,
            env=env,
        )
        runner.wait_for("Attendance")
        screen = mirror.wait_for("Opening: time left")
        assert "Meeting 1 of 4" in screen and "Rina" not in screen and "Rabu" not in screen
        runner.keys("]")
        runner.wait_for("▶ Transition")
        mirror.wait_for("Transition: time left", timeout=10)
        runner.keys("q")  # back to the groups: the runner lets the meeting go
        mirror.wait_for("No meeting is running")
        mirror.keys("q")
        deadline = time.monotonic() + 10
        while "No meeting is running" in mirror.screen() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "No meeting is running" not in mirror.screen(), "q did not close the mirror"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    meeting = Store(data).load_meeting(group, 1)
    assert meeting.status == "in_progress" and meeting.current_stage == "transition"
    assert sorted(p.name for p in (data / "groups" / group.id).iterdir()) == ["group.toml", "meeting-01.toml"]


def test_the_mirror_ends_at_once_on_sigterm_and_gives_the_terminal_back(tmp_path: Path) -> None:
    """Closing the mirror from outside (SIGTERM): the process ends and the shell gets its screen back."""
    data = tmp_path / "data"
    session = f"homeroom-mirror-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TMUX": ""}
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "100",
            "-y",
            "30",
            command(data, "mirror") + "; echo ENDED $?; sleep 30",
        ],
        check=True,
        env=env,
    )
    mirror = Terminal(f"{session}:0.0")
    try:
        mirror.wait_for("No meeting is running")
        found = subprocess.run(["pgrep", "-f", f"{data} mirror"], capture_output=True, text=True)
        pids = [  # the mirror itself, not the pane's shell (whose command line holds it too)
            int(pid) for pid in found.stdout.split() if b"ENDED" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        assert pids, "the mirror's process"
        for pid in pids:
            os.kill(pid, 15)
        screen = mirror.wait_for("ENDED 0", timeout=10)
        assert "No meeting is running" not in screen  # application mode left: the shell's screen is back
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert not data.exists()  # nothing written, not even the folder
