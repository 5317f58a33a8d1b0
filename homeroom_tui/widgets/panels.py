"""The panels of the meeting runner: checklist, round, attendance, name recall, observations,
notes and the ice-breaker.

Each panel shows part of a :class:`MeetingSession` and changes it through the session's methods;
keys are local to the focused panel so one key does one thing at a time. Where the cursor goes is
state of the work, not of the widget: :meth:`Panel.place_cursor` puts it where the work is (the
first member without a turn, the first unticked item, the first member not fully rated) whenever
a stage or a panel is entered. Typing has its own mode (:class:`TypingInput`): while a field is
open every printable key is text.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from homeroom_tui.i18n import get_language, t
from homeroom_tui.i18n.numbers import number, points, share
from homeroom_tui.model import INDICATORS, NOTE_MAX, SHORT_TEXT_MAX, Member, Observation, SelfRating
from homeroom_tui.plain import visible
from homeroom_tui.program.recall import recall_change
from homeroom_tui.program.self_rating import OWN_WORDS
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.widgets.keys import Action, bindings
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, visible_values
from homeroom_tui.widgets.typing import NotesArea, TypingInput, in_order

TICK = "☑"
UNTICK = "☐"
ELLIPSIS = "…"


def member_label(member: Member) -> str:
    """``K1 Aisyah Putri`` (control characters in the name made visible)."""
    return f"{member.id:<3} {visible(member.name)}"


def dots(value: int | None) -> str:
    """``●●●○○`` for 3, ``·····`` when not set."""
    if value is None:
        return "·····"
    return "●" * value + "○" * (5 - value)


def cut(text: str, width: int) -> str:
    """``text`` on one line in at most ``width`` cells, ending with "…" when it was cut."""
    line = text.splitlines()[0] if text else ""
    if len(text.splitlines()) > 1:
        line += " " + ELLIPSIS if cell_len(line) + 2 <= width else ""
    if cell_len(line) <= width:
        return line
    out = ""
    for char in line:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + ELLIPSIS


def panel_action(keys: str, action: str, label: str, description: str = "", *, footer: bool = True) -> Action:
    """A key of a runner panel: in its help section and the README's table, never in the palette."""
    return Action(keys, action, label, description, footer=footer and label != "key.move", palette=False)


class RowList(OptionList):
    """An option list whose rows are re-rendered in place, keeping the highlight; stops at its ends."""

    ACTIONS: tuple[Action, ...] = (
        panel_action("up", "cursor_up", "key.move", "cmd.move"),
        panel_action("down", "cursor_down", "key.move", "cmd.move"),
        panel_action("home", "first", "key.move", "cmd.move"),
        panel_action("end", "last", "key.move", "cmd.move"),
        panel_action("pageup", "page_up", "key.move", "cmd.move"),
        panel_action("pagedown", "page_down", "key.move", "cmd.move"),
    )
    BINDINGS = in_order(bindings(ACTIONS))

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

    def highlight_id(self, row_id: str | None) -> None:
        """Put the cursor on row ``row_id`` (if it is shown)."""
        if row_id is None:
            return
        try:
            self.highlighted = self.get_option_index(row_id)
        except Exception:  # noqa: BLE001 - OptionDoesNotExist: nothing to highlight
            return

    @property
    def current_id(self) -> str | None:
        """Id of the highlighted row."""
        option = self.highlighted_option
        return option.id if option else None

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            return  # the list stops at its end: a key held down does not wrap to the top
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted == 0:
            return
        super().action_cursor_up()


