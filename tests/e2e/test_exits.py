"""A real homeroom process under tmux: closing the terminal, SIGTERM, SIGINT and SIGHUP each end
the process, release the meeting's lock and leave the last text in the file.

The same run as ``scripts/closes.py`` (which does it 200 times and measures the second), with a
handful of closes and a generous timeout: a pass/fail test asserts no timing.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from homeroom_tui.store import Store
from homeroom_tui.store.lock import lock_path

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

REPO = Path(__file__).resolve().parents[2]


def closes_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("closes", REPO / "scripts" / "closes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["closes"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def closes() -> Iterator[ModuleType]:
    module = closes_script()
    yield module
    module.tmux("kill-server")  # its own tmux server, and the socket file it leaves
    (Path(tempfile.gettempdir()) / f"tmux-{os.getuid()}" / module.SOCKET).unlink(missing_ok=True)


def test_closing_the_terminal_a_few_times(closes: ModuleType, tmp_path: Path) -> None:
    rng = random.Random(20240115)
    for n in range(4):
        result = closes.one_close(rng, tmp_path, n)
        assert not result.detail, result.detail
        assert result.ended, f"close {n}: homeroom still running {result.seconds:.1f} s after the terminal closed"
        assert result.lock_gone, f"close {n}: the lock file was left behind"
        assert result.saved, f"close {n}: on the screen {result.screen_text!r}, in the file {result.saved_text!r}"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_signal_ends_saves_and_releases(closes: ModuleType, tmp_path: Path, sig: signal.Signals) -> None:
    result = closes.one_close(random.Random(sig.value), tmp_path, 0, sig)
    assert not result.detail, result.detail
    assert result.ended, f"still running {result.seconds:.1f} s after {sig.name}"
    assert result.lock_gone
    assert result.saved, (result.screen_text, result.saved_text)


def test_closing_the_terminal_keeps_the_notes_line_typed_without_enter(closes: ModuleType, tmp_path: Path) -> None:
    """The round's notes line (after every member's answer) typed at full speed, no Enter, then the
    terminal window is closed: the line is in the stage's notes and the lock is gone."""
    store = Store(tmp_path / "data")
    group = store.create_group("Notes line", ["Rina", "Sofyan", "Tari"])
    session = f"exits-notes-line-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    pid = closes.start(tmp_path / "data", group.id, session, tmp_path / "recovery")
    answers = ["Rina here", "Sofyan too", "Tari glad"]
    line = "warm room [b]q[/b] ] 1"
    try:
        assert closes.wait_for(session, "F3 Round"), closes.screen(session)
        # every key at once, no pause: the round, three answers, then the stage's notes line
        closes.tmux("send-keys", "-t", session, "F3", "Enter")
        for answer in answers:
            closes.tmux("send-keys", "-t", session, "-l", answer)
            closes.tmux("send-keys", "-t", session, "Enter")
        closes.tmux("send-keys", "-t", session, "-l", line)
        assert closes.wait_for(session, line), closes.screen(session)  # on the screen, not entered
        closes.tmux("kill-window", "-t", session)  # the terminal is gone: SIGHUP
        closes.wait_ended(pid, time.monotonic())
        assert not closes.alive(pid), "homeroom still running after its terminal closed"
    finally:
        closes.tmux("kill-session", "-t", session)
        closes.kill(pid)
    assert not lock_path(store.meeting_path(group.id, 1)).exists()
    meeting = store.load_meeting(group, 1)
    assert meeting.stages.opening.notes == line
    assert [meeting.answers[k].checkin for k in ("K1", "K2", "K3")] == answers
