"""The first screen: the counselor's groups, and creating a new one.

It draws at once and reads the data folder in a worker thread: the heavy imports (pydantic, the
model) and the files are not needed for the first frame. Keys pressed meanwhile wait for it.
The first frame is the title, a "reading your groups" line and the data folder; the groups table
and the key bar are added right after it (:meth:`HomeScreen.complete`), so that the counselor
sees homeroom as soon as the terminal can show anything. Its imports of the data layer and of
other screens stay inside the methods that need them, for that reason (see ``homeroom_tui/app.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from homeroom_tui.i18n import t, t_count
from homeroom_tui.plain import visible
from homeroom_tui.screens.messages import OpenMeeting, OpenReview
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, plain_t, tell_damaged, visible_values

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from homeroom_tui.model import Group
    from homeroom_tui.program.icebreakers import Library
    from homeroom_tui.screens.group_form import GroupDraft
    from homeroom_tui.store import Loaded, Store
    from homeroom_tui.store.lock import MeetingLock

MAX_PROBLEMS_SHOWN = 5


def progress_bar(done: int, planned: int) -> str:
    """``2/4 ■■□□``: readable from arm's length."""
    shown = min(planned, 12)
    filled = round(done * shown / planned) if planned else 0
    return f"{done}/{planned} " + "■" * filled + "□" * (shown - filled)


