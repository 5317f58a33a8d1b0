"""Escape codes in notes and files never reach a real terminal: tmux's pane title stays its own.

A note holding ``ESC ]2;secret BEL`` once set the terminal window's title to the private note.
Here homeroom shows such notes in the runner, the review and an export to stdout, inside tmux,
and the pane's title (which that sequence would set) must never become ``secret``.
"""

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.test_tmux import Terminal, start
from tests.hostile_data import GROUP_ID, write_hostile

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def pane_title(term: Terminal) -> str:
    result = subprocess.run(
        ["tmux", "display-message", "-p", "-t", term.session, "#{pane_title}"], capture_output=True, text=True
    )
    return result.stdout.strip()


def test_notes_with_escape_codes_stay_on_the_screen(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_hostile(data)
    term = start(data, "meeting", GROUP_ID, "--no-bell", after="sleep 30")
    try:
        before = pane_title(term)
        assert "secret" not in before
        term.wait_for("Kelas [/XI]")
        term.keys("F7")
        screen = term.wait_for("Rahasia")
        assert "␛]2;secret" in screen  # the private note's escape code, drawn as a picture
        term.keys("Escape", "q")
        term.wait_for("Groups")
        term.keys("v")
        term.wait_for("Review")
        term.keys("Enter")
        term.wait_for("read-only")
        time.sleep(0.5)  # not a refresh: the time an escape code would take to retitle the pane, were it sent
        assert pane_title(term) == before
        assert "secret" not in pane_title(term)
    finally:
        term.kill()


def test_export_to_a_real_terminal_prints_escapes_as_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_hostile(data)
    term = start(data, "export", GROUP_ID, "--names", "--private", after="echo EXPORT-DONE; sleep 30")
    try:
        before = pane_title(term)
        term.wait_for("EXPORT-DONE")
        subprocess.run(["tmux", "send-keys", "-t", term.session, ""], check=False)
        assert "secret" not in pane_title(term) and pane_title(term) == before
        history = subprocess.run(
            ["tmux", "capture-pane", "-p", "-S", "-2000", "-t", term.session], capture_output=True, text=True
        ).stdout
        assert "\\x1b" in history and "secret\\x07" in history  # shown as text (Markdown escapes the ])
    finally:
        term.kill()