class Panel(Vertical):
    """Base of the runner's panels."""

    class Changed(Message):
        """The panel changed the session (the screen refreshes what depends on it)."""

    def __init__(self, session: MeetingSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def refresh_view(self) -> None:
        """Show the session's current state."""

    def place_cursor(self) -> None:
        """Put the cursor where the work is (called on entering a stage or the panel)."""

    def focus_main(self) -> None:
        """Focus the panel's main list."""
        lists = self.query(RowList)
        if lists:
            self.screen.set_focus(lists.first())

    def start_typing(self) -> bool:
        """Enter on the panel's list: open its text field; False when this panel has none."""
        return False

    def leave_typing(self, refresh: bool = True) -> bool:
        """Close the panel's open text field (``refresh``: and show the result); False when none is open."""
        return False

    FIELD = ""
    """The panel's text field is ``#<FIELD>-input``, with the line saying whose it is ``#<FIELD>-editing``."""

    def field(self, placeholder: str, on_enter: Callable[[str], object] | None = None) -> ComposeResult:
        """The panel's text field, hidden until the counselor types, and the line above it saying whose it is."""
        heading = Static("", id=f"{self.FIELD}-editing")
        box = TypingInput(
            id=f"{self.FIELD}-input",
            placeholder=placeholder,
            on_text=self._typed,
            on_enter=on_enter or (lambda _: self.leave_typing()),
            on_escape=self.leave_typing,
            limit=SHORT_TEXT_MAX,
        )
        heading.display = box.display = False
        yield heading
        yield box

    def _typed(self, value: str) -> None:
        """What is typed in the panel's field goes where the field points (each panel says where)."""

    def open_field(self, heading: Text | str, value: str) -> TypingInput:
        """Show the panel's text field under ``heading`` holding ``value``, and type into it now."""
        label = self.query_one(f"#{self.FIELD}-editing", Static)
        label.update(heading)
        label.display = True
        box = self.query_one(f"#{self.FIELD}-input", TypingInput)
        box.set_text(value)
        box.display = True
        self.screen.set_focus(box)  # at once, not after a refresh: the next key typed goes into it
        return box

    def close_field(self, back: Widget, refresh: bool) -> bool:
        """Hide the panel's text field and give the focus to ``back``; False when it was not open."""
        box = self.query_one(f"#{self.FIELD}-input", TypingInput)
        if not box.display:
            return False
        box.display = False
        self.query_one(f"#{self.FIELD}-editing", Static).display = False
        self.screen.set_focus(back)
        if refresh:
            self.changed()
        return True

    def changed(self) -> None:
        """Refresh and tell the screen."""
        self.refresh_view()
        self.post_message(self.Changed())

    def whose(self, key: str, member_id: str) -> Text:
        """``Answer of K1  Aisyah:``: what the open field holds, and whose (the name as plain text)."""
        member = self.session.group.member(member_id)
        return Text.assemble(t(key) + " ", plain(member_label(member) if member else member_id, "bold"), ":")

    def not_taking_part(self, member_id: str) -> bool:
        """Say so, and return True, when the member is excused or absent (no new turns or ratings)."""
        if self.session.takes_part(member_id):
            return False
        member = self.session.group.member(member_id)
        status = t(f"attendance.{self.session.attendance(member_id).status}")
        self.notify(t("run.not_taking_part", name=member.name if member else member_id, status=status), markup=False)
        return True


class KeyList(RowList):
    """A row list whose binding descriptions are translated."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)


# --- checklist --------------------------------------------------------------------------------


class ChecklistList(KeyList):
    """Space or Enter ticks the highlighted item and moves on; 1-9 tick item n."""

    ACTIONS = (
        panel_action("space,enter", "tick", "key.tick", "cmd.tick"),
        *(panel_action(str(n), f"tick_number({n})", "key.tick", "cmd.tick", footer=False) for n in range(1, 10)),
    )
    BINDINGS = in_order(bindings(ACTIONS))

    def action_tick(self) -> None:
        panel = self.parent
        if isinstance(panel, ChecklistPanel) and self.current_id:
            panel.tick(self.current_id, move_on=True)

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

    def tick(self, key: str, *, move_on: bool = False) -> None:
        """Tick or untick item ``key``; ``move_on`` puts the cursor on the next item after a tick."""
        ticked = self.session.toggle_item(key)
        self.changed()
        checklist = self.query_one("#checklist", ChecklistList)
        if move_on and ticked and checklist.highlighted is not None:
            checklist.action_cursor_down()

    @on(OptionList.OptionSelected, "#checklist")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.tick(event.option.id, move_on=True)

    def place_cursor(self) -> None:
        self.refresh_view()
        checklist = self.query_one("#checklist", ChecklistList)
        if checklist.option_count:
            checklist.highlighted = self.session.first_unticked()

    def refresh_view(self) -> None:
        items = self.session.stage_plan.checklist
        ticked = set(self.session.meeting.stages[self.session.stage].checklist)
        lang = get_language()
        rows: list[tuple[str, Text | str]] = []
        for n, item in enumerate(items, 1):
            mark = TICK if item.key in ticked else UNTICK
            prompt = plain(f"{mark} {n if n < 10 else ' '} {item.text(lang)}")
            if item.key in ticked:
                prompt.stylize("dim")
            rows.append((item.key, prompt))
        self.query_one("#checklist", ChecklistList).set_rows(rows)
        empty = self.query_one("#checklist-empty", Static)
        empty.display = not items
        empty.update(t("run.checklist_empty"))


# --- round ----------------------------------------------------------------------------------------

TO_NOTES = "\x00notes"
"""``RoundPanel.editing`` after the last member: what is typed goes into the stage's notes."""


class RoundList(KeyList):
    """Members around the circle: Enter to type answers, Space for the turn, a to appreciate."""

    ACTIONS = (
        panel_action("enter", "answer", "key.answer", "cmd.answer"),
        panel_action("space", "turn", "key.turn", "cmd.turn"),
        panel_action("a", "appreciate", "key.appreciate", "cmd.appreciate"),
    )
    BINDINGS = in_order(bindings(ACTIONS))

    def _panel(self) -> RoundPanel | None:
        panel = self.parent
        return panel if isinstance(panel, RoundPanel) else None

    def action_answer(self) -> None:
        panel = self._panel()
        if panel:
            panel.start_typing()

    def action_turn(self) -> None:
        panel = self._panel()
        if panel and self.current_id:
            panel.turn(self.current_id)

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
    """The stage's round: who has had a turn, what they said.

    Enter on a member opens the answer field; Enter in it saves the answer and goes on to the
    next member without a turn, still typing. After the last one the field stays open and what
    is typed goes into the stage's notes. Esc leaves typing.
    """

    editing: str | None = None
    FIELD = "round"

    def compose(self) -> ComposeResult:
        yield Label("", id="round-prompt")
        yield Static("", id="round-waiting", classes="muted")
        yield RoundList(id="round")
        yield from self.field(t("run.answer_placeholder"), self._entered)

    def place_cursor(self) -> None:
        self.leave_typing(refresh=False)
        self.refresh_view()
        first = self.session.next_waiting()
        self.query_one("#round", RoundList).highlight_id(first.id if first else None)

    # turns -------------------------------------------------------------------------------------
    def turn(self, member_id: str) -> None:
        """Space: tick or untick the turn; in a tick-only round a tick moves on to the next member."""
        plan = self.session.stage_plan.round
        if plan is None or (not self.session.turn_taken(member_id) and self.not_taking_part(member_id)):
            return
        taken = self.session.toggle_turn(member_id)
        self.changed()
        if taken and plan.answer == "ready":
            following = self.session.next_waiting(member_id)
            self.query_one("#round", RoundList).highlight_id(following.id if following else None)

    # typing ------------------------------------------------------------------------------------
    def start_typing(self) -> bool:
        plan = self.session.stage_plan.round
        member_id = self.query_one("#round", RoundList).current_id
        if plan is None or member_id is None:
            return plan is not None
        if plan.answer == "ready":
            self.turn(member_id)  # a tick-only round: Enter ticks and moves on, like Space
            return True
        if self.not_taking_part(member_id):
            return True
        self._edit(member_id)
        return True

    def _edit(self, member_id: str) -> None:
        """Point the open field at ``member_id`` (or at the stage's notes) and show whose it is."""
        self.editing = member_id
        if member_id == TO_NOTES:
            box = self.open_field(Text(t("run.round_to_notes"), style="bold $warning"), "")
            box.placeholder = t("run.notes_placeholder")
            return
        value = self.session.round_answer(member_id)
        box = self.open_field(self.whose("run.answer_of", member_id), value if isinstance(value, str) else "")
        box.placeholder = t("run.answer_placeholder")
        self.query_one("#round", RoundList).highlight_id(member_id)

    def _typed(self, value: str) -> None:
        """Each key goes into the session at once (an answer, or the stage's notes): every way out saves it."""
        if self.editing == TO_NOTES:
            self.session.type_notes_line(value)
        elif self.editing:
            self.session.set_round_answer(self.editing, value, mark_turn=False)

    def _entered(self, value: str) -> None:
        """Enter in the field: save, then the next member without a turn (or the stage's notes)."""
        editing = self.editing
        if editing == TO_NOTES:
            self.session.type_notes_line(value)
            if self.session.end_notes_line():
                self.notify(t("run.added_to_notes"))
            self.query_one("#round-input", TypingInput).set_text("")
            self.post_message(self.Changed())
            return
        if editing is None:
            return
        self.session.set_round_answer(editing, value)
        following = self.session.next_waiting(editing)
        if following is not None and following.id == editing:
            following = None if value.strip() else following  # passed without an answer: asked again later
        self.changed()
        self._edit(following.id if following is not None else TO_NOTES)

    def leave_typing(self, refresh: bool = True) -> bool:
        """Esc: leave the answer field (what was typed is kept, on the notes line too)."""
        if not self.close_field(self.query_one("#round", RoundList), refresh):
            return False
        if self.editing == TO_NOTES and self.session.end_notes_line():
            self.notify(t("run.added_to_notes"))
        self.editing = None
        return True

    def refresh_view(self) -> None:
        plan = self.session.stage_plan.round
        prompt = self.query_one("#round-prompt", Label)
        round_list = self.query_one("#round", RoundList)
        if plan is None:
            prompt.update(t("run.no_round"))
            round_list.set_rows([])
            self.query_one("#round-waiting", Static).update("")
            return
        prompt.update(plain(plan.text(get_language()), "bold"))
        rows: list[tuple[str, Text | str]] = []
        width = max(20, (round_list.size.width or self.app.size.width) - 4)
        for member in self.session.members:
            taking_part = self.session.takes_part(member.id)
            done = self.session.turn_taken(member.id)
            answer = self.session.round_answer(member.id)
            head = f"{'✔' if done else '·'} {member_label(member)}"
            text = plain(head)
            if plan.appreciate and self.session.answers(member.id).appreciated:
                text.append("  ★")
            if not taking_part:
                text.append(f"  ({t(f'attendance.{self.session.attendance(member.id).status}')})")
                text.stylize("dim strike")
            elif done:
                text.stylize("green")
            if isinstance(answer, str) and answer:
                room = width - cell_len(text.plain) - 4
                if room >= 8:
                    text.append("  — ")
                    text.append(plain(cut(answer, room), "italic"))
            rows.append((member.id, text))
        round_list.set_rows(rows)
        waiting = self.session.waiting()
        names = ", ".join(m.name for m in waiting)
        self.query_one("#round-waiting", Static).update(
            plain(t("run.waiting", names=names)) if waiting else t("run.round_done")
        )

    def on_resize(self) -> None:
        self.refresh_view()


# --- attendance ---------------------------------------------------------------------------------


class AttendanceList(KeyList):
    """Space cycles present / late / excused / absent / not marked; a marks everyone not marked present;
    Enter types the reason."""

    ACTIONS = (
        panel_action("space", "cycle", "key.cycle", "cmd.cycle"),
        panel_action("a", "all_present", "key.all_present", "cmd.all_present"),
        panel_action("enter", "reason", "key.reason", "cmd.reason"),
    )
    BINDINGS = in_order(bindings(ACTIONS))

    def _panel(self) -> AttendancePanel | None:
        panel = self.parent
        return panel if isinstance(panel, AttendancePanel) else None

    def action_cycle(self) -> None:
        panel = self._panel()
        if panel and self.current_id:
            panel.session.cycle_attendance(self.current_id)
            panel.changed()

    def action_all_present(self) -> None:
        panel = self._panel()
        if panel:
            panel.session.all_present()
            panel.changed()

    def action_reason(self) -> None:
        panel = self._panel()
        if panel:
            panel.start_typing()


STATUS_STYLE = {"present": "green", "late": "yellow", "excused": "cyan", "absent": "red", "unknown": "dim"}


class AttendancePanel(Panel):
    """Who came, and why not."""

    FIELD = "attendance"

    reason_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="attendance-summary", classes="muted")
        yield AttendanceList(id="attendance")
        yield from self.field(t("run.reason_placeholder"))

    def place_cursor(self) -> None:
        self.leave_typing(refresh=False)
        self.refresh_view()
        first = next((m for m in self.session.members if self.session.attendance(m.id).status == "unknown"), None)
        self.query_one("#attendance", AttendanceList).highlight_id(first.id if first else None)

    def start_typing(self) -> bool:
        member_id = self.query_one("#attendance", AttendanceList).current_id
        if member_id is None:
            return True
        self.reason_for = member_id
        self.open_field(self.whose("run.reason_of", member_id), self.session.attendance(member_id).note)
        return True

    def _typed(self, value: str) -> None:
        if self.reason_for:
            self.session.set_attendance_note(self.reason_for, value)

    def leave_typing(self, refresh: bool = True) -> bool:
        if not self.close_field(self.query_one("#attendance", AttendanceList), refresh):
            return False
        self.reason_for = None
        return True

    @on(OptionList.OptionSelected, "#attendance")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.start_typing()

    def refresh_view(self) -> None:
        rows: list[tuple[str, Text | str]] = []
        attendance = self.query_one("#attendance", AttendanceList)
        width = max(30, (attendance.size.width or self.app.size.width) - 4)
        for member in self.session.members:
            record = self.session.attendance(member.id)
            status = t(f"attendance.{record.status}")
            text = Text(f"{status:<14}", style=STATUS_STYLE[record.status])
            text.append_text(plain(member_label(member)))
            if record.arrived_at:
                text.append(f"  {record.arrived_at.strftime('%H:%M')}", style="yellow")
            if record.note:
                room = width - cell_len(text.plain) - 4
                if room >= 8:
                    text.append("  — ")
                    text.append(plain(cut(record.note, room), "italic"))
            rows.append((member.id, text))
        attendance.set_rows(rows)
        if self.session.attendance_taken():
            summary = t("run.attendance_summary", present=self.session.present_count(), total=len(self.session.members))
        else:
            summary = t("run.attendance_not_taken_hint")
        self.query_one("#attendance-summary", Static).update(summary)


