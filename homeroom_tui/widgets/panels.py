"""The panels of the meeting runner: checklist, round, attendance, name recall, observations, notes.

Each panel shows part of a :class:`MeetingSession` and changes it through the session's methods;
keys are local to the focused panel so one key does one thing at a time.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from homeroom_tui.i18n import get_language, t
from homeroom_tui.model import INDICATORS, Member
from homeroom_tui.plain import visible
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, plain_t, visible_values
from homeroom_tui.widgets.plain_text_area import PlainTextArea

TICK = "☑"
UNTICK = "☐"


def member_label(member: Member) -> str:
    """``K1 Aisyah Putri`` (control characters in the name made visible)."""
    return f"{member.id:<3} {visible(member.name)}"


def dots(value: int | None) -> str:
    """``●●●○○`` for 3, ``·····`` when not set."""
    if value is None:
        return "·····"
    return "●" * value + "○" * (5 - value)


class RowList(OptionList):
    """An option list whose rows are re-rendered in place, keeping the highlight."""

    def set_rows(self, rows: list[tuple[str, Text | str]]) -> None:
        """Show ``rows`` (id, prompt); same ids keep their place and the highlight."""
        ids = [option.id for option in self.options]
        if ids == [row_id for row_id, _ in rows]:
            for index, (_, prompt) in enumerate(rows):
                self.replace_option_prompt_at_index(index, prompt)
            return
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(Option(prompt, id=row_id) for row_id, prompt in rows)
        if rows:
            self.highlighted = min(highlighted or 0, len(rows) - 1)

    @property
    def current_id(self) -> str | None:
        """Id of the highlighted row."""
        option = self.highlighted_option
        return option.id if option else None


class Panel(Vertical):
    """Base of the runner's panels."""

    class Changed(Message):
        """The panel changed the session (the screen refreshes what depends on it)."""

    def __init__(self, session: MeetingSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def refresh_view(self) -> None:
        """Show the session's current state."""

    def focus_main(self) -> None:
        """Focus the panel's main list."""
        lists = self.query(RowList)
        if lists:
            lists.first().focus()

    def changed(self) -> None:
        """Refresh and tell the screen."""
        self.refresh_view()
        self.post_message(self.Changed())


class KeyList(RowList):
    """A row list whose binding descriptions are translated."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)


# --- checklist --------------------------------------------------------------------------------


class ChecklistList(KeyList):
    """Space or Enter ticks the highlighted item; 1-9 tick item n."""

    BINDINGS = [
        Binding("space", "tick", "key.tick"),
        *(Binding(str(n), f"tick_number({n})", "key.tick", show=False) for n in range(1, 10)),
    ]

    def action_tick(self) -> None:
        panel = self.parent
        if isinstance(panel, ChecklistPanel) and self.current_id:
            panel.tick(self.current_id)

    def action_tick_number(self, number: int) -> None:
        panel = self.parent
        if isinstance(panel, ChecklistPanel) and number <= self.option_count:
            option_id = self.get_option_at_index(number - 1).id
            if option_id:
                self.highlighted = number - 1
                panel.tick(option_id)


class ChecklistPanel(Panel):
    """The current stage's checklist."""

    def compose(self) -> ComposeResult:
        yield ChecklistList(id="checklist")
        yield Static("", id="checklist-empty", classes="muted")

    def tick(self, key: str) -> None:
        """Tick or untick item ``key``."""
        self.session.toggle_item(key)
        self.changed()

    @on(OptionList.OptionSelected, "#checklist")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.tick(event.option.id)

    def refresh_view(self) -> None:
        items = self.session.stage_plan.checklist
        ticked = set(self.session.meeting.stages[self.session.stage].checklist)
        lang = get_language()
        rows: list[tuple[str, Text | str]] = []
        for n, item in enumerate(items, 1):
            mark = TICK if item.key in ticked else UNTICK
            prompt = Text(f"{mark} {n if n < 10 else ' '} {visible(item.text(lang))}")
            if item.key in ticked:
                prompt.stylize("dim")
            rows.append((item.key, prompt))
        self.query_one("#checklist", ChecklistList).set_rows(rows)
        empty = self.query_one("#checklist-empty", Static)
        empty.display = not items
        empty.update(t("run.checklist_empty"))


# --- round ----------------------------------------------------------------------------------------


class RoundList(KeyList):
    """Members around the circle: Enter to type an answer, Space for the turn, a to appreciate."""

    BINDINGS = [
        Binding("enter", "answer", "key.answer"),
        Binding("space", "turn", "key.turn"),
        Binding("a", "appreciate", "key.appreciate"),
    ]

    def _panel(self) -> RoundPanel | None:
        panel = self.parent
        return panel if isinstance(panel, RoundPanel) else None

    def action_answer(self) -> None:
        panel = self._panel()
        if panel and self.current_id:
            panel.edit(self.current_id)

    def action_turn(self) -> None:
        panel = self._panel()
        if panel and self.current_id:
            panel.session.toggle_turn(self.current_id)
            panel.changed()

    def action_appreciate(self) -> None:
        panel = self._panel()
        plan = panel.session.stage_plan.round if panel else None
        if panel and plan and plan.appreciate and self.current_id:
            panel.session.toggle_appreciated(self.current_id)
            panel.changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "appreciate":
            panel = self._panel()
            plan = panel.session.stage_plan.round if panel else None
            return bool(plan and plan.appreciate)
        return True


class RoundPanel(Panel):
    """The stage's round: who has had a turn, what they said."""

    editing: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="round-prompt")
        yield Static("", id="round-waiting", classes="muted")
        yield RoundList(id="round")
        yield Input(id="round-input", placeholder=t("run.answer_placeholder"))

    def on_mount(self) -> None:
        self.query_one("#round-input", Input).display = False

    def edit(self, member_id: str) -> None:
        """Type the answer of ``member_id`` (for a ready round: tick the turn)."""
        plan = self.session.stage_plan.round
        if plan is None:
            return
        if plan.answer == "ready":
            self.session.toggle_turn(member_id)
            self.changed()
            return
        self.editing = member_id
        box = self.query_one("#round-input", Input)
        value = self.session.round_answer(member_id)
        box.value = value if isinstance(value, str) else ""
        member = self.session.group.member(member_id)
        box.placeholder = visible_values("run.answer_for", name=member.name if member else member_id)
        box.display = True
        box.focus()

    @on(Input.Changed, "#round-input")
    def _typed(self, event: Input.Changed) -> None:
        if self.editing:
            self.session.set_round_answer(self.editing, event.value, mark_turn=False)

    @on(Input.Submitted, "#round-input")
    def _submitted(self, event: Input.Submitted) -> None:
        member_id = self.editing
        self.editing = None
        if member_id:
            self.session.set_round_answer(member_id, event.value)
        event.input.display = False
        round_list = self.query_one("#round", RoundList)
        waiting = [m.id for m in self.session.waiting()]
        self.changed()
        if waiting:
            round_list.highlighted = round_list.get_option_index(waiting[0])
        round_list.focus()

    def cancel_edit(self) -> bool:
        """Leave the answer field (what was typed is kept)."""
        box = self.query_one("#round-input", Input)
        if not box.display:
            return False
        self.editing = None
        box.display = False
        self.query_one("#round", RoundList).focus()
        self.changed()
        return True

    def refresh_view(self) -> None:
        plan = self.session.stage_plan.round
        prompt = self.query_one("#round-prompt", Label)
        if plan is None:
            prompt.update(t("run.no_round"))
            self.query_one("#round", RoundList).set_rows([])
            self.query_one("#round-waiting", Static).update("")
            return
        prompt.update(plain(plan.text(get_language()), "bold"))
        rows: list[tuple[str, Text | str]] = []
        here = {m.id for m in self.session.present_members()}
        for member in self.session.members:
            present = member.id in here
            done = self.session.turn_taken(member.id)
            answer = self.session.round_answer(member.id)
            text = Text(f"{'✔' if done else '·'} {member_label(member)}")
            if plan.appreciate and self.session.answers(member.id).appreciated:
                text.append("  ★")
            if isinstance(answer, str) and answer:
                first_line = answer.splitlines()[0]
                text.append(f"  — {visible(first_line[:60])}", style="italic")
            if not present:
                text.append(f"  ({t(f'attendance.{self.session.attendance(member.id).status}')})")
                text.stylize("dim strike")
            elif done:
                text.stylize("green")
            rows.append((member.id, text))
        self.query_one("#round", RoundList).set_rows(rows)
        waiting = self.session.waiting()
        self.query_one("#round-waiting", Static).update(
            plain_t("run.waiting", names=", ".join(m.name for m in waiting)) if waiting else t("run.round_done")
        )


