"""Every way out of homeroom saves every open meeting and lets go of its lock. Imports no Textual.

The app registers each meeting it opens for writing (its session and its lock). Quitting, leaving
a meeting, a crash and the signals SIGTERM, SIGINT and SIGHUP all end in :meth:`Exits.close_all`:
save what changed, keep a private recovery copy of what could not be saved (when nobody can be
asked), release the locks.

A signal is handled twice over (:class:`SignalGuard`): the UI loop is asked to save and exit,
and a watchdog thread makes sure the process ends within a second even when the loop cannot run
(Textual's shutdown can block writing to a terminal that is gone): it saves and releases from
its own thread if the loop has not done it, then ends the process with ``os._exit``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from homeroom_tui.program.session import MeetingSession
    from homeroom_tui.store.lock import MeetingLock

EXIT_SIGNALS: Final = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
SAVE_GRACE: Final = 0.4
"""Seconds the UI loop has to save after a signal before the watchdog saves from its own thread."""
EXIT_DEADLINE: Final = 0.9
"""Seconds after a signal at which the watchdog ends the process, whatever is still running."""


@dataclass
class OpenMeeting:
    """A meeting open for writing: the session that holds its changes and the lock on its file."""

    session: MeetingSession
    lock: MeetingLock


class Exits:
    """The meetings open for writing, and the one way to close them."""

    def __init__(self) -> None:
        self._open: list[OpenMeeting] = []
        self._mutex = threading.RLock()
        self.closed = threading.Event()
        """Set once :meth:`close_all` has run (the watchdog waits for it)."""
        self.recovered: list[Path] = []
        """Recovery copies written by :meth:`close_all`."""

    def add(self, session: MeetingSession, lock: MeetingLock) -> None:
        """A meeting was opened for writing (its lock is held)."""
        with self._mutex:
            self._open.append(OpenMeeting(session, lock))

    def sessions(self) -> list[MeetingSession]:
        """The sessions of the meetings open for writing."""
        with self._mutex:
            return [entry.session for entry in self._open]

    def save_all(self) -> list[MeetingSession]:
        """Save every open meeting that changed or failed to save; the ones that still fail."""
        failing = []
        with self._mutex:
            for entry in self._open:
                session = entry.session
                if (session.dirty or session.last_error is not None) and not session.save():
                    failing.append(session)
        return failing

    def unsaved(self) -> list[MeetingSession]:
        """Open meetings whose latest changes are not in their file (after trying once more)."""
        return self.save_all()

    def close(self, session: MeetingSession) -> None:
        """The meeting was left: release its lock (the caller has saved it or decided not to)."""
        with self._mutex:
            for entry in list(self._open):
                if entry.session is session:
                    entry.lock.release()
                    self._open.remove(entry)

    def close_all(self, recover: bool = True, timeout: float = -1) -> list[Path]:
        """Save every open meeting, write a recovery copy of each that cannot be saved (``recover``),
        release every lock. Safe to call twice and from another thread; the recovery copies written.

        ``timeout``: how long to wait for another thread that is closing (the watchdog must not
        wait for ever on a UI thread that is stuck); False-y result when it could not get in.
        """
        from homeroom_tui.store.recovery import write_recovery_copy

        if not self._mutex.acquire(timeout=timeout):
            return []
        try:
            written = []
            for session in self.save_all():
                path = write_recovery_copy(session.meeting) if recover else None
                if path is not None:
                    written.append(path)
            for entry in self._open:
                with contextlib.suppress(Exception):
                    entry.lock.release()
            self._open.clear()
            self.recovered += written
            self.closed.set()
            return written
        finally:
            self._mutex.release()


class SignalGuard:
    """SIGTERM, SIGINT and SIGHUP: save, release, and end the process within a second.

    ``on_signal`` is called on the UI loop (through ``call_soon_threadsafe``) to save and exit
    cleanly; the watchdog thread covers the case where the loop never gets to it.
    """

    def __init__(
        self,
        exits: Exits,
        call_soon_threadsafe: Callable[..., object],
        on_signal: Callable[[int], None],
        exit_process: Callable[[int], None] = os._exit,
    ) -> None:
        self.exits = exits
        self.call_soon_threadsafe = call_soon_threadsafe
        self.on_signal = on_signal
        self.exit_process = exit_process
        self.received: int | None = None
        self._previous: dict[int, object] = {}

    def install(self) -> bool:
        """Handle the exit signals (main thread only); False where that is not possible."""
        try:
            for sig in EXIT_SIGNALS:
                self._previous[sig] = signal.signal(sig, self._handler)
        except (ValueError, OSError):  # not the main thread
            self.uninstall()
            return False
        return True

    def uninstall(self) -> None:
        """Put the previous handlers back."""
        for sig, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, previous)  # type: ignore[arg-type]
        self._previous.clear()

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self.received is not None:
            return  # already on the way out; the watchdog ends the process
        self.received = signum
        threading.Thread(target=self._watchdog, name="homeroom-exit-watchdog", daemon=True).start()
        with contextlib.suppress(RuntimeError):  # the loop is closed: the watchdog does it all
            self.call_soon_threadsafe(self.on_signal, signum)

    def _watchdog(self) -> None:
        start = time.monotonic()
        if not self.exits.closed.wait(SAVE_GRACE):
            # the UI loop did not get to it (blocked): save and release from here
            self.exits.close_all(recover=True, timeout=max(0.0, EXIT_DEADLINE - SAVE_GRACE - 0.2))
        time.sleep(max(0.0, EXIT_DEADLINE - (time.monotonic() - start)))
        self.exit_process(0)
