"""Review past meetings offline: meetings, members over the program, the group overview, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import pairwise

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, OptionList, ProgressBar, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from homeroom_tui.i18n import get_language, t, t_count
from homeroom_tui.i18n.numbers import number as fmt_number
from homeroom_tui.i18n.numbers import points, share
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, Group, Meeting
from homeroom_tui.plain import visible
from homeroom_tui.program.agenda import Agenda
from homeroom_tui.program.fidelity import (
    appreciated,
    appreciations,
    attendance_records,
    meeting_fidelity,
    missing_words,
)
from homeroom_tui.program.icebreakers import Library
from homeroom_tui.program.review import (
    SearchHit,
    SearchIndex,
    group_recall,
    meeting_rows,
    member_progress,
    overview,
    present_ids,
    recall_score,
    roster,
)
from homeroom_tui.program.timer import clock_text
from homeroom_tui.store import Loaded, Problem, Store
from homeroom_tui.widgets.keybar import KeyBar
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, plain_content, visible_values

BARS = "▁▂▃▄▅▆▇█"


def bars(values: Sequence[int | None]) -> str:
    """A small chart on the absolute 1-5 scale: ``▁▃▅█``; ``·`` where no value was given."""
    return "".join("·" if v is None else BARS[round((v - 1) * (len(BARS) - 1) / 4)] for v in values)


def highlighted(text: str, spans: Sequence[tuple[int, int]], width: int = 90) -> Text:
    """One line around the first match, with every match in bold reverse (control characters made visible)."""
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    window = text[start : start + width].replace("\n", " ")
    marked = [(a - start, b - start) for a, b in spans if a >= start and b <= start + width]
    cuts = sorted({0, len(window), *(edge for span in marked for edge in span)})
    shown = Text("…" if start else "")
    for low, high in pairwise(cuts):
        style = "bold reverse" if any(a <= low and high <= b for a, b in marked) else ""
        shown.append(visible(window[low:high]), style=style)
    return shown


def meeting_detail(group: Group, meeting: Meeting, agenda: Agenda, library: Library) -> Content:
    """One meeting in full: the fidelity verdict, the ice-breaker with its rating and note, stages with
    checklists and times, rounds with appreciation (★), attendance with arrival times and reasons,
    recall, observations, notes.

    Names, answers, notes and the agenda's and ice-breakers' texts are data: nothing is parsed as
    markup and control characters are shown as escapes.
    """
    lang = get_language()
    plan = agenda.for_meeting(meeting.number)
    members = roster(group, meeting)
    accent = "bold $accent"
    lines: list[Content] = [
        Content.assemble(
            (t("common.meeting_title", number=meeting.number, date=meeting.date.isoformat()), "bold"),
            " · " + t(f"meeting_status.{meeting.status}"),
        )
    ]
    if meeting.planned_date is not None and meeting.planned_date != meeting.date:
        lines.append(Content.styled(t("review.planned_date", date=meeting.planned_date.isoformat()), "dim"))
    if meeting.amended_at:
        lines.append(Content.styled(t("review.amended", when=meeting.amended_at.isoformat(timespec="minutes")), "dim"))
    check = meeting_fidelity(meeting, agenda)
    verdict = (
        t("review.fidelity_ok")
        if check.as_prescribed
        else t("review.fidelity_missing", missing="; ".join(missing_words(check, lang)))
    )
    lines.append(Content(f"{t('review.fidelity')}: {verdict}"))
    if meeting.icebreaker:
        item = library.get(meeting.icebreaker.id)
        name = item.name.get(lang) if item else meeting.icebreaker.id
        rating = f" {'★' * meeting.icebreaker.rating}" if meeting.icebreaker.rating else ""
        lines.append(Content.assemble(f"{t('common.icebreaker')}: ", plain_content(name), rating))
        if meeting.icebreaker.note:
            how = plain_content(meeting.icebreaker.note, "italic", multiline=True)
            lines.append(Content.assemble(f"  {t('review.icebreaker_note')}: ", how))
    for key, stage_check in zip(STAGE_KEYS, check.stages, strict=True):
        stage = meeting.stages[key]
        planned = stage.planned_min + stage.extended_min
        minutes = t("review.stage_minutes", actual=clock_text(stage.actual_seconds), planned=planned)
        count = t("review.checklist_count", ticked=stage_check.ticked, items=stage_check.items)
        lines += [Content(), Content.assemble((t(f"stage.{key}"), accent), f" {minutes} · {count}")]
        ticked = set(stage.checklist)
        for entry in plan.stage(key).checklist:
            mark = "☑" if entry.key in ticked else "☐"
            lines.append(Content.assemble(f"  {mark} ", plain_content(entry.text(lang))))
        round_plan = plan.stage(key).round
        if round_plan and round_plan.answer != "ready":
            for member in members:
                answer = (
                    getattr(meeting.answers.get(member.id), round_plan.answer, "")
                    if meeting.answers.get(member.id)
                    else ""
                )
                if answer:
                    answers = meeting.answers[member.id]
                    star = f"  {t('review.appreciated')}" if round_plan.appreciate and answers.appreciated else ""
                    lines.append(
                        Content.assemble(
                            "  ",
                            (member.id, "bold"),
                            " ",
                            plain_content(member.name),
                            ": ",
                            plain_content(answer, multiline=True),
                            star,
                        )
                    )
        if stage.notes:
            lines.append(Content.assemble("  ", plain_content(stage.notes, "italic", multiline=True)))
    lines += [Content(), Content.styled(t("panel.attendance"), accent)]
    for member, record in zip(members, attendance_records(group, meeting), strict=True):
        extra = f" {t('review.arrived', time=record.arrived_at)}" if record.arrived_at else ""
        row = Content(f"  {member.id:<3} {visible(member.name):<24} {t(f'attendance.{record.status}')}{extra}")
        if record.reason:
            row = Content.assemble(row, f" · {t('review.reason')}: ", plain_content(record.reason, "italic"))
        lines.append(row)
    stars = appreciated(meeting)
    if stars:
        lines += [Content(), Content.assemble((t("review.appreciated_in"), accent), "  " + " ".join(stars))]
    if meeting.name_recall:
        lines += [Content(), Content.styled(t("panel.recall"), accent)]
        here = present_ids(group, meeting)
        present = [m for m in members if m.id in here]
        lines.append(Content("       " + " ".join(f"{m.id:>3}" for m in present)))
        for member in present:
            named = set(meeting.name_recall.get(member.id, []))
            cells = " ".join("  -" if p.id == member.id else ("  ✔" if p.id in named else "  ·") for p in present)
            score = recall_score(group, meeting, member.id)
            tail = f"  {share(score.named, score.possible)}" if score else ""
            lines.append(Content(f"  {member.id:<4} {cells}{tail}"))
        total = group_recall(group, meeting)
        if total and total.fraction is not None:
            pct = fmt_number(total.fraction * 100)
            lines.append(Content("  " + t("run.recall_group", named=total.named, possible=total.possible, pct=pct)))
    if meeting.observations:
        lines += [
            Content(),
            Content.assemble(
                (t("panel.observations"), accent), "  " + " ".join(t(f"review.ind_short.{i}") for i in INDICATORS)
            ),
        ]
        for member in members:
            seen = meeting.observations.get(member.id)
            if seen is None:
                continue
            values = "  ".join(f"{getattr(seen, i) or '-':>2}" for i in INDICATORS)
            note = Content.assemble("  ", plain_content(seen.note, "italic", multiline=True)) if seen.note else ""
            lines.append(Content.assemble(f"  {member.id:<4} {values}", note))
    if meeting.private_notes:
        lines += [
            Content(),
            Content.styled(t("common.private_notes"), accent),
            plain_content(meeting.private_notes, multiline=True),
        ]
    return Content("\n").join(lines)


class MeetingDetailScreen(Screen[None]):
    """One meeting in full, read-only; ``e`` amends it in the runner (which records ``amended_at``)."""

    ACTIONS = (  # footer, help, palette and README come from this table (widgets/keys.py)
        Action("e", "amend", "key.amend", "cmd.amend"),
        Action("d", "date_held", "key.date_held", "cmd.date_held"),
        HELP,
        Action("q,escape", "close", "key.back", "cmd.back_to_review", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.detail"

    class DateHeld(Message):
        """The counselor corrected the day a meeting was held; the app saves it through a session."""

        def __init__(self, screen: MeetingDetailScreen, group: Group, number: int, day: dt.date) -> None:
            super().__init__()
            self.screen = screen
            self.group = group
            self.number = number
            self.day = day

    def __init__(
        self, group: Group, meeting: Meeting, agenda: Agenda, library: Library, amend: Callable[[Group, Meeting], None]
    ) -> None:
        super().__init__()
        self.group = group
        self.meeting = meeting
        self.agenda = agenda
        self.library_ = library
        self.amend = amend
        self.changed = False
        """The meeting was changed here (its date): the review reads the files again on return."""
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(meeting_detail(self.group, self.meeting, self.agenda, self.library_), id="detail-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.group.name
        self.sub_title = t("review.read_only")
        self.query_one("#detail").focus()

    def action_amend(self) -> None:
        self.amend(self.group, self.meeting)

    def action_date_held(self) -> None:
        """``d``: correct the day the meeting was held (a small date dialog)."""
        from homeroom_tui.widgets.dialogs import DateDialog

        meeting = self.meeting
        if meeting.status == "planned":
            self.notify(t("review.date_not_held", number=meeting.number), severity="warning")
            return

        def chosen(day: dt.date | None) -> None:
            if day is not None and day != meeting.date:
                self.post_message(self.DateHeld(self, self.group, meeting.number, day))

        self.app.push_screen(
            DateDialog(t("review.date_title", number=meeting.number), meeting.date, id="date-held"), chosen
        )

    def show_meeting(self, meeting: Meeting) -> None:
        """Show ``meeting`` as it is now saved."""
        self.meeting = meeting
        self.changed = True
        self.query_one("#detail-text", Static).update(meeting_detail(self.group, meeting, self.agenda, self.library_))

    def action_close(self) -> None:
        self.dismiss(None)


class ReviewScreen(Screen[None]):
    """A group's program at a glance, each member over time, and search across all notes."""

    ACTIONS = (  # footer, help, palette and README come from this table (widgets/keys.py)
        Action("f2", "tab('meetings')", "common.meetings", "cmd.review_meetings", footer=False),
        Action("f3", "tab('members')", "common.members", "cmd.review_members", footer=False),
        Action("f4", "tab('overview')", "review.tab.overview", "cmd.review_overview", footer=False),
        Action("f5,slash", "tab('search')", "key.search", "cmd.search"),
        Action("f6", "tab('problems')", "review.tab.problems", "cmd.review_problems", footer=False),
        Action("g", "next_group", "key.next_group", "cmd.next_group"),
        Action("x", "export", "key.export", "cmd.export"),
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
        amend: Callable[[Group, Meeting], None],
        export: Callable[[Group, Sequence[Meeting]], str | None],
    ) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        self.loaded = Loaded()
        self.group: Group | None = None
        self.agenda = agenda
        self.library = library
        self.amend = amend
        self.export = export
        self.hits: list[SearchHit] = []
        self._index: SearchIndex | None = None
        localize_bindings(self)

    @property
    def meetings(self) -> list[Meeting]:
        """The current group's meetings (only one group's are kept in memory at a time)."""
        if self.group is None:
            return []
        if self.group.id not in self.loaded.meetings:
            from homeroom_tui.store.index import IndexCache

            cache = IndexCache(self.store().root, self.group.id)
            cache.load()
            meetings, _ = self.store().load_meetings(self.group, cache)
            self.loaded.meetings = {self.group.id: meetings}
        return self.loaded.meetings[self.group.id]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="review-progress", show_eta=False)
        with TabbedContent(id="review-tabs"):
            with TabPane(f"F2 {t('common.meetings')}", id="tab-meetings"):
                yield DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)
            with TabPane(f"F3 {t('common.members')}", id="tab-members"), Horizontal():
                yield OptionList(id="member-list")
                with VerticalScroll(id="member-detail"):
                    yield Static("", id="member-text")
            with TabPane(f"F4 {t('review.tab.overview')}", id="tab-overview"), VerticalScroll(id="overview-scroll"):
                yield Static("", id="overview-text")
            with TabPane(f"F5 {t('review.tab.search')}", id="tab-search"):
                yield Input(placeholder=t("review.search_placeholder"), id="search-input")
                yield Static("", id="search-count", classes="muted")
                yield OptionList(id="search-results")
            with TabPane(f"F6 {t('review.tab.problems')}", id="tab-problems"), VerticalScroll(id="problems-scroll"):
                yield Static("", id="problems-text")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#meetings-table", DataTable)
        columns = {
            "number": "review.col.number",
            "date": "common.date",
            "status": "common.status",
            "present": "common.present",
            "icebreaker": "common.icebreaker",
            "rating": "review.col.rating",
            "minutes": "review.col.minutes",
        }
        for key, label in columns.items():
            table.add_column(t(label), key=key)
        self.title = t("review.loading_title")
        self.query_one("#review-tabs").display = False
        self.load_in_background()

    @work(thread=True, exclusive=True)
    def load_in_background(self) -> None:
        """Read every file off the UI thread (years of notes can take a moment), showing progress."""

        from homeroom_tui.widgets.loading import LoadCancelled, load_progress

        def report(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        index = SearchIndex()
        first: list[str] = []

        def keep(group: Group) -> bool:
            # the group asked for, else the first one: only its meetings stay in memory
            if self.group_id is not None:
                return group.id == self.group_id
            if not first:
                first.append(group.id)
            return group.id == first[0]

        try:
            loaded = self.store().load_all(progress=load_progress(report), keep=keep, visit=index.add)
        except LoadCancelled:  # the review was closed, or the app is quitting
            return
        self._index = index
        self.app.call_from_thread(self._loaded, loaded)

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#review-progress", ProgressBar)
        bar.update(total=total, progress=done)

    def _loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        groups = loaded.groups
        self.group = next((g for g in groups if g.id == self.group_id), groups[0] if groups else None)
        self.query_one("#review-progress").display = False
        self.query_one("#review-tabs").display = True
        self.show_group()
        self.show_problems(loaded.problems)

    def show_group(self) -> None:
        """Fill the tables for the current group."""
        group = self.group
        self.title = t("review.title", name=group.name) if group else t("review.no_groups")
        if group is None:
            return
        self.sub_title = t("review.read_only")
        lang = get_language()
        table = self.query_one("#meetings-table", DataTable)
        table.clear()
        library = self.library()
        for row in meeting_rows(group, self.meetings):
            item = library.get(row.icebreaker) if row.icebreaker else None
            table.add_row(
                str(row.number),
                row.date,
                t(f"meeting_status.{row.status}"),
                f"{row.present}/{row.total}" if row.present else "-",
                plain((item.name.get(lang) if item else row.icebreaker) or "-"),
                "★" * row.rating if row.rating else "",
                f"{fmt_number(row.actual_min)} / {row.planned_min}",
                key=str(row.number),
            )
        members = self.query_one("#member-list", OptionList)
        members.clear_options()
        members.add_options(Option(plain(f"{m.id:<3} {m.name}"), id=m.id) for m in group.members)
        if group.members:
            members.highlighted = 0
            self.show_member(group.members[0].id)
        self.query_one("#overview-text", Static).update(self.overview_text())
        table.focus()

    def show_member(self, member_id: str) -> None:
        """One member over the program: attendance (arrival, reasons), recall, appreciation (★),
        indicators with bars and change, answers."""
        assert self.group is not None
        progress = member_progress(self.group, self.meetings, member_id)
        stars = set(appreciations(self.meetings, member_id))
        numbers = " ".join(f"{n:>3}" for n in progress.numbers)
        recall_change = progress.recall_change()
        recall_tail = f"  {points(recall_change)}" if recall_change is not None else ""
        member = progress.member
        head = Content.assemble((f"{member.id} ", "bold"), plain_content(member.name, "bold"))
        if member.faculty:
            head = Content.assemble(head, " · ", plain_content(member.faculty))
        lines: list[Content | str] = [
            head,
            "",
            f"{t('common.meeting'):<26}{numbers}",
            f"{t('panel.attendance'):<26}" + " ".join(f"{t(f'review.att_short.{s}'):>3}" for s in progress.attendance),
            f"{t('panel.recall'):<26}"
            + " ".join(f"{s.named}/{s.possible:<1}" if s else "  -" for s in progress.recall)
            + recall_tail,
            f"{t('review.appreciated_in')[:25]:<26}"
            + " ".join(f"{'★' if n in stars else '·':>3}" for n in progress.numbers),
            "",
        ]
        for indicator in INDICATORS:
            values = progress.indicators[indicator]
            change = progress.change(indicator)
            change_text = f"{change:+d}" if change is not None else ""
            cells = " ".join(f"{v if v is not None else '-':>3}" for v in values)
            lines.append(f"{t(f'indicator.{indicator}')[:25]:<26}{cells}  {bars(values)} {change_text}")
        mean_change = progress.mean_change()
        if mean_change is not None:
            lines.append(t("review.mean_change", change=fmt_number(mean_change, sign=True)))
        shares = [share(s.named, s.possible) for s in progress.recall if s is not None]
        if shares:
            lines.append(t("review.recall_shares", shares=" → ".join(shares)))
        by_number = {m.number: m for m in self.meetings}
        for number in progress.numbers:
            records = attendance_records(self.group, by_number[number])
            record = next((r for r in records if r.member_id == member_id), None)
            if record is None or not (record.arrived_at or record.reason):
                continue
            said = f"  {t('review.meeting_short', number=number)}: {t(f'attendance.{record.status}')}"
            said += f" {t('review.arrived', time=record.arrived_at)}" if record.arrived_at else ""
            reason = plain_content(record.reason, "italic") if record.reason else ""
            lines.append(Content.assemble(said, f" · {t('review.reason')}: " if record.reason else "", reason))
        for number, answers in progress.answers:
            star = f"  {t('review.appreciated')}" if answers.appreciated else ""
            lines += ["", Content.assemble((t("review.meeting_short", number=number), "bold"), star)]
            for key in ANSWER_KEYS:
                value = getattr(answers, key)
                if value:
                    lines.append(
                        Content.assemble(f"  {t(f'review.answer.{key}')}: ", plain_content(value, multiline=True))
                    )
        for number, note in progress.notes:
            lines.append(
                Content.assemble(
                    ("  " + t("review.meeting_short", number=number) + ": ", "italic"),
                    plain_content(note, "italic", multiline=True),
                )
            )
        self.query_one("#member-text", Static).update(Content("\n").join(lines))

    def overview_text(self) -> Content:
        """The group per meeting and the members who changed least."""
        assert self.group is not None
        view = overview(self.group, self.meetings)
        head = f"{t('review.col.number'):<8}{t('common.present'):<10}{t('panel.recall'):<16}" + " ".join(
            f"{t(f'review.ind_short.{i}'):>6}" for i in INDICATORS
        )
        lines: list[Content | str] = [Content.styled(head, "bold")]
        for summary in view.meetings:
            recall = share(summary.recall.named, summary.recall.possible) if summary.recall else "-"
            present = f"{summary.present}/{summary.total}" if summary.present else "-"
            values = " ".join(
                fmt_number(v, width=6) if v is not None else f"{'-':>6}" for v in summary.indicators.values()
            )
            lines.append(f"{summary.number:<8}{present:<10}{recall:<16}{values}")
        lines += ["", Content.styled(t("common.least_changed"), "bold")]
        for member, change in view.least_changed:
            lines.append(f"  {member.id:<3} {visible(member.name)}  {fmt_number(change, sign=True)}")
        if not view.least_changed:
            lines.append(f"  {t('common.not_enough')}")
        return Content("\n").join(lines)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Damaged files, listed with their error; not hidden, not fatal."""
        text = "\n".join(f"• {visible(str(p))}" for p in problems) if problems else t("review.no_problems")
        self.query_one("#problems-text", Static).update(Content(text))  # paths and reasons are data

    # events -------------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#member-list")
    def _member(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_member(event.option.id)

    @on(DataTable.RowSelected, "#meetings-table")
    def _meeting(self, event: DataTable.RowSelected) -> None:
        self.open_meeting(self.group, int(str(event.row_key.value)))

    def open_meeting(self, group: Group | None, number: int) -> None:
        """Show one meeting in full."""
        if group is None:
            return
        if group is not self.group:
            self.group = group
            self.show_group()
        meeting = next((m for m in self.meetings if m.number == number), None)
        if meeting is not None:
            detail = MeetingDetailScreen(group, meeting, self.agenda(), self.library(), self.amend)

            def back(_: object) -> None:
                if detail.changed:
                    self.load_in_background()

            self.app.push_screen(detail, back)

    @on(Input.Changed, "#search-input")
    def _search(self, event: Input.Changed) -> None:
        hits = self._index.search(event.value) if self._index is not None else []
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        for index, hit in enumerate(hits):
            label = plain(f"{hit.group_name} · {t('review.meeting_short', number=hit.meeting_number)} · ", "dim")
            where = t(f"review.where.{hit.where.split('.')[0]}")
            label.append((t("review.hit_member", member=hit.member_id, where=where) if hit.member_id else where) + ": ")
            label.append_text(highlighted(hit.text, hit.spans))
            results.add_option(Option(label, id=f"{index}"))
        self.hits = hits
        if hits:
            results.highlighted = 0
        self.query_one("#search-count", Static).update(t_count("review.hits", len(hits)) if event.value.strip() else "")

    @on(Input.Submitted, "#search-input")
    def _to_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()

    @on(OptionList.OptionSelected, "#search-results")
    def _open_hit(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        group = next((g for g in self.loaded.groups if g.id == hit.group_id), None)
        self.open_meeting(group, hit.meeting_number)

    # actions ------------------------------------------------------------------------------------
    def action_tab(self, name: str) -> None:
        self.query_one("#review-tabs", TabbedContent).active = f"tab-{name}"
        # focus something inside the new tab: focus left in a hidden tab would bring that tab back
        focus = {
            "meetings": "#meetings-table",
            "members": "#member-list",
            "overview": "#overview-scroll",
            "search": "#search-input",
            "problems": "#problems-scroll",
        }[name]
        self.query_one(focus).focus()

    def action_next_group(self) -> None:
        groups = self.loaded.groups
        if self.group is None or len(groups) < 2:
            return
        index = groups.index(self.group)
        self.group = groups[(index + 1) % len(groups)]
        self.show_group()

    def action_export(self) -> None:
        if self.group is None:
            return
        where = self.export(self.group, self.meetings)
        if where:
            self.notify(visible_values("review.exported", path=where), timeout=10, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
