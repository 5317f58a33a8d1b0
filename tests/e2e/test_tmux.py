"""homeroom in a real terminal: tmux runs it, we type like a counselor and read the file it wrote."""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from homeroom_tui.store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.session, key], check=True)
            time.sleep(0.25)  # a person types slower than tmux; each key settles first

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.session], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.session], capture_output=True)

    def pane_pid(self) -> int:
        result = subprocess.run(
            ["tmux", "list-panes", "-t", self.session, "-F", "#{pane_pid}"], capture_output=True, text=True
        )
        return int(result.stdout.split()[0])

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.session], capture_output=True).returncode == 0


def start(data: Path, *args: str, after: str = "") -> Terminal:
    """Run homeroom in a new 80x24 tmux session; ``after`` runs in the pane once it exits."""
    session = f"homeroom-{uuid.uuid4().hex[:8]}"
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "HOMEROOM_LANG": "en", "TERM": "xterm-256color"}
    command = " ".join(
        [*(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "homeroom_tui", "--data-dir", str(data), *args]
    )
    if after:
        command += f"; {after}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        check=True,
        env={**os.environ, "TMUX": ""},
    )
    return Terminal(session)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    data = tmp_path / "data"
    term = start(data)
    try:
        yield term, data
    finally:
        term.kill()


def test_create_a_group_in_a_real_terminal(terminal: tuple[Terminal, Path]) -> None:
    term, data = terminal
    term.wait_for("No groups yet")
    term.keys("n")
    term.wait_for("New group")
    term.keys("Kamis Group", "Enter", "Pak Dedi", "Tab", "Rina", "Enter", "Sofyan", "Enter", "Tari", "Tab")
    term.keys("Tab", "Tab", "2024-03-07", "C-s")
    screen = term.wait_for("Kamis Group")
    assert "meeting 1, 2024-03-07" in screen
    assert "Group 'Kamis Group' created." in screen
    term.keys("q")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not term.alive(), "q did not quit the app"
    group = Store(data).load_group("kamis-group")
    assert [m.name for m in group.members] == ["Rina", "Sofyan", "Tari"]
    assert group.counselor == "Pak Dedi"


def homeroom_pid(shell_pid: int) -> int:
    """The homeroom process under the pane's shell."""
    for _ in range(50):
        result = subprocess.run(["pgrep", "-P", str(shell_pid)], capture_output=True, text=True)
        pids = [int(p) for p in result.stdout.split()]
        if pids:
            return pids[0]
        time.sleep(0.1)
    return shell_pid


def test_run_a_meeting_then_sigterm_saves_and_restores_the_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    group = store.create_group("Rabu", ["Rina", "Sofyan", "Tari"])
    term = start(data, "meeting", group.id, "--no-bell", after="echo HOMEROOM-EXITED $?; sleep 30")
    try:
        term.wait_for("Attendance")
        term.keys("a")  # everyone present
        term.keys("F3", "Enter", "Rina from Tarbiyah", "Enter")
        term.wait_for("Rina from Tarbiyah")
        term.keys("F7", "A calm start")
        term.keys("Escape", "]")  # next stage: saved at once
        term.wait_for("▶ Transition")
        term.keys("F7", "typed right before the window closed")
        term.wait_for("typed right before the window closed")  # on the screen: the app has it
        os.kill(homeroom_pid(term.pane_pid()), signal.SIGTERM)
        screen = term.wait_for("HOMEROOM-EXITED 0")
        assert "Transition" not in screen  # the terminal is back to the shell, not left in the app's screen
    finally:
        term.kill()
    meeting = store.load_meeting(group, 1)
    assert meeting.status == "in_progress" and meeting.current_stage == "transition"
    assert [meeting.attendance[k].status for k in ("K1", "K2", "K3")] == ["present"] * 3
    assert meeting.answers["K1"].checkin == "Rina from Tarbiyah"
    assert meeting.stages.opening.notes == "A calm start"
    assert meeting.stages.transition.notes == "typed right before the window closed"


def test_closing_the_terminal_window_saves(tmp_path: Path) -> None:
    """Closing the window sends SIGHUP: what was typed is saved before homeroom goes."""
    data = tmp_path / "data"
    store = Store(data)
    group = store.create_group("Kamis", ["Rina", "Sofyan"])
    term = start(data, "meeting", group.id, "--no-bell")
    term.wait_for("Attendance")
    term.keys("F7", "last words before the lid closed")
    term.wait_for("last words before the lid closed")  # on the screen: the app has it
    pid = homeroom_pid(term.pane_pid())
    term.kill()  # tmux hangs up the pane, as a closed terminal window does
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    assert store.load_meeting(group, 1).stages.opening.notes == "last words before the lid closed"