# --- name recall ------------------------------------------------------------------------------


class RecallList(KeyList):
    """Space toggles a peer named; 1-9 toggle peer n; a all, n none; left/right choose who recalls."""

    ACTIONS = (
        panel_action("space,enter", "toggle_named", "key.named", "cmd.named"),
        *(panel_action(str(n), f"toggle_number({n})", "key.named", "cmd.named", footer=False) for n in range(1, 10)),
        panel_action("a", "all", "key.all", "cmd.all_named"),
        panel_action("n", "none", "key.none", "cmd.none_named"),
        panel_action("left", "recaller(-1)", "key.prev_member", "cmd.prev_recaller"),
        panel_action("right", "recaller(1)", "key.next_member", "cmd.next_recaller"),
    )
    BINDINGS = in_order(bindings(ACTIONS))

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
        return self.session.participants()

    def place_cursor(self) -> None:
        first = self.session.first_without_recall()
        if first is not None:
            self.recaller = first.id
        self.refresh_view()
        self.query_one("#recall", RecallList).highlighted = (
            0 if self.query_one("#recall", RecallList).option_count else None
        )

    def move_recaller(self, step: int) -> None:
        """Choose the previous or next member as the one recalling (stops at the ends of the circle)."""
        ids = [m.id for m in self._recallers()]
        if not ids:
            return
        index = ids.index(self.recaller) if self.recaller in ids else 0
        target = index + step
        if not 0 <= target < len(ids):
            return
        self.recaller = ids[target]
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
            first = self.session.first_without_recall()
            self.recaller = first.id if first else (people[0].id if people else None)
        who = self.query_one("#recall-who", Label)
        recall_list = self.query_one("#recall", RecallList)
        if self.recaller is None:
            who.update(t("run.recall_nobody"))
            recall_list.set_rows([])
            self.query_one("#recall-score", Static).update("")
            return
        member = self.session.group.member(self.recaller)
        name = member.name if member else self.recaller
        ids = [m.id for m in people]
        position = f"{ids.index(self.recaller) + 1}/{len(ids)}"
        who.update(Text.assemble(plain(t("run.recalling", name=name)), (f"  {position}  ← →", "dim")))
        named = set(self.session.named(self.recaller))
        rows: list[tuple[str, Text | str]] = []
        for n, peer in enumerate(self.session.present_peers(self.recaller), 1):
            mark = TICK if peer.id in named else UNTICK
            text = plain(f"{mark} {n if n < 10 else ' '} {member_label(peer)}")
            if peer.id in named:
                text.stylize("green")
            rows.append((peer.id, text))
        recall_list.set_rows(rows)
        own = self.session.recall_score(self.recaller)
        lines = [
            visible_values("run.recall_score", name=name, score=share(own.named, own.possible))
            if own is not None
            else visible_values("run.recall_not_done_for", name=name)
        ]
        group = self.session.group_recall()
        if group is not None and group.fraction is not None:
            lines.append(
                t("run.recall_group", named=group.named, possible=group.possible, pct=number(group.fraction * 100))
            )
        last = self.session.last_recall_meeting()
        if last is not None:
            before = self.session.recall_score(self.recaller, last)
            now = self.session.recall_score(self.recaller)
            change = recall_change(before, now)
            if before is not None and change is not None:
                lines.append(
                    t(
                        "run.recall_change",
                        number=last.number,
                        before=share(before.named, before.possible),
                        change=points(change),
                    )
                )
        self.query_one("#recall-score", Static).update(plain("\n".join(lines), multiline=True))


