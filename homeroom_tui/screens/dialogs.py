"""Small modal dialogs: the base every dialog shares, a yes/no confirmation and a date."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from homeroom_tui.i18n import t
from homeroom_tui.widgets.in_place import InPlaceInput
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain

AnswerT = TypeVar("AnswerT")

DIALOG_CSS = """
ConfirmDialog, DateDialog {
    align: center middle;
}
.dialog {
    width: 64;
    max-width: 100%;
    height: auto;
    border: thick $accent;
    background: $surface;
    padding: 1 2;
}
.dialog-title {
    text-style: bold;
    width: 100%;
}
.dialog-error {
    color: $error;
    height: auto;
}
"""


class Dialog(ModalScreen[AnswerT]):
    """What every small dialog does: keys in the user's language, an answer that closes it, an error
    line, and a date read from what was typed.

    A key answers with ``answer(value)`` in the dialog's ``BINDINGS`` (``"answer(True)"``,
    ``"answer(None)"``); ``ERROR`` names the line where :meth:`show_error` writes.
    """

    ERROR: ClassVar[str] = ".dialog-error"
    KEYS_IN_ORDER = True  # typed without looking: every key after the one before (app._catch_up)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)

    def action_answer(self, value: AnswerT) -> None:
        self.dismiss(value)

    def show_error(self, message: str) -> None:
        """Say what is wrong on the dialog's error line (plain text, never markup)."""
        self.query_one(self.ERROR, Static).update(plain(message))

    def read_date(self, typed: str, invalid: str) -> dt.date | None:
        """The day typed as YYYY-MM-DD; None, with ``invalid`` on the error line, if it is not one."""
        try:
            return dt.date.fromisoformat(typed.strip())
        except ValueError:
            self.show_error(invalid)
            return None


class ConfirmDialog(Dialog[bool]):
    """A question answered with Enter (yes) or Esc (no)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [
        Binding("enter,y", "answer(True)", "key.yes"),
        Binding("escape,n", "answer(False)", "key.no"),
    ]

    def __init__(self, question: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="dialog-title", id="confirm-question")
            yield Static(t("dialog.confirm_hint"), classes="muted", markup=False)


class DateDialog(Dialog[dt.date | None]):
    """A date typed as YYYY-MM-DD; Enter takes it, Esc changes nothing."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "answer(None)", "key.cancel")]

    def __init__(self, title: str, value: dt.date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield InPlaceInput(self.value.isoformat(), id="date-input", max_length=10)
            yield Static("", classes="dialog-error", id="date-error", markup=False)
            yield Static(t("dialog.date_hint"), classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one("#date-input", Input).focus()

    @on(Input.Submitted, "#date-input")
    def _submitted(self, event: Input.Submitted) -> None:
        day = self.read_date(event.value, t("dialog.date_invalid"))
        if day is not None:
            self.dismiss(day)
