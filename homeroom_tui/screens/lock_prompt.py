"""Asked when a meeting's lock was written on another computer: take it over, or open read-only."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Label, Static

from homeroom_tui.i18n import t
from homeroom_tui.plain import visible
from homeroom_tui.program.locks import age_text
from homeroom_tui.screens.dialogs import Dialog
from homeroom_tui.store.lock import Holder
from homeroom_tui.widgets.plain import plain


class ForeignLockDialog(Dialog[bool]):
    """Names the other computer and the lock's age; ``t`` takes the meeting over, Esc opens it read-only."""

    DEFAULT_CSS = """
    ForeignLockDialog { align: center middle; }
    #foreign-lock { width: 72; max-width: 100%; height: auto; border: thick $warning;
                    background: $surface; padding: 0 1; }
    #foreign-lock-title { text-style: bold; color: $warning; }
    #foreign-lock-hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("t", "answer(True)", "key.take_over"),
        Binding("escape", "answer(False)", "key.read_only"),
    ]

    def __init__(self, holder: Holder) -> None:
        super().__init__()
        self.holder = holder

    def compose(self) -> ComposeResult:
        with Vertical(id="foreign-lock"):
            yield Label(t("lock.foreign_title"), id="foreign-lock-title")
            body: Text = plain(
                t("lock.foreign_body", host=visible(self.holder.host), age=age_text(self.holder)), multiline=True
            )
            yield Static(body, id="foreign-lock-body")
            yield Static(t("lock.foreign_hint"), id="foreign-lock-hint", markup=False)
        yield Footer()