# --- observations -------------------------------------------------------------------------------


class ObservationGrid(DataTable[Text]):
    """Members taking part × the five indicators. 1-5 rate the cell and move right, 0 clears it,
    c copies last meeting's ratings for the member, Enter types the member's note."""

    ACTIONS = (
        *(panel_action(str(n), f"rate({n})", "key.rate", "cmd.rate", footer=False) for n in range(1, 6)),
        panel_action("0,delete", "rate(0)", "key.clear", "cmd.clear_rating", footer=False),
        panel_action("c", "copy_last", "key.copy_last", "cmd.copy_last"),
        panel_action("enter", "note", "key.note", "cmd.note"),
        panel_action("up", "cursor_up", "key.move", "cmd.move_cell"),
        panel_action("down", "cursor_down", "key.move", "cmd.move_cell"),
        panel_action("left", "cursor_left", "key.move", "cmd.move_cell"),
        panel_action("right", "cursor_right", "key.move", "cmd.move_cell"),
    )
    BINDINGS = in_order(bindings(ACTIONS))

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=False, show_cursor=True)
        localize_bindings(self)

    def _panel(self) -> ObservationPanel:
        panel = self.parent
        assert isinstance(panel, ObservationPanel)
        return panel

    def action_rate(self, value: int) -> None:
        self._panel().rate(value)

    def action_copy_last(self) -> None:
        self._panel().copy_last()

    def action_note(self) -> None:
        self._panel().start_typing()

    def watch_cursor_coordinate(self, old: object, new: object) -> None:
        super().watch_cursor_coordinate(old, new)  # type: ignore[arg-type]
        if self.is_mounted and isinstance(self.parent, ObservationPanel):
            self.parent.show_cell_help()