# --- attendance ---------------------------------------------------------------------------------


class AttendanceList(KeyList):
    """Space or Enter cycles present / late / excused / absent / unknown; a marks all present."""

    BINDINGS = [
        Binding("space", "cycle", "key.cycle"),
        Binding("a", "all_present", "key.all_present"),
    ]

    def action_cycle(self) -> None:
        panel = self.parent
        if isinstance(panel, AttendancePanel) and self.current_id:
            panel.session.cycle_attendance(self.current_id)
            panel.changed()

    def action_all_present(self) -> None:
        panel = self.parent
        if isinstance(panel, AttendancePanel):
            panel.session.all_present()
            panel.changed()


STATUS_STYLE = {"present": "green", "late": "yellow", "excused": "cyan", "absent": "red", "unknown": "dim"}


class AttendancePanel(Panel):
    """Who came."""

    def compose(self) -> ComposeResult:
        yield Static("", id="attendance-summary", classes="muted")
        yield AttendanceList(id="attendance")

    @on(OptionList.OptionSelected, "#attendance")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.session.cycle_attendance(event.option.id)
            self.changed()

    def refresh_view(self) -> None:
        rows: list[tuple[str, Text | str]] = []
        for member in self.session.members:
            record = self.session.attendance(member.id)
            status = t(f"attendance.{record.status}")
            text = Text(f"{status:<14}", style=STATUS_STYLE[record.status])
            text.append(member_label(member))
            if record.arrived_at:
                text.append(f"  {record.arrived_at.strftime('%H:%M')}", style="yellow")
            rows.append((member.id, text))
        self.query_one("#attendance", AttendanceList).set_rows(rows)
        self.query_one("#attendance-summary", Static).update(
            t("run.attendance_summary", present=self.session.present_count(), total=len(self.session.members))
        )


