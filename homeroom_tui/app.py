"""The Textual app: a factory the CLI and the tests share.

homeroom loads in named steps, and this module is where they show: its top-level imports are the
first frame (Textual, the catalogs, the home screen); the data layer (pydantic, the models, the
store's reading, the program rules) is imported inside the methods that read or write files,
which run after the first frame; every other screen is imported when it opens.
``tests/unit/test_startup_imports.py`` checks what a bare start has imported at its first frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.filter import LineFilter
from textual.screen import Screen
from textual.widgets import Input, TextArea

from homeroom_tui import __version__
from homeroom_tui.i18n import Lang, get_language, set_language, t, t_count
from homeroom_tui.plain import visible
from homeroom_tui.program.exits import Exits, SignalGuard
from homeroom_tui.program.timer import Clock, SystemClock
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.store.atomic import atomic_write, tighten_dir
from homeroom_tui.store.recovery import pending_copies, recovery_dir
from homeroom_tui.widgets.keys import Action, bindings, help_sections, palette_actions
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import VisibleControls, tell_damaged, visible_values

if TYPE_CHECKING:  # the rest is imported where it is used: the first frame needs none of it
    from homeroom_tui.model import Group, Meeting
    from homeroom_tui.program.agenda import Agenda
    from homeroom_tui.program.icebreakers import Library
    from homeroom_tui.program.session import MeetingSession
    from homeroom_tui.screens.messages import (
        AmendMeeting,
        CorrectDateHeld,
        ExportGroup,
        ExportMember,
        MarkQuote,
        OpenMeeting,
        OpenReview,
        SaveMember,
        SaveScale,
        SavesGroup,
    )
    from homeroom_tui.store import Store
    from homeroom_tui.store.lock import Holder, MeetingLock


CATCH_UP_SECONDS = 2.0
"""How long a key waits for the keys before it at most (a stuck widget must not freeze the keys)."""
FILES_WAIT_SECONDS = 30.0
"""How long a key waits at most for the files its screen is reading (the review switching groups)."""


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
    ACTIONS = (  # the keys that work on every screen (see widgets/keys.py)
        Action("ctrl+p", "command_palette", "key.palette", "cmd.palette", footer=False, palette=False, priority=True),
        Action("ctrl+z", "suspend", "key.suspend", "cmd.suspend", footer=False, priority=True),
        Action("ctrl+q", "quit", "key.quit", "cmd.quit", footer=False, priority=True),
        # not a priority: a text field's own Ctrl+C (copy) comes first; see action_interrupt
        Action("ctrl+c", "interrupt", "key.quit", "cmd.quit", footer=False, palette=False),
        Action("", "change_theme", "key.theme", "cmd.theme"),
    )
    BINDINGS = bindings(ACTIONS)

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
        self._locks: list[MeetingLock] = []
        """Locks of the meetings open in runners now: let go when the app ends, however it ends."""
        self._agenda: Agenda | None = None
        self._visible_controls = VisibleControls()
        self.exits = Exits()
        """The meetings open for writing: every way out saves them and releases their locks."""
        self._signals: SignalGuard | None = None
        self._asking_unsaved = False
        self._settled: weakref.WeakSet[Screen[Any]] = weakref.WeakSet()
        """Screens with ``KEYS_IN_ORDER`` that had their moment to focus a field (see ``_settle``)."""
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

        old_mode = tighten_dir(self.data_dir)  # an existing data folder open to others becomes private
        if old_mode is not None:
            message = t("store.tightened", path=visible(str(self.data_dir)), mode=f"{old_mode:04o}")
            self.notify(message, severity="warning", timeout=15, markup=False)
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
        """Open the runner on a meeting of a group (default: its next one); False with a message if it can't.

        A meeting past the planned program is only added once the counselor confirms it (the
        planned count is raised first); Esc changes nothing and leaves the home screen working.
        """
        from homeroom_tui.program.program_end import beyond_program
        from homeroom_tui.store import DamagedFile

        try:
            group = self.store.load_group(group_id)
            beyond = beyond_program(self.store, group, number)
        except DamagedFile as exc:
            tell_damaged(self, exc.problems[0], timeout=15)
            return False
        if beyond is None:
            return self._open_meeting(group, number)
        from homeroom_tui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._add_and_open(group, beyond.number)
            else:
                self._home_ready()

        self.push_screen(
            ConfirmDialog(
                t_count(
                    "program.add_meeting" if beyond.finished else "program.add_meeting_early",
                    beyond.planned,
                    number=beyond.number,
                ),
                id="add-meeting",
            ),
            answered,
        )
        return True

    def _home_ready(self) -> None:
        """The home screen under a dialog (or a meeting asked for on the command line) reads its folder."""
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.reload()

    def _add_and_open(self, group: Group, number: int) -> None:
        from homeroom_tui.program.program_end import add_meeting
        from homeroom_tui.store import DamagedFile, error_reason

        planned_before = group.meetings_planned
        try:
            raised = add_meeting(self.store, group, number)
        except (DamagedFile, OSError, ValueError) as exc:
            self.notify(
                visible_values("program.add_meeting_failed", number=number, reason=error_reason(exc)),
                severity="error",
                markup=False,
            )
            self._home_ready()
            return
        if not self._open_meeting(raised, number, planned_before=planned_before):
            self._home_ready()

    def _open_meeting(self, group: Group, number: int | None, planned_before: int | None = None) -> bool:
        """Take the meeting's lock and open the runner on it.

        The meeting is read again once its lock is taken, so that what another copy saved just
        before it let go is what this one continues. A lock written on another computer is named
        (computer and age) in a dialog: the counselor takes the meeting over, or opens it read-only.
        """
        from homeroom_tui.program.meetings import open_meeting
        from homeroom_tui.store import DamagedFile
        from homeroom_tui.store.lock import Holder, LockHeld, MeetingLock

        try:
            meeting, _ = open_meeting(self.store, group, number)
        except DamagedFile as exc:
            tell_damaged(self, exc.problems[0], timeout=15)
            return False
        home = self.screen
        group_id = group.id
        lock = MeetingLock(self.store.meeting_path(group.id, meeting.number))
        holder = None
        try:
            lock.acquire()
        except LockHeld as exc:
            holder = exc.holder
        except OSError:
            holder = Holder(0, "?")
        if holder is not None and holder.foreign:
            from homeroom_tui.screens.lock_prompt import ForeignLockDialog

            foreign = holder

            def answered(take: bool | None) -> None:
                held_by: Holder | None = foreign
                if take:
                    try:
                        lock.acquire(take_over=foreign)
                        held_by = None
                    except LockHeld as exc:
                        held_by = exc.holder
                    except OSError:
                        held_by = Holder(0, "?")
                self._run(home, group_id, meeting.number, lock, held_by, planned_before)

            self.push_screen(ForeignLockDialog(foreign), answered)
            return True
        return self._run(home, group_id, meeting.number, lock, holder, planned_before)

    def _run(
        self,
        home: Screen[object],
        group_id: str,
        number: int,
        lock: MeetingLock,
        holder: Holder | None,
        planned_before: int | None = None,
    ) -> bool:
        """Push the runner on meeting ``number``, read now (under the lock when it is held)."""
        from homeroom_tui.program.meetings import open_meeting
        from homeroom_tui.program.session import MeetingSession
        from homeroom_tui.screens.meeting import MeetingScreen
        from homeroom_tui.store import DamagedFile

        try:
            group = self.store.load_group(group_id)
            meeting, meetings = open_meeting(self.store, group, number)
        except DamagedFile as exc:
            lock.release()
            tell_damaged(self, exc.problems[0], timeout=15)
            return False
        agenda = self.agenda()
        if agenda.fell_back:
            self.notify(
                visible_values("run.agenda_fell_back", path=agenda.user_file),
                severity="warning",
                timeout=15,
                markup=False,
            )
        session = MeetingSession(self.store, group, meeting, meetings, agenda, self.clock)
        session.planned_before = planned_before
        if lock.held:
            self.exits.add(session, lock)

        def back(_: object) -> None:
            self.exits.close(session)
            lock.release()
            with contextlib.suppress(ValueError):
                self._locks.remove(lock)
            if isinstance(home, HomeScreen):
                home.reload()

        if lock.held:
            self._locks.append(lock)
        screen = MeetingScreen(session, self.library, bell=self.bell_enabled, held_by=holder)
        self.push_screen(screen, back)
        if lock.took_over is not None and lock.took_over.foreign:
            self.notify(t("lock.took_over_foreign", host=visible(lock.took_over.host)), timeout=8, markup=False)
        elif lock.took_over is not None:
            self.notify(t("run.stale_lock", pid=lock.took_over.pid), timeout=8)
        return True

    def open_review(self, group_id: str | None = None) -> None:
        """Open the review of past meetings (read-only), on ``group_id`` or the first group."""
        from homeroom_tui.screens.review import ReviewScreen

        home = self.screen

        def back(_: object) -> None:
            if isinstance(home, HomeScreen):
                home.reload()

        self.push_screen(ReviewScreen(lambda: self.store, group_id, self.agenda, self.library), back)

    # what the screens ask for (screens/messages.py) ---------------------------------------------
    def on_open_meeting(self, message: OpenMeeting) -> None:
        self.open_meeting(message.group_id, message.number)

    def on_open_review(self, message: OpenReview) -> None:
        self.open_review(message.group_id)

    def on_amend_meeting(self, message: AmendMeeting) -> None:
        """Change a completed meeting in the runner; saving records when it was amended."""
        self.open_meeting(message.group.id, message.meeting.number)

    def on_export_group(self, message: ExportGroup) -> None:
        where = self.export(message.group, message.meetings)
        if where:
            self.notify(visible_values("review.exported", path=where), timeout=10, markup=False)

    def on_export_member(self, message: ExportMember) -> None:
        """One member's record (``program/record.py``) into exports/, never over an earlier one."""
        from homeroom_tui.program.aliases import summary_lines
        from homeroom_tui.program.record import member_record, record_markdown
        from homeroom_tui.store import error_reason
        from homeroom_tui.store.exports import write_export_set

        record = member_record(
            message.group, message.meetings, message.member_id, lang=get_language(), agenda=self.agenda()
        )
        assert record.aliases is not None
        # the file is named by the member's id, never their name; the group's id as in every export
        stem = f"{record.aliases.group_id}-{message.member_id.lower()}-{self.clock.now().date().isoformat()}"
        try:
            base = write_export_set(self.store.root / "exports", stem, {".md": record_markdown(record).encode("utf-8")})
        except OSError as exc:
            text = visible_values("review.export_failed", reason=error_reason(exc))
            self.notify(text, severity="error", timeout=10, markup=False)
            return
        lines = [visible_values("review.record_exported", member=message.member_id, path=f"{base}.md")]
        lines += summary_lines(record.aliases.stats, get_language())
        self.notify("\n".join(lines), timeout=30, markup=False)

    def on_correct_date_held(self, message: CorrectDateHeld) -> None:
        """Review corrected the day a meeting was held: saved through a session, under the meeting's lock."""
        day = message.day
        texts = ("review.date_failed", "review.date_busy")
        session = self._change_held(message.group.id, message.number, lambda s: s.set_date_held(day), texts)
        if session is None:
            return
        message.detail.show_meeting(session.meeting)
        self.notify(t("review.date_changed", number=message.number, date=day.isoformat()))

    def on_mark_quote(self, message: MarkQuote) -> None:
        """Review marked a member's quote of a meeting: saved through a session, under the meeting's lock."""
        number, member_id, key = message.number, message.member_id, message.key
        texts = ("review.quote_failed", "review.quote_busy")
        session = self._change_held(message.group.id, number, lambda s: s.set_quote(member_id, key), texts)
        if session is None:
            return
        message.detail.show_meeting(session.meeting)
        if message.key is None:
            self.notify(t("review.quote_cleared", member=message.member_id))
        else:
            answer = t(f"review.answer.{message.key}")
            self.notify(t("review.quote_set", member=message.member_id, number=number, answer=answer))

    def _change_held(
        self, group_id: str, number: int, change: Callable[[MeetingSession], None], texts: tuple[str, str]
    ) -> MeetingSession | None:
        """Change a meeting held under its lock, in its file as it is on disk now (a damaged file, or
        one from a newer homeroom, is left alone); ``texts``: the keys saying it failed or is busy.
        Returns the session saved, or None after saying why not."""
        from homeroom_tui.program.session import MeetingSession
        from homeroom_tui.store import DamagedFile, error_reason
        from homeroom_tui.store.lock import LockHeld, MeetingLock

        failed_key, busy_key = texts

        def failed(reason: str) -> None:
            self.notify(
                visible_values(failed_key, number=number, reason=reason), severity="error", timeout=10, markup=False
            )

        lock = MeetingLock(self.store.meeting_path(group_id, number))
        try:
            lock.acquire()
        except LockHeld as exc:
            self.notify(t(busy_key, number=number, pid=exc.holder.pid), severity="warning", timeout=10)
            return None
        except OSError as exc:
            failed(error_reason(exc))
            return None
        try:
            group = self.store.load_group(group_id)
            meeting = self.store.load_meeting(group, number)  # as it is on disk now
            session = MeetingSession(self.store, group, meeting, [], self.agenda(), self.clock)
            change(session)
            saved = session.save()
        except DamagedFile as exc:
            failed(error_reason(exc))
            return None
        finally:
            lock.release()
        if not saved:
            failed(error_reason(session.last_error) if session.last_error else "")
            return None
        return session

    def on_save_member(self, message: SaveMember) -> None:
        """The member details screen saves one member: into the group file as it is on disk now."""
        from homeroom_tui.program.members import save_member

        self._save_group(
            message.screen, lambda: save_member(self.store, message.group_id, message.before, message.after)
        )

    def on_save_scale(self, message: SaveScale) -> None:
        """The scale form saves a scale's definition: into the group file as it is on disk now."""
        from homeroom_tui.program.scales import save_scale

        self._save_group(
            message.screen, lambda: save_scale(self.store, message.group_id, message.before, message.after)
        )

    @staticmethod
    def _save_group(screen: SavesGroup, save: Callable[[], Group]) -> None:
        """Save into a group file and tell ``screen`` how it went: a damaged file stays as it is, and
        the screen keeps what was typed."""
        from homeroom_tui.store import DamagedFile, SaveRefused, error_reason

        try:
            group = save()
        except DamagedFile as exc:
            screen.refused(visible_values("member.err.save", reason=str(exc.problems[0])))
            return
        except (SaveRefused, OSError, ValueError) as exc:
            screen.refused(visible_values("member.err.save", reason=error_reason(exc)))
            return
        screen.saved(group)

    def export(self, group: Group, meetings: Sequence[Meeting]) -> str | None:
        """Write the aliased Markdown report and CSV of a group into the data folder's exports/.

        An earlier export is never replaced: a second one the same day is ``...-2.md``, ``...-2.csv``.
        """
        from homeroom_tui.program.aliases import Aliaser, summary_lines
        from homeroom_tui.program.report import csv_report, markdown_report
        from homeroom_tui.store import error_reason
        from homeroom_tui.store.exports import write_export_set

        aliases = Aliaser(group)
        folder = self.store.root / "exports"
        stem = f"{aliases.group_id}-{self.clock.now().date().isoformat()}"  # no member's name in a file name
        report = markdown_report(
            group, meetings, lang=get_language(), library=self.library(), agenda=self.agenda(), aliases=aliases
        )
        stats = aliases.stats  # counted on the report; the CSV holds the same texts again
        files = {".md": report.encode("utf-8"), ".csv": csv_report(group, meetings, aliases=Aliaser(group)).encode()}
        try:
            base = write_export_set(folder, stem, files)
        except OSError as exc:
            self.notify(
                visible_values("review.export_failed", reason=error_reason(exc)),
                severity="error",
                timeout=10,
                markup=False,
            )
            return None
        self.notify("\n".join(summary_lines(stats, get_language())), title=t("alias.title"), timeout=30)
        return str(base) + ".md, .csv"

    # keys in the order typed -------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._catch_up()
            await self._wait_for_files(event.key)
            if self._move_focus_in_order(event.key) or await self._screen_key_in_order(event):
                return
        await super().on_event(event)

    def _move_focus_in_order(self, key: str) -> bool:
        """Tab and Shift+Tab on a screen that keeps keys in order move the focus now, not after the
        key has gone round the field and back: "name Tab faculty" fills two fields, not one."""
        screen = self.screen
        if key not in ("tab", "shift+tab") or not getattr(screen, "KEYS_IN_ORDER", False):
            return False
        focused = screen.focused
        uses = [*screen._bindings.key_to_bindings.get(key, [])]
        uses += focused._bindings.key_to_bindings.get(key, []) if focused else []
        if any("focus_" not in binding.action for binding in uses):
            return False  # the screen or the field has a use of its own for it (Textual's own: focus)
        if key == "tab":
            screen.focus_next()
        else:
            screen.focus_previous()
        return True

    async def _screen_key_in_order(self, event: events.Key) -> bool:
        """A key of the screen's own (``e`` on the home screen) acts now, on a screen that keeps keys
        in order, instead of after it has bubbled up from the focused list: "e Down Enter" typed at
        once opens the member list, then moves down and opens that member, in the order typed.

        Keys the focused widget binds itself, and printable keys typed into a text field, go to the
        widget as always.
        """
        screen = self.screen
        if not getattr(screen, "KEYS_IN_ORDER", False) or event.key not in screen._bindings.key_to_bindings:
            return False
        focused = screen.focused
        if focused is not None:
            if event.key in focused._bindings.key_to_bindings:
                return False
            if event.is_printable and isinstance(focused, Input | TextArea):
                return False
        return await self._check_bindings(event.key)

    async def _wait_for_files(self, key: str) -> None:
        """A key typed while the screen reads the files it is about to show acts once they are shown.

        A screen that reads in a worker says so with an ``asyncio.Event``, ``files_ready`` (the
        review switching groups): ``g`` then ``Enter`` opens a meeting of the next group, not of
        the one on screen a moment before. Keys wait here, in the order typed; the app's own
        priority keys (quit, suspend, palette) never wait.
        """
        ready = getattr(self.screen, "files_ready", None)
        if not isinstance(ready, asyncio.Event) or ready.is_set():
            return
        if any(action.priority and key in action.key_list for action in self.ACTIONS):
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), FILES_WAIT_SECONDS)

    async def _catch_up(self) -> None:
        """Before acting on a new key, let the focused widget finish the keys it was already given.

        Textual hands keys to the focused widget through its queue and acts on priority bindings at
        once; a counselor typing "answer ⏎ ]" without a pause could see the stage change before the
        field had taken the answer. The runner and the screens where text is typed
        (``KEYS_IN_ORDER``) act on every key only once the ones before it are done (see
        ``widgets/typing.py``). A screen just opened by the key before ("e", then the time at once)
        first gets its focus, so that no key falls between two screens.
        """
        for _ in range(3):  # the key before may have opened a screen: then catch up there too
            screen = self.screen
            if not getattr(screen, "KEYS_IN_ORDER", False):
                return
            if screen.focused is None and screen not in self._settled:
                await self._settle(screen)
            widget = screen.focused or screen
            done = asyncio.Event()
            if not widget.call_later(done.set):
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), CATCH_UP_SECONDS)
            if self.screen is screen:
                return

    async def _settle(self, screen: Screen[Any]) -> None:
        """Wait until a newly opened screen is mounted and its field has the focus, if it has one to
        focus (once per screen, at most a moment): the keys after the one that opened it go there."""
        deadline = asyncio.get_running_loop().time() + CATCH_UP_SECONDS
        while asyncio.get_running_loop().time() < deadline and not (
            screen.is_mounted and (screen.focused is not None or not screen.focus_chain)
        ):
            await asyncio.sleep(0.005)
        self._settled.add(screen)

    def on_unmount(self) -> None:
        """The app has ended (its screens are closed, what they held is saved): let go of every lock."""
        for lock in self._locks:
            lock.release()
        self._locks.clear()

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

        copies = pending_copies()
        if copies:
            self.notify(
                t_count("exit.recovery_waiting", len(copies), path=recovery_dir()), severity="warning", timeout=30
            )

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app; say on stderr where recovery copies wait, and close every meeting at the end,
        however the app ended."""

        copies = pending_copies()
        if copies:
            print(t_count("exit.recovery_waiting", len(copies), path=recovery_dir()), file=sys.stderr)
        try:
            return super().run(*args, **kwargs)  # the snapshot tests read what the app exits with
        finally:
            self.exits.close_all(recover=True)
            if self._signals is not None:
                self._signals.uninstall()

    LOCKED_ACTIONS = frozenset({"command_palette", "suspend", "quit", "interrupt", "help", "change_theme", "help_quit"})
    """Off while a screen is ``LOCKED`` (the members' pass-the-laptop mode): only its PIN leads out."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.LOCKED_ACTIONS and getattr(self.screen, "LOCKED", False))

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

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as written on the keyboard (``F1``); the rest as Textual shows them."""
        shown = super().get_key_display(binding)
        return shown.upper() if shown[:1] == "f" and shown[1:].isdigit() else shown

    def action_help(self) -> None:
        """F1 or ``?``: every key of the current screen (generated from its actions table)."""
        from homeroom_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.screen)))

    def action_command_palette(self) -> None:
        """The command palette, its search field in the user's language."""
        from textual.command import CommandPalette

        if getattr(self.screen, "LOCKED", False):
            return  # not even from a click: the members' mode shows nothing of the counselor's
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def action_change_theme(self) -> None:
        """The theme picker, its search field in the user's language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder")))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Never: Textual's screenshot would write the screen, names and notes, to the Downloads folder."""

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's hint that it does not quit), in the user's language."""
        self.notify(t("app.help_quit"))

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then one that draws any control character that got this far as a visible cell."""
        return [*super().get_line_filters(), self._visible_controls]

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: a group's name is data, shown literally with control characters made visible."""
        return super().format_title(visible(title), visible(sub_title))

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
        """The palette: the screen's actions, then the app's, translated; from Textual's own only
        maximize/minimize (translated). Not Textual's Screenshot, which would save the screen, names
        and notes included, to the Downloads folder, nor its English key panel (F1 is the help)."""
        seen: set[str] = set()
        for action in palette_actions(screen):
            # as a key would: through run_action, so that the screen's check_action applies (read-only)
            seen.add(action.label)
            description = t(action.description or action.label)
            yield SystemCommand(t(action.label), description, partial(self.run_action, action.action, screen))
        for action in palette_actions(self):
            if action.label not in seen:
                description = t(action.description or action.label)
                yield SystemCommand(t(action.label), description, partial(self.run_action, action.action))
        if screen.maximized is not None:
            yield SystemCommand(t("key.minimize"), t("cmd.minimize"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("key.maximize"), t("cmd.maximize"), screen.action_maximize)

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
        self._exit_renderables.append(Text(visible(message, multiline=True), style="bold red"))
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