class ObservationPanel(Panel):
    """The five social-contact indicators for every member taking part, last meeting's value beside."""

    note_for: str | None = None
    FIELD = "obs"
    GRID_ID = "observations"

    def compose(self) -> ComposeResult:
        yield ObservationGrid(id=self.GRID_ID)
        yield Static("", id="obs-help", classes="muted")
        yield from self.field(t("run.note_placeholder"))

    def on_mount(self) -> None:
        grid = self.grid
        grid.add_column("", key="member")
        for indicator in INDICATORS:
            grid.add_column(t(f"indicator_short.{indicator}"), key=indicator)
        if self.FIELD:
            grid.add_column("✎", key="note")

    def focus_main(self) -> None:
        self.screen.set_focus(self.grid)

    @property
    def grid(self) -> ObservationGrid:
        return self.query_one(f"#{self.GRID_ID}", ObservationGrid)

    # where the ratings are: the counselor's observations here, the members' own in SelfRatingPanel
    def record(self, member_id: str) -> Observation | SelfRating:
        """The member's ratings in this meeting."""
        return self.session.observation(member_id)

    def set_rating(self, member_id: str, indicator: str, value: int | None) -> None:
        self.session.set_indicator(member_id, indicator, value)

    def first_not_fully_rated(self) -> Member | None:
        return self.session.first_not_fully_rated()

    def _members(self) -> list[Member]:
        return self.session.participants()

    def current_member(self) -> str | None:
        grid = self.grid
        if not grid.row_count:
            return None
        row_key, _ = grid.coordinate_to_cell_key(grid.cursor_coordinate)
        return row_key.value

    def place_cursor(self) -> None:
        self.leave_typing(refresh=False)
        self.refresh_view()
        first = self.first_not_fully_rated()
        ids = [m.id for m in self._members()]
        if first is None or first.id not in ids:
            return
        record = self.record(first.id)
        column = next(n for n, i in enumerate(INDICATORS) if getattr(record, i) is None)
        self.grid.cursor_coordinate = (ids.index(first.id), column + 1)  # type: ignore[assignment]

    def rate(self, value: int) -> None:
        """Rate the indicator under the cursor (0 clears it) and move to the next cell."""
        grid = self.grid
        member_id = self.current_member()
        row, column = grid.cursor_coordinate
        if member_id is None or not 1 <= column <= len(INDICATORS):
            return
        self.set_rating(member_id, INDICATORS[column - 1], value or None)
        self.changed()
        if value:
            if column < len(INDICATORS):
                grid.cursor_coordinate = (row, column + 1)  # type: ignore[assignment]
            elif row < grid.row_count - 1:
                grid.cursor_coordinate = (row + 1, 1)  # type: ignore[assignment]

    def copy_last(self) -> None:
        """Start this member from last meeting's ratings (an explicit choice: they count as ratings)."""
        member_id = self.current_member()
        if member_id is None:
            return
        if self.session.copy_previous_observation(member_id):
            self.notify(t("run.copied_last"))
            self.changed()
        else:
            self.notify(t("run.nothing_to_copy"), severity="warning")

    def start_typing(self) -> bool:
        member_id = self.current_member()
        if member_id is None:
            return True
        self.note_for = member_id
        self.open_field(self.whose("run.note_of", member_id), self.session.observation(member_id).note)
        return True

    def _typed(self, value: str) -> None:
        if self.note_for:
            self.session.set_observation_note(self.note_for, value)

    def leave_typing(self, refresh: bool = True) -> bool:
        if not self.close_field(self.grid, refresh):
            return False
        self.note_for = None
        return True

    def refresh_view(self) -> None:
        grid = self.grid
        members = self._members()
        cursor = grid.cursor_coordinate
        keys = [row.key.value for row in grid.ordered_rows]
        if keys != [m.id for m in members]:
            grid.clear()
            for member in members:
                grid.add_row(*self._cells(member), key=member.id)
            if grid.row_count:
                grid.cursor_coordinate = (min(cursor.row, grid.row_count - 1), max(1, cursor.column))  # type: ignore[assignment]
        else:
            columns = ("member", *INDICATORS, "note") if self.FIELD else ("member", *INDICATORS)
            for member in members:
                for column, cell in zip(columns, self._cells(member), strict=True):
                    grid.update_cell(member.id, column, cell)
        self.show_cell_help()

    def _cells(self, member: Member) -> list[Text]:
        record = self.session.observation(member.id)
        previous = self.session.previous_observation(member.id)
        cells = [plain(cut(member_label(member), 18))]
        for indicator in INDICATORS:
            value = getattr(record, indicator)
            before = getattr(previous, indicator) if previous is not None else None
            cell = Text(str(value), style="bold") if value else Text("?", style="bold yellow")
            cell.append(f" ({before})" if before else "    ", style="dim")
            cells.append(cell)
        cells.append(Text("✎" if record.note else ""))
        return cells

    def show_cell_help(self) -> None:
        """Below the grid: the indicator under the cursor in full, and the member's note."""
        grid = self.grid
        member_id = self.current_member()
        column = grid.cursor_coordinate.column
        lines: list[Text] = []
        member = self.session.group.member(member_id) if member_id else None
        heading = plain(member_label(member), "bold") if member else Text()
        if 1 <= column <= len(INDICATORS):
            heading.append_text(Text((" · " if member else "") + t(f"indicator.{INDICATORS[column - 1]}")))
        lines.append(heading)
        if member_id is not None:
            note = self.session.observation(member_id).note
            width = max(20, (self.size.width or self.app.size.width) - 8)
            lines.append(plain(t("run.note_shown", note=cut(note, width))) if note else Text(t("run.grid_hint")))
        else:
            lines.append(Text(t("run.observe_nobody")))
        self.query_one("#obs-help", Static).update(Text("\n").join(lines))