# --- name recall ------------------------------------------------------------------------------


class RecallList(KeyList):
    """Space toggles a peer named; 1-9 toggle peer n; a all, n none; left/right choose who recalls."""

    BINDINGS = [
        Binding("space", "toggle_named", "key.named"),
        *(Binding(str(n), f"toggle_number({n})", "key.named", show=False) for n in range(1, 10)),
        Binding("a", "all", "key.all"),
        Binding("n", "none", "key.none"),
        Binding("left", "recaller(-1)", "key.prev_member"),
        Binding("right", "recaller(1)", "key.next_member"),
    ]

    def _panel(self) -> RecallPanel:
        panel = self.parent
        assert isinstance(panel, RecallPanel)
        return panel

    def action_toggle_named(self) -> None:
        if self.current_id:
            self._panel().toggle(self.current_id)

    def action_toggle_number(self, number: int) -> None:
        if number <= self.option_count:
            self.highlighted = number - 1
            option_id = self.get_option_at_index(number - 1).id
            if option_id:
                self._panel().toggle(option_id)

    def action_all(self) -> None:
        panel = self._panel()
        if panel.recaller:
            panel.session.name_all(panel.recaller)
            panel.changed()

    def action_none(self) -> None:
        panel = self._panel()
        if panel.recaller:
            panel.session.name_none(panel.recaller)
            panel.changed()

    def action_recaller(self, step: int) -> None:
        self._panel().move_recaller(step)


