"""homeroom in a real terminal: tmux runs it, we type like a counselor and read the file it wrote."""

import os
import shutil
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

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.session], capture_output=True).returncode == 0


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    data = tmp_path / "data"
    session = f"homeroom-{uuid.uuid4().hex[:8]}"
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "HOMEROOM_LANG": "en", "TERM": "xterm-256color"}
    command = " ".join(
        [
            *(f"{k}={v}" for k, v in env.items()),
            sys.executable,
            "-m",
            "homeroom_tui",
            "--data-dir",
            str(data),
        ]
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        check=True,
        env={**os.environ, "TMUX": ""},
    )
    try:
        yield Terminal(session), data
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


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
