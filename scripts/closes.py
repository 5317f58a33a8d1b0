"""Close the terminal on a running homeroom at random moments and count what goes wrong.

Each close: a fresh data folder with one group; ``homeroom meeting GROUP`` runs in a new tmux
session (80x24); the notes panel gets a first piece of text (waited for on the screen), then a
second piece is typed and, at a random moment from 0 to 1.2 s later (while typing, before or
after the autosave), the tmux session is killed: the terminal is gone and homeroom gets SIGHUP.
Then we check:

- **ended**: the process is gone (a hang: still there 5 s later; it is then killed with SIGKILL);
- **lock**: the lock file ``.meeting-01.toml.lock`` is gone;
- **saved**: the notes in the meeting file start with everything that was on the screen when the
  terminal was closed, and are no more than what was typed.

It prints one line per failure and the counts, and the time from the close to the end of the
process (median, 95th percentile, maximum, how many over one second).

    python scripts/closes.py                  # 200 closes
    python scripts/closes.py --closes 20 --seed 7 --signal TERM
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from homeroom_tui.store import Store  # noqa: E402
from homeroom_tui.store.lock import lock_path  # noqa: E402

HANG_SECONDS = 5.0
WORDS = ["tenang", "berani", "teman", "cerita", "bicara", "senyum", "mendengar", "berbagi", "mencoba", "percaya"]


@dataclass
class Close:
    """What one close found."""

    ended: bool = False
    seconds: float = 0.0
    lock_gone: bool = False
    saved: bool = False
    detail: str = ""
    screen_text: str = ""
    saved_text: str = ""


SOCKET = f"homeroom-closes-{os.getpid()}"
"""A tmux server of our own: other tmux sessions on the machine neither see nor disturb these."""


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, env={**os.environ, "TMUX": ""})


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_for(session: str, text: str, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in screen(session):
            return True
        time.sleep(0.05)
    return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (ended, not yet reaped by tmux) counts as ended
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def wait_ended(pid: int, since: float) -> float:
    """Wait until the process has ended (at most ``HANG_SECONDS`` after ``since``, a ``time.monotonic()``);
    the seconds from ``since``."""
    while alive(pid) and time.monotonic() - since < HANG_SECONDS:
        time.sleep(0.01)
    return time.monotonic() - since


def kill(pid: int, sig: signal.Signals = signal.SIGKILL) -> None:
    """Send ``sig`` unless the process has already gone."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def start(data: Path, group_id: str, session: str, recovery: Path, app_repo: Path = REPO, lang: str = "en") -> int:
    """homeroom (from ``app_repo``, in ``lang``) on the group's meeting in a new tmux session; its process id."""
    env = [
        f"PYTHONPATH={app_repo}",
        f"HOMEROOM_LANG={lang}",
        "TERM=xterm-256color",
        f"HOMEROOM_RECOVERY_DIR={recovery}",
    ]
    argv = ["env", *env, sys.executable, "-m", "homeroom_tui", "--data-dir", str(data), "meeting", group_id]
    size = ["-x", "80", "-y", "24"]
    where = ["-c", str(app_repo)]  # python -m imports from the current folder first
    result = tmux("new-session", "-d", "-s", session, *size, *where, "-P", "-F", "#{pane_pid}", *argv, "--no-bell")
    return int(result.stdout.strip())


def longest_shown_prefix(shown: str, typed: str) -> str:
    """The longest start of ``typed`` that is on the screen (the notes fit on one line).

    Without trailing spaces: the text area pads its line with spaces, so a typed space at the
    end cannot be told from the padding.
    """
    for n in range(len(typed), 0, -1):
        if typed[:n] in shown:
            return typed[:n].rstrip()
    return ""