class SelfRatingGrid(ObservationGrid, inherit_bindings=False):
    """The observations grid on the members' own ratings: 1-5 rate the cell and move right, 0 or Del
    clears it (no note and nothing to copy: a member's rating is theirs)."""

    ACTIONS = tuple(a for a in ObservationGrid.ACTIONS if a.action not in ("copy_last", "note"))
    BINDINGS = in_order(bindings(ACTIONS))


class SelfRatingPanel(ObservationPanel):
    """The members' own ratings of themselves, typed by the counselor from paper (the same grid as
    the counselor's observations); ``l`` on the runner hands the laptop round instead."""

    FIELD = ""
    GRID_ID = "self-ratings"

    def compose(self) -> ComposeResult:
        yield Static(t("run.self_title"), id="self-title", classes="muted")
        yield SelfRatingGrid(id=self.GRID_ID)
        yield Static("", id="self-help", classes="muted")

    def record(self, member_id: str) -> Observation | SelfRating:
        return self.session.self_rating(member_id)

    def set_rating(self, member_id: str, indicator: str, value: int | None) -> None:
        self.session.set_self_indicator(member_id, indicator, value)

    def first_not_fully_rated(self) -> Member | None:
        def rated(member: Member) -> int:
            return sum(getattr(self.session.self_rating(member.id), i) is not None for i in INDICATORS)

        return next((m for m in self._members() if rated(m) < len(INDICATORS)), None)

    def copy_last(self) -> None:
        """Nothing to copy: a member's rating of themself is theirs, meeting by meeting."""

    def start_typing(self) -> bool:
        return False  # no note on a member's own rating

    def leave_typing(self, refresh: bool = True) -> bool:
        return False

    def _cells(self, member: Member) -> list[Text]:
        record = self.session.self_rating(member.id)
        cells = [plain(cut(member_label(member), 18))]
        for indicator in INDICATORS:
            value = getattr(record, indicator)
            cells.append(Text(str(value), style="bold") if value else Text("?", style="bold yellow"))
        return cells

    def show_cell_help(self) -> None:
        """Below the grid: whose rating and which indicator, in the words the member read."""
        member_id = self.current_member()
        column = self.grid.cursor_coordinate.column
        member = self.session.group.member(member_id) if member_id else None
        heading = plain(member_label(member), "bold") if member else Text(t("run.observe_nobody"))
        if member and 1 <= column <= len(INDICATORS):
            heading.append_text(Text(" · " + t(OWN_WORDS[INDICATORS[column - 1]])))
        self.query_one("#self-help", Static).update(Text("\n").join([heading, Text(t("run.self_hint"))]))


