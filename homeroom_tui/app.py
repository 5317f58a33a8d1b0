"""The Textual app: a factory the CLI and the tests share."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from homeroom_tui.i18n import Lang, set_language, t
from homeroom_tui.program.icebreakers import Library, load_library
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.store import Store
from homeroom_tui.widgets.localize import localize_bindings


def error_location(error: BaseException) -> str:
    """``module.py:123`` of the innermost homeroom frame: where, never what (no locals, no text)."""
    tb = error.__traceback__
    where = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "homeroom_tui" in filename:
            where = f"{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


class HomeroomApp(App[None]):
    """homeroom: lead group counseling sessions with the home room technique."""

    CSS_PATH = "homeroom.tcss"
    TITLE = "homeroom"
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True, show=False)]

    def __init__(self, store: Store, icebreakers: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.icebreakers_file = icebreakers
        self._library: Library | None = None
        self.sub_title = t("app.subtitle")
        localize_bindings(self)

    def library(self) -> Library:
        """The ice-breaker library, loaded on first use (built-in merged with the counselor's file)."""
        if self._library is None:
            self._library = load_library(self.store.root, self.icebreakers_file)
        return self._library

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.store, self.library))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, HomeScreen):
            yield SystemCommand(t("key.new_group"), t("cmd.new_group"), screen.action_new_group)
            yield SystemCommand(t("key.reload"), t("cmd.reload"), screen.action_reload)
            yield SystemCommand(t("key.icebreaker"), t("cmd.icebreaker"), screen.action_icebreaker)

    def _fatal_error(self) -> None:
        """Replace Textual's traceback (which prints local variables, i.e. note text) by a short message."""
        error = getattr(self, "_exception", None)
        kind = type(error).__name__ if error else "Error"
        where = error_location(error) if error else ""
        self.bell()
        self._exit_renderables.append(Text(t("error.unexpected", kind=f"{kind} {where}".strip()), style="bold red"))
        self._close_messages_no_wait()


def make_app(data_dir: Path, lang: Lang | None = None, icebreakers: Path | None = None) -> HomeroomApp:
    """Build the app on ``data_dir``; the CLI and the tests both use this."""
    if lang is not None:
        set_language(lang)
    return HomeroomApp(Store(Path(data_dir)), icebreakers=icebreakers)
