"""The help screen (F1, or ``?`` outside a text field): every key of the screen below it.

Generated from the screen's actions table (and, in the runner, its panels'), so it can't drift
from the keys themselves.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from homeroom_tui.i18n import t
from homeroom_tui.widgets.keys import Action, HelpSection, bindings
from homeroom_tui.widgets.localize import localize_bindings

KEYS_WIDTH = 14


def help_table(sections: list[HelpSection]) -> Group:
    """The sections: a title line, then per row the keys and what they do (a long description
    wraps under itself, not under the keys). Plain text, never markup."""
    width = min(KEYS_WIDTH, max((len(row.keys_shown) for s in sections for row in s.rows), default=0))
    parts: list[RenderableType] = []
    for index, section in enumerate(sections):
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, width=width + 2)
        table.add_column(ratio=1)
        for row in section.rows:
            table.add_row(Text("  " + row.keys_shown, style="bold"), Text(row.description))
        parts += [Text(("\n" if index else "") + section.title, style="bold"), table]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened on, in the user's language; Esc, F1, ? or q closes it."""

    ACTIONS = (Action("escape,f1,question_mark,q", "close", "key.close", palette=False, essential=True),)
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.help"

    DEFAULT_CSS = """
    HelpScreen #help-scroll { height: auto; max-height: 75vh; }
    HelpScreen #help-hint { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__()
        self.sections = sections
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(t("help.title"), id="help-title")
            hint = "help.hint" if self.app.ENABLE_COMMAND_PALETTE else "help.hint_no_palette"  # the mirror has none
            yield Static(t(hint), id="help-hint")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(self.sections), id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
