"""The mirror: the meeting being run, for the room, on a second terminal (a projector, a TV).

Read-only and thin: :class:`~homeroom_tui.program.mirror.MirrorWatch` reads the data folder
(locks and the meeting file's stamp, twice a second) and says what the room may see; this screen
draws it. Never a member's name, an answer, a note, a rating, attendance or name recall. The
app writes nothing: no lock, no index, no crash log, no recovery copy.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Center, Vertical
from textual.filter import LineFilter
from textual.screen import Screen
from textual.widgets import Static

from homeroom_tui.i18n import Lang, set_language, t, t_count
from homeroom_tui.plain import visible
from homeroom_tui.program.mirror import POLL_SECONDS, MirrorView, MirrorWatch, PreciseClock
from homeroom_tui.program.timer import Clock, clock_text
from homeroom_tui.widgets.bigclock import BigClock
from homeroom_tui.widgets.keys import HELP, Action, bindings, help_sections
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import VisibleControls

REFRESH_SECONDS: Final = 0.25

MIRROR_CSS: Final = """
MirrorScreen { layout: vertical; padding: 0 1; }
MirrorScreen #mirror-title { height: 1; text-style: bold; color: $text-muted; }
MirrorScreen #mirror-stepper { height: auto; }
MirrorScreen #mirror-notice { height: auto; color: $warning; text-style: bold; }
MirrorScreen #mirror-clock-box {
    height: 1fr; min-height: 5; align: center middle; border: round $success; padding: 0 1;
}
MirrorScreen #mirror-clock-box.-warning { border: round $warning; }
MirrorScreen #mirror-clock-box.-danger { border: round $error; }
MirrorScreen #mirror-clock-box.-paused { border: dashed $secondary; }
MirrorScreen #mirror-clock-box.-overtime { border: double $error; background: $error 15%; }
MirrorScreen #mirror-clock { color: $success; text-style: bold; }
MirrorScreen #mirror-clock.-warning { color: $warning; }
MirrorScreen #mirror-clock.-danger { color: $error; }
MirrorScreen #mirror-clock.-overtime { color: $error; }
MirrorScreen #mirror-clock.-paused { color: $text-muted; }
MirrorScreen #mirror-clock-label { width: auto; height: 1; text-style: bold; }
MirrorScreen #mirror-prompt, MirrorScreen #mirror-agreed, MirrorScreen #mirror-icebreaker { height: auto; }
MirrorScreen #mirror-prompt { text-style: bold; margin-top: 1; }
MirrorScreen #mirror-icebreaker { margin-top: 1; }
MirrorScreen #mirror-none-box { height: 1fr; align: center middle; }
MirrorScreen #mirror-none {
    width: auto; max-width: 90%; height: auto; border: heavy $warning; padding: 2 6; text-style: bold;
    text-align: center;
}
"""


class ClockBox(Vertical):
    """The room the clock is given: its digits are as large as fit (less the line under them)."""

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def fit(self) -> None:
        size = self.content_size
        self.query_one(BigClock).fit(size.width, size.height - 1)


class MirrorScreen(Screen[None]):
    """The meeting for the room: stage and stepper, a big clock, the round's prompt, the ice-breaker."""

    DEFAULT_CSS = MIRROR_CSS
    ACTIONS = (HELP, Action("q", "app.quit", "key.quit", "cmd.mirror_quit", essential=True))
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.mirror"

    def __init__(self, watch: MirrorWatch) -> None:
        super().__init__()
        self.watcher = watch
        self.shown: MirrorView | None = None
        """What is on the screen now (None: no meeting is running)."""
        self._lines: dict[str, str] = {}
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="mirror-meeting"):
            yield Static("", id="mirror-title", markup=False)
            yield Static("", id="mirror-stepper", markup=False)
            yield Static("", id="mirror-notice", markup=False)
            with ClockBox(id="mirror-clock-box"):
                with Center():
                    yield BigClock("00:00", id="mirror-clock")
                with Center():
                    yield Static("", id="mirror-clock-label", markup=False)
            yield Static("", id="mirror-prompt", markup=False)
            yield Static("", id="mirror-agreed", markup=False)
            yield Static("", id="mirror-icebreaker", markup=False)
        with Vertical(id="mirror-none-box"), Center():
            yield Static(Text(t("mirror.none") + "\n\n" + t("mirror.none_hint")), id="mirror-none")

    def on_mount(self) -> None:
        self.follow()
        self.set_interval(POLL_SECONDS, self.follow)
        self.set_interval(REFRESH_SECONDS, self.refresh_view)

    def follow(self) -> None:
        """Look at the data folder again (locks, the meeting file's stamp), then show it."""
        self.watcher.poll()
        self.refresh_view()

    def refresh_view(self) -> None:
        """Show what the room may see now (the clock moves between two looks at the files)."""
        view = self.watcher.view()
        appears = view is not None and self.shown is None
        self.shown = view
        self.query_one("#mirror-meeting").display = view is not None
        self.query_one("#mirror-none-box").display = view is None
        if view is not None:
            self._show(view)
        if appears:  # the clock's room is known once the meeting's part is laid out
            self.call_after_refresh(self.query_one(ClockBox).fit)

    def _show(self, view: MirrorView) -> None:
        number, planned = view.number, view.planned
        title = t("mirror.title", number=number, planned=planned)
        if view.group_name is not None:
            title = t("mirror.title_group", group=visible(view.group_name), number=number, planned=planned)
        self._set("#mirror-title", Text(title))
        self._set("#mirror-stepper", stepper(view))
        notices = []
        if view.others:
            notices.append(t_count("mirror.several", view.others))
        if view.unreadable:
            notices.append(t("mirror.unreadable"))
        notice = self.query_one("#mirror-notice", Static)
        notice.display = bool(notices)
        self._set("#mirror-notice", Text("\n".join(notices)))
        clock = self.query_one("#mirror-clock", BigClock)
        over = view.remaining < 0
        clock.update(("+" if over else "") + clock_text(view.remaining))
        for name in ("normal", "warning", "danger", "overtime", "paused"):
            clock.set_class(view.level == name, f"-{name}")
            self.query_one("#mirror-clock-box").set_class(view.level == name, f"-{name}")
        if over:
            label = t("mirror.over", time=clock_text(view.remaining))
        elif view.level == "paused":
            label = t("mirror.paused", stage=t(f"stage.{view.stage}"))
        else:
            label = t("mirror.left", stage=t(f"stage.{view.stage}"))
        self._set("#mirror-clock-label", Text(label))
        prompt = self.query_one("#mirror-prompt", Static)
        prompt.display = view.prompt is not None
        self._set("#mirror-prompt", Text(t("mirror.prompt", prompt=visible(view.prompt or ""))))
        agreed = self.query_one("#mirror-agreed", Static)
        agreed.display = view.agreed_end is not None
        self._set("#mirror-agreed", Text(visible(view.agreed_end or "")))
        icebreaker = self.query_one("#mirror-icebreaker", Static)
        icebreaker.display = view.icebreaker is not None
        self._set("#mirror-icebreaker", icebreaker_text(view))

    def _set(self, selector: str, text: Text) -> None:
        """Update a line only when it changes (four refreshes a second; a line changes at most once)."""
        if self._lines.get(selector) != text.markup:
            self._lines[selector] = text.markup
            self.query_one(selector, Static).update(text)


