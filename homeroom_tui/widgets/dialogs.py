"""Small modal dialogs: a yes/no confirmation and a date."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from homeroom_tui.i18n import t
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain

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


class ConfirmDialog(ModalScreen[bool]):
    """A question answered with Enter (yes) or Esc (no)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [
        Binding("enter,y", "answer(True)", "key.yes"),
        Binding("escape,n", "answer(False)", "key.no"),
    ]

    def __init__(self, question: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="dialog-title", id="confirm-question")
            yield Static(t("dialog.confirm_hint"), classes="muted", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class DateDialog(ModalScreen[dt.date | None]):
    """A date typed as YYYY-MM-DD; Enter takes it, Esc changes nothing."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, value: dt.date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.value = value
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Input(self.value.isoformat(), id="date-input", max_length=10)
            yield Static("", classes="dialog-error", id="date-error", markup=False)
            yield Static(t("dialog.date_hint"), classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one("#date-input", Input).focus()

    @on(Input.Submitted, "#date-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            day = dt.date.fromisoformat(event.value.strip())
        except ValueError:
            self.query_one("#date-error", Static).update(t("dialog.date_invalid"))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