class HomeScreen(Screen[None]):
    """Lists the groups with their progress and next meeting."""

    ACTIONS = (  # footer, help, palette and README come from this table (widgets/keys.py)
        Action("m", "run_meeting", "key.run_meeting", "cmd.run_meeting"),
        Action("v", "review", "key.review", "cmd.review"),
        Action("n", "new_group", "key.new_group", "cmd.new_group"),
        Action("i", "icebreaker", "key.icebreaker", "cmd.icebreaker"),
        Action("e", "members", "key.members", "cmd.members"),
        Action("r", "reload", "key.reload", "cmd.reload"),
        HELP,
        Action("q", "app.quit", "key.quit", "cmd.quit", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.home"
    KEYS_IN_ORDER = True  # "e Down Enter" at once: the key that opens a screen first, then the rest there

    def __init__(self, data_dir: Path, store: Callable[[], Store], library: Callable[[], Library]) -> None:
        super().__init__()
        self.data_dir = data_dir
        self._store = store
        self.library = library
        self.loaded: Loaded | None = None
        self.ready = asyncio.Event()
        self._picker_lock: MeetingLock | None = None
        self._reads = 0  # how many reads of the folder have started: only the newest one is shown
        localize_bindings(self)

    @property
    def store(self) -> Store:
        """The data folder's files (created on first use)."""
        return self._store()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(t("home.title"), id="home-title", classes="section-title")
            yield Static(t("home.loading"), id="home-empty")
            yield Static("", id="home-problems")
            yield Static("", id="home-strays")
            yield Static(plain_t("home.data_dir", path=self.data_dir), id="home-datadir")

    def on_mount(self) -> None:
        self.query_one("#home-problems").display = False
        self.query_one("#home-strays").display = False
        # the app completes the screen and starts the loading once the first frame is on screen (App.on_ready)

    def complete(self) -> None:
        """Add the groups table (hidden until there are groups) and the key bar; once only."""
        from textual.widgets import DataTable

        from homeroom_tui.widgets.keybar import KeyBar

        if self.query("#groups"):
            return
        table: DataTable[str | Text] = DataTable(id="groups", cursor_type="row", zebra_stripes=True)
        table.add_column(t("home.col.name"), key="name")
        table.add_column(t("common.members"), key="members")
        table.add_column(t("common.meetings"), key="progress")
        table.add_column(t("home.col.next"), key="next")
        table.display = False
        self.query_one("#home").mount(table, after="#home-title")
        self.mount(KeyBar())

    def groups_table(self) -> DataTable[str | Text]:
        """The groups table (the screen is completed first if it was not yet)."""
        from textual.widgets import DataTable

        self.complete()
        return self.query_one("#groups", DataTable)

    def load_in_background(self, select: str | None = None, *, first: bool = True) -> None:
        """Read every group off the UI thread, then show them (the cursor on ``select``)."""
        self._reads += 1
        self._read_folder(self._reads, select, first)

    @work(thread=True, exclusive=True, group="home-load")
    def _read_folder(self, read: int, select: str | None, first: bool) -> None:
        from homeroom_tui.screens.workers import LoadCancelled, load_progress

        if first:
            with contextlib.suppress(OSError):
                self.store.clean_temp_files()  # half-written saves left by a crash long ago
        try:  # the list needs only dates and statuses
            loaded = self.store.load_all(keep=lambda _: False, progress=load_progress())
        except LoadCancelled:  # quitting, or a newer reload has started
            return
        self.app.call_from_thread(self._show_read, read, loaded, select)

    def _show_read(self, read: int, loaded: Loaded, select: str | None) -> None:
        if read == self._reads:  # else a newer read has started since: it shows its own list
            self.show(loaded, select)

    def reload(self, select: str | None = None) -> None:
        """Read the data folder again in the background and show what it holds.

        The table keeps showing what it showed until then, and keys wait for the new list. The
        cursor stays on the selected group, or moves to ``select``.
        """
        if select is None and self.loaded is not None:
            current = self.selected_group()
            select = current.id if current else None
        self.ready.clear()
        self.load_in_background(select, first=False)

    def show(self, loaded: Loaded, select: str | None = None) -> None:
        """Fill the table with ``loaded``, the cursor on the group ``select`` if given."""
        from homeroom_tui.program.progress import progress

        self.loaded = loaded
        table = self.groups_table()
        table.clear()
        for group in loaded.groups:
            state = progress(group, loaded.stubs.get(group.id, []))
            if state.next_number is None:
                next_text = t("home.program_done")
            elif state.next_date:
                next_text = t("home.next_meeting", number=state.next_number, date=state.next_date.isoformat())
            else:
                next_text = t("home.next_meeting_nodate", number=state.next_number)
            table.add_row(
                plain(group.name),
                str(len(group.active_members)),
                progress_bar(state.done, state.planned),
                next_text,
                key=group.id,
            )
        empty = self.query_one("#home-empty", Static)
        empty.update(t("home.empty"))
        empty.display = not loaded.groups
        table.display = bool(loaded.groups)
        self._show_problems()
        if select is not None and select in table.rows:
            table.move_cursor(row=table.get_row_index(select))
        if loaded.groups:
            table.focus()
        self.ready.set()

    def _show_strays(self) -> set[Path]:
        """A line per stray copy (a synced folder's conflict copy) with the file it resembles; their paths."""

        panel = self.query_one("#home-strays", Static)
        names = {g.id: g.name for g in self.loaded.groups} if self.loaded else {}
        lines = []
        shown: set[Path] = set()
        for group_id, strays in (self.loaded.strays if self.loaded else {}).items():
            for stray in strays:
                if stray.resembles is None:
                    continue  # not a copy of a homeroom file: listed with the other problems
                shown.add(stray.path)
                group = visible(names.get(group_id, group_id))
                lines.append(t("home.stray_line", group=group, file=visible(stray.path.name), meeting=stray.resembles))
        panel.display = bool(lines)
        if len(lines) > MAX_PROBLEMS_SHOWN:
            lines[MAX_PROBLEMS_SHOWN:] = [t("home.problems_more", count=len(lines) - MAX_PROBLEMS_SHOWN)]
        if lines:
            panel.update(plain("\n".join([t("home.strays_title"), *lines]), multiline=True))
        return shown

    def _show_problems(self) -> None:
        panel = self.query_one("#home-problems", Static)
        strays = self._show_strays()
        problems = [p for p in self.loaded.problems if p.path not in strays] if self.loaded else []
        panel.display = bool(problems)
        if not problems:
            return
        lines = [t_count("home.problems", len({p.path for p in problems}))]
        lines += [f"• {visible(str(p))}" for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(t("home.problems_more", count=len(problems) - MAX_PROBLEMS_SHOWN))
        panel.update(Text("\n".join(lines)))  # paths and reasons are data: never markup

    def selected_group(self) -> Group | None:
        """The group under the table's cursor."""
        table = self.groups_table()
        if not self.loaded or not self.loaded.groups or table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return next((g for g in self.loaded.groups if g.id == row_key.value), None)

    async def _selected_group(self) -> Group | None:
        """The selected group once the groups are read (a key pressed during loading waits)."""
        await self.ready.wait()
        group = self.selected_group()
        if group is None:
            self.notify(t("home.no_group_selected"), severity="warning")
        return group

    async def action_reload(self) -> None:
        await self.ready.wait()
        self.reload()

    def action_new_group(self) -> None:
        from homeroom_tui.screens.group_form import GroupForm

        self.app.push_screen(GroupForm(), self._create_group)

    def _create_group(self, draft: GroupDraft | None) -> None:
        from homeroom_tui.store import DamagedFile, error_reason

        if draft is None:
            return
        try:
            group = self.store.create_group(
                draft.name,
                draft.members,
                counselor=draft.counselor,
                meetings_planned=draft.meetings,
                first_meeting=draft.start,
                every_days=draft.every,
            )
        except (DamagedFile, OSError, ValueError) as exc:  # ValueError: a field the model refuses
            self.notify(
                visible_values("form.err.save", reason=error_reason(exc)), severity="error", timeout=10, markup=False
            )
            return
        self.reload(select=group.id)
        self.notify(visible_values("home.created", name=group.name), markup=False)

    async def action_members(self) -> None:
        """Pick one of the selected group's members and open their details (name, note, consent)."""
        from homeroom_tui.screens.member_details import MemberDetails, MemberPicker

        group = await self._selected_group()
        if group is None:
            return

        def chosen(member_id: str | None) -> None:
            member = group.member(member_id) if member_id else None
            if member is not None:
                self.app.push_screen(MemberDetails(group, member, self.store.root), details_closed)

        def details_closed(saved: Group | None) -> None:
            if saved is not None:
                self.reload(select=saved.id)

        self.app.push_screen(MemberPicker(group), chosen)

    async def action_icebreaker(self) -> None:
        """Open the ice-breaker picker for the selected group's next meeting."""
        from homeroom_tui.program.program_end import beyond_program
        from homeroom_tui.store import DamagedFile, error_reason

        group = await self._selected_group()
        if group is None:
            return
        beyond = beyond_program(self.store, group)
        if beyond is not None:  # the program is complete: the choice would add a meeting, so ask first
            from homeroom_tui.program.program_end import add_meeting
            from homeroom_tui.screens.dialogs import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    try:
                        raised = add_meeting(self.store, group, beyond.number)
                    except (DamagedFile, OSError, ValueError) as exc:
                        reason = error_reason(exc)
                        self.notify(
                            visible_values("program.add_meeting_failed", number=beyond.number, reason=reason),
                            markup=False,
                        )
                        return
                    self._pick_icebreaker(raised)

            question = t_count("program.add_meeting", beyond.planned, number=beyond.number)
            self.app.push_screen(ConfirmDialog(question, id="add-meeting"), answered)
            return
        self._pick_icebreaker(group)

    def _pick_icebreaker(self, group: Group) -> None:
        from homeroom_tui.program.icebreakers import request_for
        from homeroom_tui.program.locks import where_text
        from homeroom_tui.program.meetings import open_meeting
        from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
        from homeroom_tui.store import DamagedFile, error_reason
        from homeroom_tui.store.lock import LockHeld, MeetingLock

        try:
            meeting, _ = open_meeting(self.store, group)
        except DamagedFile as exc:
            tell_damaged(self, exc.problems[0], timeout=10)
            return
        # the choice is saved into the meeting: only while this homeroom holds its lock, as the runner does
        lock = MeetingLock(self.store.meeting_path(group.id, meeting.number))
        try:
            lock.acquire()
        except LockHeld as exc:
            where = visible(where_text(exc.holder))
            self.notify(t("home.icebreaker_held", number=meeting.number, where=where), severity="warning", markup=False)
            return
        except OSError as exc:
            self.notify(t("home.lock_failed", number=meeting.number, reason=error_reason(exc)), severity="error")
            return
        try:  # read again under the lock: what another copy saved before letting go is kept
            meeting, meetings = open_meeting(self.store, group, meeting.number)
        except DamagedFile as exc:
            lock.release()
            tell_damaged(self, exc.problems[0], timeout=10)
            return
        request = request_for(group, meeting, meetings, minutes=meeting.stages.transition.planned_min)
        picker = IcebreakerPicker(self.library(), meeting, request, save=self.store.save_meeting)

        def done(_: object) -> None:
            lock.release()
            self._picker_lock = None
            self.reload()

        self._picker_lock = lock
        self.app.push_screen(picker, done)

    def on_unmount(self) -> None:
        """The app ends while the ice-breaker picker is open: its meeting's lock goes too."""
        if self._picker_lock is not None:
            self._picker_lock.release()

    async def on_data_table_row_selected(self) -> None:
        """Enter on a group opens its meeting."""
        await self.action_run_meeting()

    async def action_run_meeting(self) -> None:
        """Open the meeting runner on the selected group's next meeting (or the one in progress)."""
        group = await self._selected_group()
        if group is not None:
            self.post_message(OpenMeeting(group.id))

    async def action_review(self) -> None:
        """Review the selected group's past meetings."""
        await self.ready.wait()
        group = self.selected_group()
        self.post_message(OpenReview(group.id if group else None))
