"""A counselor typing without looking, in a real terminal: every key of a whole round is sent to
tmux in one go, with no pause, then the file is read. Nine answers land in their members' rows,
the tenth in the stage's notes, and no typed letter fires a command."""

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

NINE = ["Aisyah", "Bima", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hendra", "Intan"]
TRAPS = "i q ] [ p f + - a n 1 5 / @ _ [brackets]"


def run_in_tmux(data: Path, lang: str, size: tuple[int, int], *args: str) -> Terminal:
    session = f"homeroom-typing-{uuid.uuid4().hex[:8]}"
    root = Path(__file__).resolve().parents[2]
    env = f"PYTHONPATH={root} HOMEROOM_LANG={lang} TERM=xterm-256color"
    command = f"{env} {sys.executable} -m homeroom_tui --data-dir {data} {' '.join(args)}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command],
        check=True,
        env={**os.environ, "TMUX": ""},
    )
    return Terminal(session)


@pytest.mark.parametrize(("lang", "size", "ready"), [("id", (80, 24), "Ingat nama"), ("en", (120, 40), "Recall")])
def test_a_whole_round_typed_at_full_speed(tmp_path: Path, lang: str, size: tuple[int, int], ready: str) -> None:
    data = tmp_path / "data"
    store = Store(data)
    group = store.create_group("Home Room", NINE)
    term = run_in_tmux(data, lang, size, "meeting", group.id, "--no-bell")
    answers = [f"{name} {TRAPS} #{n}" for n, name in enumerate([*NINE, "extra"], 1)]
    try:
        term.wait_for(ready)
        time.sleep(1)  # the runner is up; from here on no pause at all
        keys = ["F3", "Enter"]
        for answer in answers:
            keys += [answer, "Enter"]
        subprocess.run(["tmux", "send-keys", "-t", term.session, *keys], check=True)
        # Esc then q in one burst reads as Alt+Q in any terminal (ESC is also the start of a key's
        # code): a person's Esc comes with a moment before the next key
        term.wait_for("Everyone has had a turn" if lang == "en" else "Semua sudah mendapat giliran.")
        time.sleep(2)  # the tenth answer goes on arriving
        term.keys("Escape")
        term.keys("q")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (data / "groups" / group.id / "meeting-01.toml").exists():
            time.sleep(0.2)
        lock = data / "groups" / group.id / ".meeting-01.toml.lock"
        while time.monotonic() < deadline and lock.exists():  # q: back to the groups, the lock let go
            time.sleep(0.2)
        assert not lock.exists(), term.screen()
    finally:
        term.kill()
    meeting = store.load_meeting(group, 1)
    assert [meeting.answers[f"K{n}"].checkin for n in range(1, 10)] == answers[:9]
    assert meeting.stages.opening.notes == answers[9]
    assert meeting.current_stage == "opening" and meeting.icebreaker is None
    assert meeting.stages.opening.extended_min == 0


@pytest.mark.parametrize(
    ("lang", "size", "ready", "left"),
    [("id", (80, 24), "Ingat nama", "sisa 7 menit"), ("en", (120, 40), "Recall", "7 min left")],
)
def test_a_dialog_opened_and_answered_in_one_burst(
    tmp_path: Path, lang: str, size: tuple[int, int], ready: str, left: str
) -> None:
    """ "e", clear the field, "+7", Enter, all at once: the dialog opens, takes every key in order
    (the field's own Ctrl+U before the "+" typed after it) and the agreed end is saved."""
    data = tmp_path / "data"
    store = Store(data)
    group = store.create_group("Home Room", NINE[:3])
    term = run_in_tmux(data, lang, size, "meeting", group.id, "--no-bell")
    try:
        term.wait_for(ready)
        time.sleep(1)  # the runner is up; from here on no pause at all
        subprocess.run(["tmux", "send-keys", "-t", term.session, "e", "C-u", "x+1", "C-u", "+7", "Enter"], check=True)
        term.wait_for(left)
        term.keys("q")
        lock = data / "groups" / group.id / ".meeting-01.toml.lock"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and lock.exists():
            time.sleep(0.2)
        assert not lock.exists(), term.screen()
    finally:
        term.kill()
    meeting = store.load_meeting(group, 1)
    assert meeting.agreed_end is not None and meeting.started_at is not None
    assert 6 <= (meeting.agreed_end - meeting.started_at).total_seconds() / 60 <= 8