def stepper(view: MirrorView) -> Text:
    """``✔ Opening · ▶ Transition 3:12 / 10 · Activity 40 · Closing 10`` as plain text."""
    line = Text()
    for n, stage in enumerate(view.stages):
        if n:
            line.append("   ")
        name = t(f"stage_short.{stage.key}")
        if stage.place == "done":
            line.append(f"✔ {name}", style="green")
        elif stage.place == "current":
            line.append(f" ▶ {name} {clock_text(stage.elapsed)} / {stage.minutes} ", style="bold reverse")
        else:
            line.append(f"· {name} {stage.minutes}", style="dim")
    return line


def icebreaker_text(view: MirrorView) -> Text:
    """The chosen ice-breaker's name and its steps, numbered (text from a file: shown as text)."""
    text = Text(t("mirror.icebreaker", name=visible(view.icebreaker or "")), style="bold")
    for n, step in enumerate(view.steps, 1):
        text.append(f"\n{n}. {visible(step)}")
    return text


class MirrorApp(App[None]):
    """``homeroom mirror``: one screen that follows the meeting; q quits. Writes nothing."""

    TITLE = "homeroom"
    ACTIONS = (
        Action("ctrl+q", "quit", "key.quit", "cmd.mirror_quit", footer=False, palette=False, priority=True),
        Action("ctrl+c", "quit", "key.quit", "cmd.mirror_quit", footer=False, palette=False),
    )
    BINDINGS = bindings(ACTIONS)
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, watch: MirrorWatch) -> None:
        super().__init__()
        self.watcher = watch
        self._visible_controls = VisibleControls()
        localize_bindings(self)

    def on_mount(self) -> None:
        self.push_screen(MirrorScreen(self.watcher))
        self._install_signal_handlers()

    def _install_signal_handlers(self) -> None:
        """SIGTERM, SIGINT and SIGHUP (the terminal closed) end the mirror at once, the terminal put
        back where it is still there: nothing to save, nothing to release (not under ``run_test``)."""
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)):
            if signum is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(signum, self._on_signal, signum)

    def _on_signal(self, signum: int) -> None:
        if signum != getattr(signal, "SIGHUP", None) and self._driver is not None:
            with contextlib.suppress(Exception):  # a terminal that is still there is put back
                self._driver.stop_application_mode()
                self._driver.close()
        os._exit(0)  # Textual's shutdown could block writing to a terminal that is gone

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then one that draws any control character as a visible cell."""
        return [*super().get_line_filters(), self._visible_controls]

    def action_help(self) -> None:
        """F1 or ``?``: the mirror's keys."""
        from homeroom_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.screen)))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Never: the mirror writes no file."""

    def _fatal_error(self) -> None:
        """A short message instead of Textual's traceback (its local variables could hold a meeting's notes)."""
        error = getattr(self, "_exception", None)
        kind = type(error).__name__ if error else "Error"
        with contextlib.suppress(Exception):
            self.bell()
        self._exit_renderables.append(Text(visible(t("error.unexpected", kind=kind)), style="bold red"))
        self._close_messages_no_wait()


def make_mirror_app(
    data_dir: Path,
    group_id: str | None = None,
    *,
    show_group: bool = False,
    lang: Lang | None = None,
    icebreakers: Path | None = None,
    clock: Clock | None = None,
) -> MirrorApp:
    """The mirror on ``data_dir`` (following ``group_id``, or whichever group has a meeting running)."""
    from homeroom_tui.program.agenda import load_agenda
    from homeroom_tui.program.icebreakers import load_library
    from homeroom_tui.store import Store

    if lang is not None:
        set_language(lang)
    watch = MirrorWatch(
        Store(data_dir),
        load_agenda(data_dir),
        load_library(data_dir, icebreakers),
        clock or PreciseClock(),
        group_id=group_id,
        show_group=show_group,
    )
    return MirrorApp(watch)