class RecallPanel(Panel):
    """Name recall: pick who is recalling, tick each peer they named."""

    recaller: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="recall-who")
        yield RecallList(id="recall")
        yield Static("", id="recall-score")

    def _recallers(self) -> list[Member]:
        return self.session.present_members()

    def move_recaller(self, step: int) -> None:
        """Choose the previous or next present member as the one recalling."""
        people = self._recallers()
        if not people:
            return
        ids = [m.id for m in people]
        index = ids.index(self.recaller) if self.recaller in ids else -step
        self.recaller = ids[(index + step) % len(ids)]
        self.refresh_view()
        self.query_one("#recall", RecallList).highlighted = 0

    def toggle(self, peer_id: str) -> None:
        """Toggle whether the recaller named ``peer_id``."""
        if self.recaller:
            self.session.toggle_named(self.recaller, peer_id)
            self.changed()

    def refresh_view(self) -> None:
        people = self._recallers()
        if self.recaller not in {m.id for m in people}:
            self.recaller = people[0].id if people else None
        who = self.query_one("#recall-who", Label)
        recall_list = self.query_one("#recall", RecallList)
        if self.recaller is None:
            who.update(t("run.recall_nobody"))
            recall_list.set_rows([])
            return
        member = self.session.group.member(self.recaller)
        name = member.name if member else self.recaller
        who.update(Text.assemble(plain_t("run.recalling", name=name), "  ", ("← →", "dim")))
        named = set(self.session.named(self.recaller))
        rows: list[tuple[str, Text | str]] = []
        for n, peer in enumerate(self.session.present_peers(self.recaller), 1):
            mark = TICK if peer.id in named else UNTICK
            text = Text(f"{mark} {n if n < 10 else ' '} {member_label(peer)}")
            if peer.id in named:
                text.stylize("green")
            rows.append((peer.id, text))
        recall_list.set_rows(rows)
        own = self.session.recall_score(self.recaller)
        lines = [
            visible_values("run.recall_score", name=name, score=f"{own.named}/{own.possible}")
            if own is not None
            else visible_values("run.recall_not_done_for", name=name)
        ]
        group = self.session.group_recall()
        if group is not None and group.fraction is not None:
            lines.append(
                t("run.recall_group", named=group.named, possible=group.possible, pct=round(group.fraction * 100))
            )
        last = self.session.last_recall_meeting()
        if last is not None:
            before = self.session.recall_score(self.recaller, last)
            now = self.session.recall_score(self.recaller)
            if before is not None and now is not None:
                lines.append(
                    t(
                        "run.recall_change",
                        number=last.number,
                        before=f"{before.named}/{before.possible}",
                        change=f"{now.named - before.named:+d}",
                    )
                )
        self.query_one("#recall-score", Static).update(Text("\n".join(lines)))  # holds a name: never markup


# --- observations -------------------------------------------------------------------------------


class ObservationList(KeyList):
    """1-5 rate the highlighted indicator, 0 clears it; left/right choose the member; Enter a note."""

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", "key.rate", show=False) for n in range(1, 6)),
        Binding("0", "rate(0)", "key.clear", show=False),
        Binding("left", "member(-1)", "key.prev_member"),
        Binding("right", "member(1)", "key.next_member"),
        Binding("enter", "note", "key.note"),
    ]

    def _panel(self) -> ObservationPanel:
        panel = self.parent
        assert isinstance(panel, ObservationPanel)
        return panel

    def action_rate(self, value: int) -> None:
        panel = self._panel()
        if panel.member_id and self.current_id in INDICATORS:
            panel.session.set_indicator(panel.member_id, self.current_id, value or None)
            if self.highlighted is not None and self.highlighted < len(INDICATORS) - 1 and value:
                self.highlighted += 1
            panel.changed()

    def action_member(self, step: int) -> None:
        self._panel().move_member(step)

    def action_note(self) -> None:
        self._panel().edit_note()