def one_close(
    rng: random.Random,
    work: Path,
    n: int,
    sig: signal.Signals | None = None,
    max_delay: float = 1.2,
    app_repo: Path = REPO,
) -> Close:
    """Run homeroom, type, close the terminal (or send ``sig``) at a random moment; what happened."""
    data = work / f"data-{n}"
    recovery = work / f"recovery-{n}"
    store = Store(data)
    group = store.create_group("Close test", ["Rina", "Sofyan", "Tari"])
    session = f"exits-closes-{os.getpid()}-{n}-{uuid.uuid4().hex[:6]}"
    result = Close()
    pid = start(data, group.id, session, recovery, app_repo)
    try:
        if not wait_for(session, "Attendance"):
            result.detail = "did not start: " + screen(session)[-300:]
            return result
        first = f"c{n} {rng.choice(WORDS)}"
        second = f" {rng.choice(WORDS)} {rng.choice(WORDS)}"
        typed = first + second
        tmux("send-keys", "-t", session, "F7")
        if not wait_for(session, "Private notes", timeout=15):
            result.detail = "notes panel never shown: " + screen(session)[-300:]
            return result
        tmux("send-keys", "-t", session, "-l", first)
        if not wait_for(session, first, timeout=15):
            result.detail = "first text never shown: " + screen(session)
            return result
        tmux("send-keys", "-t", session, "-l", second)
        time.sleep(rng.uniform(0, max_delay))
        # at least the first piece: it was on the screen before the second was typed
        shown = max(longest_shown_prefix(screen(session), typed), first, key=len)
        closed = time.monotonic()
        if sig is None:
            tmux("kill-session", "-t", session)  # the terminal is gone: SIGHUP
        else:
            kill(pid, sig)
        result.seconds = wait_ended(pid, closed)
        result.ended = not alive(pid)
        if not result.ended:
            kill(pid)
            time.sleep(0.2)
        result.lock_gone = not lock_path(store.meeting_path(group.id, 1)).exists()
        notes = store.load_meeting(group, 1).stages.opening.notes
        result.screen_text, result.saved_text = shown, notes
        result.saved = notes.startswith(shown) and typed.startswith(notes)
        return result
    finally:
        tmux("kill-session", "-t", session)
        kill(pid)


@dataclass
class Counts:
    closes: int = 0
    hangs: int = 0
    locks_left: int = 0
    not_saved: int = 0
    not_started: int = 0
    over_one_second: int = 0
    seconds: list[float] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--closes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--signal", choices=["HUP", "TERM", "INT"], default=None, help="send it instead of closing")
    parser.add_argument("--app-repo", type=Path, default=REPO, help="run homeroom from this checkout (a baseline)")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("closes.py needs tmux", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    sig = getattr(signal, f"SIG{args.signal}") if args.signal else None
    counts = Counts()
    with tempfile.TemporaryDirectory(prefix="homeroom-closes-") as tmp:
        for n in range(1, args.closes + 1):
            close = one_close(rng, Path(tmp), n, sig, app_repo=args.app_repo.resolve())
            counts.closes += 1
            if close.detail:
                counts.not_started += 1
                print(f"close {n}: {close.detail}", flush=True)
                continue
            counts.seconds.append(close.seconds)
            counts.hangs += not close.ended
            counts.locks_left += not close.lock_gone
            counts.not_saved += not close.saved
            counts.over_one_second += close.seconds > 1.0
            if not (close.ended and close.lock_gone and close.saved):
                print(
                    f"close {n}: ended={close.ended} ({close.seconds:.2f} s) lock_gone={close.lock_gone} "
                    f"saved={close.saved} screen={close.screen_text!r} file={close.saved_text!r}",
                    flush=True,
                )
            elif n % 20 == 0:
                print(f"... {n} closes", flush=True)
    tmux("kill-server")
    with contextlib.suppress(OSError):  # the server's socket file stays behind otherwise
        (Path(tempfile.gettempdir()) / f"tmux-{os.getuid()}" / SOCKET).unlink()
    times = sorted(counts.seconds) or [0.0]
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(
        f"seed {seed}: {counts.closes} closes ({args.signal or 'terminal closed'}): {counts.hangs} hangs, "
        f"{counts.locks_left} locks left, {counts.not_saved} not saved, {counts.not_started} did not start; "
        f"close to end: median {statistics.median(times):.2f} s, 95% {p95:.2f} s, max {times[-1]:.2f} s, "
        f"{counts.over_one_second} over 1 s"
    )
    return 0 if counts.hangs == counts.locks_left == counts.not_saved == counts.not_started == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