# --- notes ----------------------------------------------------------------------------------------


class NotesPanel(Panel):
    """Free notes of the stage and the counselor's private notes."""

    def compose(self) -> ComposeResult:
        yield Label("", id="stage-notes-label")
        yield NotesArea(id="stage-notes", on_text=self.session.set_stage_notes, soft_wrap=True, limit=NOTE_MAX)
        yield Label(t("run.private_notes"), id="private-notes-label")
        yield NotesArea(
            self.session.meeting.private_notes,
            id="private-notes",
            on_text=self.session.set_private_notes,
            soft_wrap=True,
            limit=NOTE_MAX,
        )

    def on_mount(self) -> None:
        private = self.query_one("#private-notes", TextArea)
        private.move_cursor(private.document.end)  # after a crash, go on where the text ends

    def refresh_view(self) -> None:
        self.query_one("#stage-notes-label", Label).update(t("run.stage_notes", stage=t(f"stage.{self.session.stage}")))
        area = self.query_one("#stage-notes", TextArea)
        text = self.session.meeting.stages[self.session.stage].notes
        if area.text != text:
            area.load_text(text)  # shown, not typed: not reported back
            area.move_cursor(area.document.end)

    def focus_main(self) -> None:
        area = self.query_one("#stage-notes", TextArea)
        area.move_cursor(area.document.end)  # go on writing where the notes end
        self.screen.set_focus(area)


