"""What the member details screen holds for a study: a scale's item scores (:class:`ScoreRow`), the
member's interviews (:class:`InterviewList`, :class:`InterviewDialog`) and defining a scale
(:class:`ScaleDialog`).

Thin: totals, ranges and what is typed are checked by ``program/scales.py`` and
``program/interviews.py``; saving goes through the app (:class:`SaveMember`, :class:`SaveScale`),
which answers ``saved(group)`` or ``refused(reason)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static, TextArea
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.model import INTERVIEW_KINDS, INTERVIEW_MAX, LINE_MAX, Group, Interview, Member, Scale
from homeroom_tui.program.interviews import in_order, title, typed_interview, with_interview
from homeroom_tui.program.scales import SCALE_FIELDS, ScaleForm, ScaleTexts, check_score, scale_form, total, typed_scale
from homeroom_tui.screens.dialogs import DIALOG_CSS, ConfirmDialog, Dialog
from homeroom_tui.screens.messages import SaveMember, SaveScale
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.limited import DATE_MAX, NUMBER_MAX, LimitedInput, LimitedTextArea
from homeroom_tui.widgets.plain import plain

# --- one administration of a scale: a row of item cells -----------------------------------------


class ScoreRow(Widget, can_focus=True):
    """``Scale X · meeting 1``, its item cells and the total; digits type a score and move on."""

    DEFAULT_CSS = """
    ScoreRow { height: auto; padding: 0 0 1 0; }
    ScoreRow:focus { background: $boost; }
    """

    ACTIONS = (
        *(Action(str(d), f"score({d})", "key.score", "cmd.score", footer=d == 1, palette=False) for d in range(10)),
        Action("left", "move(-1)", "key.item_previous", palette=False, footer=False),
        Action("right", "move(1)", "key.item_next", palette=False, footer=False),
        Action("backspace,delete", "clear", "key.score_clear", palette=False, footer=False),
    )
    BINDINGS = bindings(ACTIONS)

    cursor: reactive[int] = reactive(0)

    def __init__(
        self, scale: Scale, meeting: int, values: Sequence[int | None], texts: ScaleTexts, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.meeting = meeting
        self.values: list[int | None] = list(values)
        self.texts = texts
        self.refusal = ""
        first_missing = next((i for i, v in enumerate(self.values) if v is None), 0)
        self.set_reactive(ScoreRow.cursor, first_missing)

    def render(self) -> Text:
        scale = self.scale
        head = plain(f"{scale.name} · ", "bold")
        head.append(t("member.scale.meeting", number=self.meeting) + "\n", style="bold")
        for index, value in enumerate(self.values):
            if index and index % 5 == 0:
                head.append(" ")
            cell = "·" if value is None else str(value)
            style = "reverse" if index == self.cursor and self.has_focus else ""
            style += " italic" if index + 1 in scale.reverse else ""
            head.append(cell, style=style.strip())
            head.append(" ")
        head.append(f"\n{t('member.scale.total')}: {total(scale, self.values, self.meeting).text()}")
        number = self.cursor + 1
        if self.refusal:
            head.append("\n" + self.refusal, style="bold red")
        elif self.has_focus:
            line = t("member.scale.item", number=number, items=scale.items)
            if number in scale.reverse:
                line += " " + t("member.scale.reversed")
            item = self.texts.item(scale.id, number)
            head.append("\n" + line + (": " if item else ""), style="dim")
            head.append_text(plain(item))
        return head

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.refusal = ""
        self.refresh(layout=True)

    def watch_cursor(self) -> None:
        self.refresh(layout=True)

    def action_score(self, score: int) -> None:
        """Type the score of the item under the cursor and go on to the next item (a wrong one is refused)."""
        refused = check_score(self.scale, self.cursor + 1, score)
        if refused is not None:
            self.refusal = refused
            self.app.bell()
            self.refresh(layout=True)
            return
        self.refusal = ""
        self.values[self.cursor] = score
        self.post_message(self.Changed(self))
        if self.cursor < len(self.values) - 1:
            self.cursor += 1
        else:
            self.refresh(layout=True)

    def action_move(self, step: int) -> None:
        self.refusal = ""
        self.cursor = max(0, min(len(self.values) - 1, self.cursor + step))
        self.refresh(layout=True)

    def action_clear(self) -> None:
        """Clear the item under the cursor (it counts as missing)."""
        self.refusal = ""
        self.values[self.cursor] = None
        self.post_message(self.Changed(self))
        self.refresh(layout=True)

    class Changed(Message):
        """A score was typed or cleared."""

        def __init__(self, row: ScoreRow) -> None:
            super().__init__()
            self.row = row


# --- the member's interviews --------------------------------------------------------------------


class InterviewList(OptionList):
    """The member's interviews by date: Enter edits the highlighted one, Del deletes it (after asking)."""

    ACTIONS = (
        Action("enter", "select", "key.interview_edit", "cmd.interview_edit", palette=False),
        Action("delete,d", "delete", "key.interview_delete", "cmd.interview_delete", palette=False),
    )
    BINDINGS = bindings(ACTIONS)

    class Delete(Message):
        """The counselor asks to delete the highlighted interview."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def show(self, member: Member) -> None:
        """List ``member``'s interviews (the option id is the interview's index in the file)."""
        highlighted = self.highlighted
        self.clear_options()
        for index, interview in in_order(member):
            first = interview.text.strip().splitlines()[0] if interview.text.strip() else ""
            label = Text(title(interview) + ": ", style="bold")
            label.append_text(plain(first[:60]))
            self.add_option(Option(label, id=str(index)))
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)

    def action_delete(self) -> None:
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            self.post_message(self.Delete(int(option.id or 0)))


class InterviewDialog(Dialog[Group | None]):
    """One interview: its kind, date and notes; Ctrl+S saves it into the group file at once."""

    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    InterviewDialog { align: center middle; }
    InterviewDialog .dialog { width: 78; max-height: 100%; }
    #interview-kind { height: auto; width: 100%; layout: horizontal; border: none; padding: 0; }
    #interview-text { height: 8; }
    """
    )
    ERROR = "#interview-error"
    AUTO_FOCUS = "#interview-text"  # the notes: what is typed right after F6 goes there
    ACTIONS = (
        Action("ctrl+s", "save", "key.save", "cmd.save_interview", priority=True),
        HELP,
        Action("escape", "cancel", "key.cancel", "cmd.cancel", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "member.interview.heading"

    def __init__(self, group: Group, member: Member, index: int | None, today: str) -> None:
        super().__init__()
        self.group = group
        self.member = member
        self.index = index
        self.before = member.interviews[index] if index is not None else None
        self.today = today

    def compose(self) -> ComposeResult:
        before = self.before
        kind = before.kind if before else "before"
        with VerticalScroll(classes="dialog"):
            heading = t("member.interview.edit" if before else "member.interview.new", member=self.member.name)
            yield Label(plain(heading), classes="dialog-title")
            with RadioSet(id="interview-kind"):
                for choice in INTERVIEW_KINDS:
                    yield RadioButton(
                        t(f"member.interview.kind.{choice}"), choice == kind, id=f"interview-kind-{choice}"
                    )
            yield Static(self._kind_said(kind), id="interview-kind-said", classes="muted", markup=False)
            with Horizontal(classes="member-row"):
                yield Label(t("common.date"), classes="member-label")
                yield LimitedInput(
                    before.date.isoformat() if before else self.today, id="interview-date", compact=True, limit=DATE_MAX
                )
            yield LimitedTextArea(before.text if before else "", id="interview-text", limit=INTERVIEW_MAX)
            yield Static("", id="interview-error", classes="dialog-error", markup=False)
            yield Static(t("member.interview.hint"), classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one("#interview-text", TextArea).focus()

    @staticmethod
    def _kind_said(kind: str) -> str:
        """The kind chosen, in words (a radio button's mark alone is only a colour)."""
        return t("member.interview.kind_now", kind=t(f"member.interview.kind.{kind}"))

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self.query_one("#interview-kind-said", Static).update(self._kind_said(self._kind()))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _kind(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "").removeprefix("interview-kind-") if pressed else ""

    def _typed(self) -> Interview | str:
        day = self.query_one("#interview-date", Input).value
        return typed_interview(self._kind(), day, self.query_one("#interview-text", TextArea).text)

    def action_save(self) -> None:
        interview = self._typed()
        if isinstance(interview, str):
            self.show_error(interview)
            return
        after = with_interview(self.member, interview, self.index)
        if isinstance(after, str):
            self.show_error(after)
            return
        self.show_error("")
        self.post_message(SaveMember(self, self.group.id, self.member, after))

    def saved(self, group: Group) -> None:
        """The app saved the interview: close with the group as saved."""
        self.notify(t("member.interview.saved"))
        self.dismiss(group)

    def refused(self, reason: str) -> None:
        self.show_error(reason)

    def action_cancel(self) -> None:
        """Close; typed notes that were not saved are lost only after a confirmation."""
        text = self.query_one("#interview-text", TextArea).text
        if text == (self.before.text if self.before else ""):
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("member.interview.discard")), answered)


# --- defining a scale ----------------------------------------------------------------------------


class ScaleDialog(Dialog[Group | None]):
    """A scale's name, number of items, item range, reverse-scored items and the meetings it is given."""

    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    ScaleDialog { align: center middle; }
    ScaleDialog .dialog { width: 78; }
    """
    )
    ERROR = "#scale-error"
    AUTO_FOCUS = "#scale-name"
    ACTIONS = (
        Action("ctrl+s", "save", "key.save", "cmd.save_scale", priority=True),
        HELP,
        Action("escape", "answer(None)", "key.cancel", "cmd.cancel", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "member.scale.heading"

    def __init__(self, group: Group, scale: Scale | None) -> None:
        super().__init__()
        self.group = group
        self.scale = scale

    def compose(self) -> ComposeResult:
        form = scale_form(self.scale)
        with Vertical(classes="dialog"):
            heading = t("member.scale.edit") if self.scale else t("member.scale.new")
            yield Label(plain(heading + (f": {self.scale.name}" if self.scale else "")), classes="dialog-title")
            for name in SCALE_FIELDS:
                with Horizontal(classes="member-row"):
                    yield Label(t(f"member.scale.field.{name}"), classes="member-label")
                    yield LimitedInput(
                        getattr(form, name),
                        id=f"scale-{name}",
                        compact=True,
                        limit=LINE_MAX if name in ("name", "reverse") else NUMBER_MAX,
                        placeholder=t(f"member.scale.placeholder.{name}"),
                    )
            yield Static("", id="scale-error", classes="dialog-error", markup=False)
            yield Static(t("member.scale.hint"), classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one("#scale-name", Input).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        typed = ScaleForm(*(self.query_one(f"#scale-{name}", Input).value for name in SCALE_FIELDS))
        scale = typed_scale(self.group, typed, self.scale)
        if isinstance(scale, str):
            self.show_error(scale)
            return
        if scale == self.scale:
            self.dismiss(None)
            return
        self.show_error("")
        self.post_message(SaveScale(self, self.group.id, self.scale, scale))

    def saved(self, group: Group) -> None:
        """The app saved the scale: close with the group as saved."""
        self.dismiss(group)

    def refused(self, reason: str) -> None:
        self.show_error(reason)