class ObservationPanel(Panel):
    """The five social-contact indicators for one member, with last meeting's values beside."""

    member_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="obs-who")
        yield ObservationList(id="observations")
        yield Static("", id="obs-note", classes="muted")
        yield Input(id="obs-input", placeholder=t("run.note_placeholder"))

    def on_mount(self) -> None:
        self.query_one("#obs-input", Input).display = False

    def move_member(self, step: int) -> None:
        """Observe the previous or next member."""
        ids = [m.id for m in self.session.present_members() or self.session.members]
        if not ids:
            return
        index = ids.index(self.member_id) if self.member_id in ids else -step
        self.member_id = ids[(index + step) % len(ids)]
        self.refresh_view()
        self.query_one("#observations", ObservationList).highlighted = 0

    def edit_note(self) -> None:
        """Type the short note on the member."""
        if self.member_id is None:
            return
        box = self.query_one("#obs-input", Input)
        box.value = self.session.observation(self.member_id).note
        box.display = True
        box.focus()

    @on(Input.Changed, "#obs-input")
    def _typed(self, event: Input.Changed) -> None:
        if self.member_id and event.input.display:
            self.session.set_observation_note(self.member_id, event.value)

    @on(Input.Submitted, "#obs-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.query_one("#observations", ObservationList).focus()
        self.changed()

    def cancel_edit(self) -> bool:
        """Leave the note field (what was typed is kept)."""
        box = self.query_one("#obs-input", Input)
        if not box.display:
            return False
        box.display = False
        self.query_one("#observations", ObservationList).focus()
        self.changed()
        return True

    def refresh_view(self) -> None:
        members = self.session.members
        if self.member_id not in {m.id for m in members}:
            present = self.session.present_members()
            self.member_id = (present or members)[0].id if members else None
        if self.member_id is None:
            return
        member = self.session.group.member(self.member_id)
        name = member.name if member else self.member_id
        self.query_one("#obs-who", Label).update(
            Text.assemble(plain_t("run.observing", name=name), "  ", ("← →", "dim"))
        )
        record = self.session.observation(self.member_id)
        previous = self.session.previous_observation(self.member_id)
        rows: list[tuple[str, Text | str]] = []
        for indicator in INDICATORS:
            value = getattr(record, indicator)
            text = Text(f"{dots(value)} {value or '-'}  ", style="bold" if value else "dim")
            text.append(t(f"indicator.{indicator}"), style="")
            if previous is not None:
                before = getattr(previous, indicator)
                text.append(f"   ({t('run.last_time')} {before or '-'})", style="dim")
            rows.append((indicator, text))
        self.query_one("#observations", ObservationList).set_rows(rows)
        note = record.note
        self.query_one("#obs-note", Static).update(
            plain_t("run.note_shown", note=note.splitlines()[0][:70]) if note else t("run.note_hint")
        )


# --- notes ----------------------------------------------------------------------------------------


class NotesPanel(Panel):
    """Free notes of the stage and the counselor's private notes."""

    def compose(self) -> ComposeResult:
        yield Label("", id="stage-notes-label")
        yield PlainTextArea(id="stage-notes", soft_wrap=True)
        yield Label(t("run.private_notes"), id="private-notes-label")
        yield PlainTextArea(self.session.meeting.private_notes, id="private-notes", soft_wrap=True)

    def refresh_view(self) -> None:
        self.query_one("#stage-notes-label", Label).update(t("run.stage_notes", stage=t(f"stage.{self.session.stage}")))
        area = self.query_one("#stage-notes", TextArea)
        text = self.session.meeting.stages[self.session.stage].notes
        if area.text != text:
            area.load_text(text)

    def focus_main(self) -> None:
        area = self.query_one("#stage-notes", TextArea)
        area.move_cursor(area.document.end)  # go on writing where the notes end
        area.focus()

    @on(TextArea.Changed, "#stage-notes")
    def _stage_notes(self, event: TextArea.Changed) -> None:
        self.session.set_stage_notes(event.text_area.text)

    @on(TextArea.Changed, "#private-notes")
    def _private_notes(self, event: TextArea.Changed) -> None:
        self.session.set_private_notes(event.text_area.text)