# --- ice-breaker ------------------------------------------------------------------------------


class IcebreakerPanel(Panel):
    """The chosen ice-breaker in the room: its name and steps, how it went (1-5) and a note.

    The digits here rate the ice-breaker (they never tick the checklist); ``i`` opens the picker.
    """

    ACTIONS = (
        *(panel_action(str(n), f"rate({n})", "key.rate", "cmd.rate_icebreaker", footer=False) for n in range(1, 6)),
        panel_action("0", "rate(0)", "key.clear", "cmd.clear_icebreaker", footer=False),
        panel_action("enter", "note", "key.note", "cmd.note_icebreaker"),
    )
    BINDINGS = in_order(bindings(ACTIONS))

    can_focus = True
    FIELD = "ib-panel"

    def __init__(self, session: MeetingSession, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.describe: Callable[[str], Content | None] = lambda _id: None
        """Set by the screen: the activity with this id in full, from the library (None: not in it)."""
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static("", id="ib-panel-rating")
        with VerticalScroll(id="ib-panel-scroll"):
            yield Static("", id="ib-panel-text")
        yield from self.field(t("run.note_placeholder"))

    def focus_main(self) -> None:
        self.screen.set_focus(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the note field is inside this panel: while it is open, its keys are its own
        return not isinstance(self.screen.focused, TypingInput)

    def action_rate(self, value: int) -> None:
        if self.session.meeting.icebreaker is None:
            self.notify(t("ib.nothing_to_rate"), severity="warning")
            return
        self.session.rate_icebreaker(value or None)
        self.changed()

    def action_note(self) -> None:
        self.start_typing()

    def start_typing(self) -> bool:
        use = self.session.meeting.icebreaker
        if use is None:
            self.notify(t("ib.nothing_to_rate"), severity="warning")
            return True
        self.open_field(t("run.ib_note_label"), use.note)
        return True

    def _typed(self, value: str) -> None:
        self.session.set_icebreaker_note(value)

    def leave_typing(self, refresh: bool = True) -> bool:
        return self.close_field(self, refresh)

    def refresh_view(self) -> None:
        use = self.session.meeting.icebreaker
        rating = self.query_one("#ib-panel-rating", Static)
        body = self.query_one("#ib-panel-text", Static)
        if use is None:
            rating.update(Text(t("run.ib_none"), style="bold"))
            body.update("")
            return
        stars = "★" * (use.rating or 0) + "☆" * (5 - (use.rating or 0))
        line = Text(t("run.ib_rating", stars=stars) if use.rating else t("run.ib_rate_hint"), style="bold")
        if use.note:
            line.append("\n")
            line.append_text(plain(t("run.note_shown", note=use.note), multiline=True))
        rating.update(line)
        described = self.describe(use.id)
        body.update(described if described is not None else plain(t("ib.unknown", id=use.id)))
