"""The review of past meetings (read-only): the group's tabs, reading the files, switching groups, export."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, TabbedContent
from textual.worker import get_current_worker

from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.agenda import Agenda
from homeroom_tui.program.icebreakers import Library
from homeroom_tui.program.review import IndexedSearch, SearchIndex
from homeroom_tui.screens.member_details import MemberDetails
from homeroom_tui.screens.messages import ExportGroup, ExportMember
from homeroom_tui.screens.review.detail import MeetingDetailScreen
from homeroom_tui.screens.review.meetings import MeetingChosen, MeetingsTab
from homeroom_tui.screens.review.members import MemberChosen, MembersTab
from homeroom_tui.screens.review.network import NetworkTab
from homeroom_tui.screens.review.overview import OverviewTab
from homeroom_tui.screens.review.problems import ProblemsTab
from homeroom_tui.screens.review.search import SearchTab
from homeroom_tui.screens.review.tab import ReviewTab
from homeroom_tui.screens.review.triangulation import TriangulationTab
from homeroom_tui.screens.workers import LoadCancelled, load_progress
from homeroom_tui.store import DamagedFile, Problem, Store
from homeroom_tui.store.index import fts5_available
from homeroom_tui.widgets.keybar import KeyBar
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.localize import localize_bindings


class ReviewScreen(Screen[None]):
    """A group's program at a glance, each member over time, and search across all notes."""

    ACTIONS = (  # footer, help, palette and README come from this table (widgets/keys.py)
        Action("f2", "tab('meetings')", "common.meetings", "cmd.review_meetings", footer=False),
        Action("f3", "tab('members')", "common.members", "cmd.review_members", footer=False),
        Action("f4", "tab('overview')", "review.tab.overview", "cmd.review_overview", footer=False),
        Action("f5,slash", "tab('search')", "key.search", "cmd.search"),
        Action("f6", "tab('problems')", "review.tab.problems", "cmd.review_problems", footer=False),
        Action("f7", "tab('network')", "review.tab.network", "cmd.review_network", footer=False),
        Action("f8", "tab('triangulation')", "review.tab.triangulation", "cmd.review_triangulation", footer=False),
        Action("e", "member_details", "key.members", "cmd.member_details"),
        Action("g", "next_group", "key.next_group", "cmd.next_group"),
        Action("x", "export", "key.export", "cmd.export"),
        Action("r", "member_record", "key.record", "cmd.member_record"),
        HELP,
        Action("q,escape", "close", "key.back", "cmd.back_to_groups", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.review"

    def __init__(
        self,
        store: Callable[[], Store],
        group_id: str | None,
        agenda: Callable[[], Agenda],
        library: Callable[[], Library],
    ) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        self.group_ids: list[str] = []
        """Every group folder, in order (``g`` goes through them); only the shown group is read."""
        self.group: Group | None = None
        self._meetings: list[Meeting] = []
        self.agenda = agenda
        self.library = library
        self.files_ready = asyncio.Event()
        """Clear while another group's files are read: keys typed meanwhile wait for it (``HomeroomApp.on_event``)."""
        self.files_ready.set()
        self.indexing = False
        """The index of the whole folder is being brought up to date in the background."""
        localize_bindings(self)

    @property
    def meetings(self) -> list[Meeting]:
        """The current group's meetings, once read (only one group's are kept in memory at a time)."""
        return self._meetings if self.group is not None else []

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="review-progress", show_eta=False)
        with TabbedContent(id="review-tabs"):
            yield MeetingsTab(f"F2 {t('common.meetings')}", id="tab-meetings")
            yield MembersTab(f"F3 {t('common.members')}", id="tab-members")
            yield OverviewTab(f"F4 {t('review.tab.overview')}", id="tab-overview")
            yield SearchTab(f"F5 {t('review.tab.search')}", id="tab-search")
            yield ProblemsTab(f"F6 {t('review.tab.problems')}", id="tab-problems")
            yield NetworkTab(f"F7 {t('review.tab.network')}", id="tab-network")
            yield TriangulationTab(f"F8 {t('review.tab.triangulation')}", id="tab-triangulation")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("review.loading_title")
        self.query_one("#review-tabs").display = False
        self.load_in_background()

    @work(thread=True, exclusive=True)
    def load_in_background(self) -> None:
        """Show the group asked for (else the first) as soon as its files are read, then bring the
        index of the whole folder up to date, showing progress: only files that changed are parsed.
        Without an index (no FTS5 in this Python's SQLite) every file is read and searched in memory."""
        store = self.store()
        group_ids, problems = store.scan_groups()
        start = group_ids.index(self.group_id) if self.group_id in group_ids else 0
        shown = self._first_readable(store, group_ids, start, problems)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._first_shown, group_ids, shown, list(problems))

        def report(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        progress = load_progress(report)
        try:
            indexed, problems = store.sync_index(progress)
            search: IndexedSearch | SearchIndex = IndexedSearch(store.root)
            if not indexed:  # no index here: read every file and search in memory, as before
                search = SearchIndex()
                loaded = store.load_all(use_cache=False, progress=progress, keep=lambda _: False, visit=search.add)
                problems = loaded.problems
        except LoadCancelled:  # the review was closed, or the app is quitting
            return
        self.app.call_from_thread(self._indexed, problems, search)

    def _first_readable(
        self, store: Store, group_ids: list[str], start: int, problems: list[Problem]
    ) -> tuple[Group, list[Meeting]] | None:
        """The first group from ``start`` on whose own file can be read, with its meetings."""
        for offset in range(len(group_ids)):
            group_id = group_ids[(start + offset) % len(group_ids)]
            try:
                group, meetings, _ = store.read_group(group_id)
            except DamagedFile:
                continue  # named on the problems tab once the whole folder is indexed
            return group, meetings
        return None

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#review-progress", ProgressBar)
        bar.update(total=total, progress=done)

    def _first_shown(
        self, group_ids: list[str], shown: tuple[Group, list[Meeting]] | None, problems: list[Problem]
    ) -> None:
        self.group_ids = group_ids
        self.indexing = True
        self.query_one("#review-tabs").display = True
        bar = self.query_one("#review-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one(ProblemsTab).show(problems)
        if fts5_available():  # searching works at once, on what the index holds so far
            self._use_search(IndexedSearch(self.store().root))
        self.group, self._meetings = shown if shown is not None else (None, [])
        self._fill()

    def _indexed(self, problems: list[Problem], search: IndexedSearch | SearchIndex) -> None:
        self.indexing = False
        self.query_one("#review-progress").display = False
        self._use_search(search)
        self.query_one(SearchTab).refresh_results()
        self.query_one(ProblemsTab).show(problems)

    def _use_search(self, search: IndexedSearch | SearchIndex) -> None:
        tab = self.query_one(SearchTab)
        if isinstance(tab.index, IndexedSearch):
            if isinstance(search, IndexedSearch):
                return  # the same index on disk, grown since
            tab.index.close()
        tab.index = search

    def show_group(self, group_id: str) -> None:
        """Show the group ``group_id`` once a worker has read its files (the next readable one if its
        own file cannot be read). Meanwhile the title says the notes are being read, and the keys
        typed wait for them (``files_ready``), so that they act on the group asked for."""
        self.files_ready.clear()
        self.title = t("review.loading_title")
        bar = self.query_one("#review-progress", ProgressBar)
        if not self.indexing:  # else it shows how far the index is
            bar.update(total=None, progress=0)
        bar.display = True
        self._read_group(group_id)

    @work(thread=True, exclusive=True, group="review-group")
    def _read_group(self, group_id: str) -> None:
        """Read one group's meetings off the UI thread."""
        ids = self.group_ids
        start = ids.index(group_id) if group_id in ids else 0
        shown = self._first_readable(self.store(), ids, start, [])
        if not get_current_worker().is_cancelled:  # else the review was closed, or the app is quitting
            self.app.call_from_thread(self._group_read, shown)

    def _group_read(self, shown: tuple[Group, list[Meeting]] | None) -> None:
        self.group, self._meetings = shown if shown is not None else (None, [])
        self.query_one("#review-progress").display = self.indexing
        self._fill()
        self.files_ready.set()

    def _fill(self) -> None:
        """Fill the tabs for the current group."""
        group = self.group
        self.title = t("review.title", name=group.name) if group else t("review.no_groups")
        if group is None:
            return
        self.sub_title = t("review.read_only")
        meetings = self.meetings
        self.query_one(MeetingsTab).show(group, meetings, self.library())
        self.query_one(MembersTab).show(group, meetings)
        self.query_one(OverviewTab).show(group, meetings)
        self.query_one(NetworkTab).show(group, meetings)
        self.query_one(TriangulationTab).show(group, meetings)
        self.query_one(MeetingsTab).focus_inside()

    async def _switch_to(self, group_id: str) -> Group | None:
        """The group ``group_id`` on screen with its files read, or None (gone, or yet another group
        was asked for meanwhile)."""
        if self.group is None or self.group.id != group_id:
            self.show_group(group_id)
        await self.files_ready.wait()
        return self.group if self.group is not None and self.group.id == group_id else None

    @on(MeetingChosen)
    async def open_meeting(self, event: MeetingChosen) -> None:
        """Show one meeting in full (of another group: once that group's files are read)."""
        group = await self._switch_to(event.group_id)
        if group is None:
            return
        number = event.number
        meeting = next((m for m in self.meetings if m.number == number), None)
        if meeting is not None:
            detail = MeetingDetailScreen(
                group, meeting, self.agenda(), self.library(), self.store().group_dir(group.id)
            )

            def back(_: object) -> None:
                if detail.changed:
                    self.group_id = group.id
                    self.load_in_background()

            self.app.push_screen(detail, back)

    # actions ------------------------------------------------------------------------------------
    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()  # ``e`` is offered on the members tab only

    def action_tab(self, name: str) -> None:
        tab = f"tab-{name}"
        self.query_one("#review-tabs", TabbedContent).active = tab
        # focus something inside the new tab: focus left in a hidden tab would bring that tab back
        self.query_one(f"#{tab}", ReviewTab).focus_inside()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``e`` and ``r`` work on the members tab (F3), on the member highlighted there."""
        if action in ("member_details", "member_record"):
            return self.query_one("#review-tabs", TabbedContent).active == "tab-members"
        return True

    def action_member_details(self) -> None:
        """``e`` on the members tab: the highlighted member's details (name, note, consent)."""
        group = self.group
        member_id = self.query_one(MembersTab).highlighted_member()
        member = group.member(member_id) if group is not None and member_id else None
        if group is None or member is None:
            return

        def closed(saved: Group | None) -> None:
            if saved is not None:
                self._member_saved(saved, member.id)

        self.app.push_screen(MemberDetails(group, member, self.store().root), closed)

    def _member_saved(self, saved: Group, member_id: str) -> None:
        """Show the group as saved (its meetings have not changed), the same member highlighted."""
        self.group = saved
        self.query_one(MembersTab).show(saved, self.meetings, select=member_id)
        self.query_one(OverviewTab).show(saved, self.meetings)
        self.query_one(TriangulationTab).show(saved, self.meetings)
        search = self.query_one(SearchTab).index
        if search is not None:
            search.update_interviews(saved)  # a new or changed interview is found at once

    @on(MemberChosen)
    async def show_member(self, event: MemberChosen) -> None:
        """A search hit in a member's interview: that member on the members tab (F3)."""
        group = await self._switch_to(event.group_id)
        if group is None:
            return
        self.action_tab("members")
        self.query_one(MembersTab).show(group, self.meetings, select=event.member_id)

    def action_next_group(self) -> None:
        ids = self.group_ids
        if self.group is None or len(ids) < 2:
            return
        index = ids.index(self.group.id) if self.group.id in ids else -1
        self.show_group(ids[(index + 1) % len(ids)])

    def action_export(self) -> None:
        if self.group is None:
            return
        self.post_message(ExportGroup(self.group, self.meetings))

    def action_member_record(self) -> None:
        """``r`` on the members tab: the highlighted member's record into ``exports/``."""
        member_id = self.query_one(MembersTab).highlighted_member()
        if self.group is None or member_id is None:
            return
        self.post_message(ExportMember(self.group, self.meetings, member_id))

    def action_close(self) -> None:
        self.dismiss(None)

    def on_unmount(self) -> None:
        for tab in self.query(SearchTab):
            if isinstance(tab.index, IndexedSearch):
                tab.index.close()
