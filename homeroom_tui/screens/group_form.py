"""The modal that creates a group, with keys alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from homeroom_tui.i18n import t
from homeroom_tui.model import LINE_MAX, MEMBERS_MAX
from homeroom_tui.model.common import single_line
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.limited import DATE_MAX, NUMBER_MAX, LimitedInput, LimitedTextArea
from homeroom_tui.widgets.localize import localize_bindings

MEMBERS_TEXT_MAX = MEMBERS_MAX * (LINE_MAX + 1)
"""The members field: a name per line, as many as a group holds."""


@dataclass(frozen=True)
class GroupDraft:
    """What the counselor typed, checked and ready to save."""

    name: str
    counselor: str
    members: list[str]
    meetings: int
    start: dt.date | None
    every: int


def _whole_number(text: str, *, default: int, most: int) -> int | None:
    """``text`` as a whole number from 1 to ``most`` (``default`` when empty), or None."""
    try:
        value = int(text.strip() or str(default))
    except ValueError:
        return None
    return value if 1 <= value <= most else None


def parse_draft(
    name: str, counselor: str, members_text: str, meetings: str, start: str, every: str
) -> GroupDraft | str:
    """A draft, or the message that says what to fix."""
    if not name.strip():
        return t("form.err.name")
    members = [line.strip() for line in members_text.splitlines() if line.strip()]
    if not members:
        return t("form.err.members")
    # a pasted escape code: refused as the file would refuse it, said here rather than changed silently
    fields = [(t("form.field.name"), name), (t("form.field.counselor"), counselor)]
    fields += [(t("form.field.member", number=n), member) for n, member in enumerate(members, 1)]
    for field, value in fields:
        try:
            single_line(value)
        except ValueError:
            return t("form.err.controls", field=field)
    meetings_n = _whole_number(meetings, default=4, most=100)
    if meetings_n is None:
        return t("form.err.meetings")
    every_n = _whole_number(every, default=7, most=365)
    if every_n is None:
        return t("form.err.every")
    start_date = None
    if start.strip():
        try:
            start_date = dt.date.fromisoformat(start.strip())
        except ValueError:
            return t("form.err.start")
    return GroupDraft(name.strip(), counselor.strip(), members, meetings_n, start_date, every_n)


class GroupForm(ModalScreen[GroupDraft | None]):
    """New group: name, counselor, members one per line, plan. Ctrl+S saves, Esc cancels."""

    KEYS_IN_ORDER = True  # a name, Tab, the next field: in the order typed (app._catch_up)

    ACTIONS = (  # help and palette come from this table (widgets/keys.py)
        Action("ctrl+s", "save", "key.save", "cmd.save_group", priority=True),
        HELP,
        Action("escape", "cancel", "key.cancel", "cmd.cancel", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "form.title"

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(t("form.title"), id="form-title")
            with Horizontal(classes="form-row"):
                yield Label(t("form.name"), classes="form-label")
                yield LimitedInput(placeholder=t("form.name_placeholder"), id="name", compact=True, limit=LINE_MAX)
            with Horizontal(classes="form-row"):
                yield Label(t("common.counselor"), classes="form-label")
                yield LimitedInput(
                    placeholder=t("form.counselor_placeholder"), id="counselor", compact=True, limit=LINE_MAX
                )
            with Horizontal(classes="form-row", id="members-row"):
                yield Label(t("form.members"), classes="form-label")
                yield LimitedTextArea(
                    id="members", soft_wrap=False, show_line_numbers=True, compact=True, limit=MEMBERS_TEXT_MAX
                )
            with Horizontal(classes="form-row"):
                yield Label(t("form.meetings"), classes="form-label")
                yield LimitedInput("4", id="meetings", type="integer", compact=True, limit=NUMBER_MAX)
            with Horizontal(classes="form-row"):
                yield Label(t("form.every"), classes="form-label")
                yield LimitedInput("7", id="every", type="integer", compact=True, limit=NUMBER_MAX)
            with Horizontal(classes="form-row"):
                yield Label(t("form.start"), classes="form-label")
                yield LimitedInput(placeholder=t("form.start_placeholder"), id="start", compact=True, limit=DATE_MAX)
            yield Static("", id="form-error")
            yield Static(t("form.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def action_save(self) -> None:
        draft = parse_draft(
            self._value("name"),
            self._value("counselor"),
            self.query_one("#members", TextArea).text,
            self._value("meetings"),
            self._value("start"),
            self._value("every"),
        )
        if isinstance(draft, str):
            self.query_one("#form-error", Static).update(draft)
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
