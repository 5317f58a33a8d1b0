"""The Textual app: a factory the CLI and the tests share."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from homeroom_tui.i18n import Lang, get_language, set_language, t
from homeroom_tui.program.exits import Exits, SignalGuard
from homeroom_tui.program.timer import Clock, SystemClock
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.widgets.localize import localize_bindings

if TYPE_CHECKING:  # the rest is imported where it is used: the first frame needs none of it
    from homeroom_tui.model import Group, Meeting
    from homeroom_tui.program.agenda import Agenda
    from homeroom_tui.program.icebreakers import Library
    from homeroom_tui.store import Store


def error_frames(error: BaseException) -> list[str]:
    """``screens/meeting.py:123 in refresh_clock`` for each homeroom frame, outermost first.

    Where, never what: no local variables, no message (it could quote note text).
    """
    frames = []
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        parts = Path(code.co_filename).parts
        if "homeroom_tui" in parts:
            relative = "/".join(parts[parts.index("homeroom_tui") + 1 :])
            frames.append(f"{relative}:{tb.tb_lineno} in {code.co_name}")
        tb = tb.tb_next
    return frames


def error_location(error: BaseException) -> str:
    """The innermost homeroom frame, ``screens/meeting.py:123``."""
    frames = error_frames(error)
    return frames[-1].split(" in ")[0] if frames else ""


def write_crash_log(data_dir: Path, error: BaseException, when: str) -> Path | None:
    """A short crash log in the data folder (0600): version, time, exception type and homeroom frames only."""
    from homeroom_tui import __version__
    from homeroom_tui.store import atomic_write

    lines = [f"homeroom {__version__} stopped at {when}", type(error).__name__]
    lines += [f"  at {frame}" for frame in error_frames(error)]
    path = data_dir / "crash.log"
    try:
        atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError:
        return None
    return path


class HomeroomApp(App[None]):
    """homeroom: lead group counseling sessions with the home room technique."""

    CSS_PATH = "homeroom.tcss"
    TITLE = "homeroom"
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True, show=False),
        # not a priority: a text field's own Ctrl+C (copy) comes first; see action_interrupt
        Binding("ctrl+c", "interrupt", "key.quit", show=False),
        Binding("ctrl+z", "suspend", "key.suspend", priority=True, show=False),
    ]

    def __init__(
        self,
        data_dir: Path,
        icebreakers: Path | None = None,
        clock: Clock | None = None,
        meeting: tuple[str, int | None] | None = None,
        bell: bool = True,
        review: str | None = None,
    ) -> None:
        super().__init__()
        self.start_review = review
        self.data_dir = Path(data_dir)
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self.icebreakers_file = icebreakers
        self.clock: Clock = clock or SystemClock()
        self.start_meeting = meeting
        self.bell_enabled = bell
        self._library: Library | None = None
        self._agenda: Agenda | None = None
        self.exits = Exits()
        """The meetings open for writing: every way out saves them and releases their locks."""
        self._signals: SignalGuard | None = None
        self._asking_unsaved = False
        self.sub_title = t("app.subtitle")
        localize_bindings(self)

    @property
    def store(self) -> Store:
        """The data folder's files, created on first use (from the loading thread or the UI)."""
        with self._store_lock:
            if self._store is None:
                from homeroom_tui.store import Store

                self._store = Store(self.data_dir)
            return self._store

    def library(self) -> Library:
        """The ice-breaker library, loaded on first use (built-in merged with the counselor's file)."""
        from homeroom_tui.program.icebreakers import load_library

        if self._library is None:
            self._library = load_library(self.data_dir, self.icebreakers_file)
        return self._library

    def agenda(self) -> Agenda:
        """The agenda, loaded on first use (bundled, with the counselor's overrides)."""
        from homeroom_tui.program.agenda import load_agenda

        if self._agenda is None:
            self._agenda = load_agenda(self.data_dir)
        return self._agenda

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.data_dir, lambda: self.store, self.library))
        self._install_signal_handlers()

    def on_ready(self) -> None:
        """The DOM is ready; the first frame goes out once this handler returns."""
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The first frame is on screen: now complete the home screen and read the data folder.

        Nothing heavy comes before the first frame, not even a worker thread (it would take the
        GIL from the frame). When a meeting or the review was asked for on the command line, the
        home screen reads the folder only when the counselor comes back to it: one read of the
        files, not two at once.
        """
        opened = False
        if self.start_meeting is not None:
            group_id, number = self.start_meeting
            opened = self.open_meeting(group_id, number)  # False (with a message): the home screen shows
        elif self.start_review is not None:
            self.open_review(self.start_review or None)
            opened = True
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.complete()
                if not opened:
                    screen.load_in_background()
        self._tell_recovery_copies()

    def open_meeting(self, group_id: str, number: int | None = None) -> bool:
        """Open the runner on a meeting of a group (default: its next one); False with a message if it can't."""
        from homeroom_tui.program.meetings import open_meeting
        from homeroom_tui.program.session import MeetingSession
        from homeroom_tui.screens.meeting import MeetingScreen
        from homeroom_tui.store import DamagedFile
        from homeroom_tui.store.lock import Holder, LockHeld, MeetingLock

        try:
            group = self.store.load_group(group_id)
            meeting, meetings = open_meeting(self.store, group, number)
        except DamagedFile as exc:
            self.notify(t("home.meeting_damaged", problem=exc.problems[0]), severity="error", timeout=15)
            return False
        agenda = self.agenda()
        if agenda.fell_back:
            self.notify(t("run.agenda_fell_back", path=agenda.user_file), severity="warning", timeout=15)
        session = MeetingSession(self.store, group, meeting, meetings, agenda, self.clock)
        lock = MeetingLock(self.store.meeting_path(group.id, meeting.number))
        holder = None
        try:
            lock.acquire()
        except LockHeld as exc:
            holder = exc.holder
        except OSError:
            holder = Holder(0, "?")
        if lock.held:
            self.exits.add(session, lock)
        home = self.screen

        def back(_: object) -> None:
            self.exits.close(session)
            lock.release()
            if isinstance(home, HomeScreen):
                home.reload()

        screen = MeetingScreen(session, self.library, bell=self.bell_enabled, held_by=holder)
        self.push_screen(screen, back)
        if lock.took_over is not None:
            self.notify(t("run.stale_lock", pid=lock.took_over.pid), timeout=8)
        return True

    def open_review(self, group_id: str | None = None) -> None:
        """Open the review of past meetings (read-only), on ``group_id`` or the first group."""
        from homeroom_tui.screens.review import ReviewScreen

        home = self.screen

        def back(_: object) -> None:
            if isinstance(home, HomeScreen):
                home.reload()

        self.push_screen(
            ReviewScreen(
                lambda: self.store,
                group_id,
                self.agenda,
                self.library,
                amend=self.amend_meeting,
                export=self.export,
            ),
            back,
        )

    def amend_meeting(self, group: Group, meeting: Meeting) -> None:
        """Change a completed meeting in the runner; saving records when it was amended."""
        self.open_meeting(group.id, meeting.number)

    def export(self, group: Group, meetings: Sequence[Meeting]) -> str | None:
        """Write the aliased Markdown report and CSV of a group into the data folder's exports/."""
        from homeroom_tui.program.report import csv_report, markdown_report
        from homeroom_tui.store import atomic_write, error_reason

        folder = self.store.root / "exports"
        stem = f"{group.id}-{self.clock.now().date().isoformat()}"
        try:
            atomic_write(
                folder / f"{stem}.md",
                markdown_report(group, meetings, lang=get_language(), library=self.library()).encode("utf-8"),
            )
            atomic_write(folder / f"{stem}.csv", csv_report(group, meetings).encode("utf-8"))
        except OSError as exc:
            self.notify(t("review.export_failed", reason=error_reason(exc)), severity="error", timeout=10)
            return None
        return str(folder / stem) + ".md, .csv"

    # never lose anything ---------------------------------------------------------------------
    def flush_all(self) -> None:
        """Save every open meeting at once."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()

    def _install_signal_handlers(self) -> None:
        """SIGTERM, SIGINT and SIGHUP (terminal window closed) save, release the locks and end the
        process within a second (:class:`~homeroom_tui.program.exits.SignalGuard`).

        Not under ``run_test`` (headless): the test process keeps its own handlers.
        """
        import asyncio

        if self.is_headless:
            return
        with contextlib.suppress(RuntimeError):
            guard = SignalGuard(self.exits, asyncio.get_running_loop().call_soon_threadsafe, self._on_signal)
            if guard.install():
                self._signals = guard

    def _on_signal(self, signum: int = signal.SIGTERM) -> None:
        """On the UI loop after a signal: save (a recovery copy of what cannot be saved: nobody
        can be asked), release the locks, exit."""
        self.flush_all()
        self.exits.close_all(recover=True)
        if self._signals is None:
            self.exit(return_code=0)
            return
        # Everything is saved and released: end now, without Textual's shutdown of every widget
        # (half a second on a busy machine, and it can block writing to a terminal that is gone).
        if signum != getattr(signal, "SIGHUP", None) and self._driver is not None:
            with contextlib.suppress(Exception):  # a terminal that is still there is put back
                self._driver.stop_application_mode()
                self._driver.close()
        self._signals.exit_process(0)

    def _tell_recovery_copies(self) -> None:
        """Say where the recovery copies of meetings that could not be saved are, at every start
        until the counselor has dealt with them."""
        from homeroom_tui.store.recovery import pending_copies, recovery_dir

        copies = pending_copies()
        if copies:
            self.notify(
                t("exit.recovery_waiting", count=len(copies), path=recovery_dir()), severity="warning", timeout=30
            )

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app; say on stderr where recovery copies wait, and close every meeting at the end,
        however the app ended."""
        from homeroom_tui.store.recovery import pending_copies, recovery_dir

        copies = pending_copies()
        if copies:
            print(t("exit.recovery_waiting", count=len(copies), path=recovery_dir()), file=sys.stderr)
        try:
            return super().run(*args, **kwargs)  # the snapshot tests read what the app exits with
        finally:
            self.exits.close_all(recover=True)
            if self._signals is not None:
                self._signals.uninstall()

    def action_suspend(self) -> None:
        """Ctrl+Z: save, then suspend to the shell."""
        self.flush_all()
        self.action_suspend_process()

    async def action_quit(self) -> None:
        """Save everything, release the locks, then quit; ask first when a meeting cannot be saved."""
        self.flush_all()
        if self._asking_unsaved:
            return  # the dialog on screen asks already
        failing = self.exits.unsaved()
        if failing:
            from homeroom_tui.screens.unsaved import UnsavedDialog

            self._asking_unsaved = True
            self.push_screen(UnsavedDialog(failing, quitting=True), self._after_unsaved)
            return
        self.exits.close_all(recover=True)
        self.exit()

    def _after_unsaved(self, choice: str | None) -> None:
        self._asking_unsaved = False
        if choice in ("saved", "copied", "anyway"):
            # saved after all, a copy is in the counselor's folder, or they chose to go (the dialog
            # kept a private recovery copy): nothing is dropped silently
            self.exits.close_all(recover=False)
            self.exit()

    async def action_interrupt(self) -> None:
        """Ctrl+C: in a text field it copies (the field's own key; with nothing selected, it says how
        to quit); elsewhere it quits like Ctrl+Q."""
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, (Input, TextArea)):
            self.notify(t("exit.ctrl_c_in_field"))
            return
        await self.action_quit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, description, action in getattr(screen, "COMMANDS_HELP", ()):
            # as a key would: through run_action, so that the screen's check_action applies (read-only)
            yield SystemCommand(t(name), t(description), partial(self.run_action, action, screen))

    def _fatal_error(self) -> None:
        """Replace Textual's traceback (which prints local variables, i.e. note text) by a short message."""
        error = getattr(self, "_exception", None)
        kind = type(error).__name__ if error else "Error"
        where = error_location(error) if error else ""
        with contextlib.suppress(Exception):
            self.flush_all()  # whatever was typed is saved first
        with contextlib.suppress(Exception):
            self.exits.close_all(recover=True)  # and the locks let go
        log = write_crash_log(self.data_dir, error, self.clock.now().isoformat()) if error else None
        self.bell()
        message = t("error.unexpected", kind=f"{kind} {where}".strip())
        if log is not None:
            message += "\n" + t("error.crash_log", path=log)
        self._exit_renderables.append(Text(message, style="bold red"))
        self._close_messages_no_wait()


def make_app(
    data_dir: Path,
    lang: Lang | None = None,
    icebreakers: Path | None = None,
    clock: Clock | None = None,
    meeting: tuple[str, int | None] | None = None,
    bell: bool = True,
    review: str | None = None,
) -> HomeroomApp:
    """Build the app on ``data_dir``; the CLI and the tests both use this (tests inject the clock)."""
    if lang is not None:
        set_language(lang)
    return HomeroomApp(Path(data_dir), icebreakers=icebreakers, clock=clock, meeting=meeting, bell=bell, review=review)
