"""The live meeting runner: the screen the counselor has open for the whole session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Digits, Footer, Header, Input, Label, Static, TabbedContent, TabPane, Tabs, TextArea

from homeroom_tui.i18n import t
from homeroom_tui.model import STAGE_KEYS, StageKey
from homeroom_tui.program.icebreakers import Library, request_for
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import clock_text
from homeroom_tui.store import error_reason
from homeroom_tui.store.lock import Holder
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.panels import (
    AttendancePanel,
    ChecklistPanel,
    NotesPanel,
    ObservationPanel,
    Panel,
    RecallPanel,
    RoundPanel,
)

PANELS: tuple[tuple[str, str, type[Panel]], ...] = (
    ("checklist", "f2", ChecklistPanel),
    ("round", "f3", RoundPanel),
    ("attendance", "f4", AttendancePanel),
    ("recall", "f5", RecallPanel),
    ("observations", "f6", ObservationPanel),
    ("notes", "f7", NotesPanel),
)
REFRESH_SECONDS = 0.25
AUTOSAVE_SECONDS = 1.0


class FinishDialog(ModalScreen[dt.date | None]):
    """Finish the meeting: confirm, and agree on the date of the next one."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, next_date: dt.date | None, has_next: bool) -> None:
        super().__init__()
        self.next_date = next_date
        self.has_next = has_next
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="finish"):
            yield Label(t("run.finish_title"), id="finish-title")
            if self.has_next:
                yield Label(t("run.finish_next"))
                yield Input(self.next_date.isoformat() if self.next_date else "", id="finish-date")
            else:
                yield Label(t("run.finish_last"))
            yield Static("", id="finish-error")
            yield Static(t("run.finish_hint"), classes="muted")

    def on_mount(self) -> None:
        if self.has_next:
            self.query_one("#finish-date", Input).focus()

    def key_enter(self) -> None:
        if not self.has_next:
            self.dismiss(dt.date.min)

    @on(Input.Submitted, "#finish-date")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(dt.date.fromisoformat(event.value.strip()))
        except ValueError:
            self.query_one("#finish-error", Static).update(t("form.err.start"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key of the runner."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "key.close")]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(t("help.title"), id="help-title")
            yield Static(t("help.body"), id="help-body")

    def action_close(self) -> None:
        self.dismiss(None)


class MeetingScreen(Screen[None]):
    """Stages with timers, and the panels of the current stage."""

    COMMANDS_HELP = (  # (name, description, action): run through App.run_action, so check_action applies
        ("key.next_stage", "cmd.next_stage", "next_stage"),
        ("key.previous_stage", "cmd.previous_stage", "previous_stage"),
        ("key.pause", "cmd.pause", "pause"),
        ("key.plus1", "cmd.plus1", "extend(1)"),
        ("key.plus5", "cmd.plus5", "extend(5)"),
        ("key.minus1", "cmd.minus1", "extend(-1)"),
        ("key.icebreaker", "cmd.icebreaker_now", "icebreaker"),
        *((f"panel.{name}", f"cmd.panel_{name}", f"panel('{name}')") for name, _, _ in PANELS),
        ("key.bell", "cmd.bell", "toggle_bell"),
        ("key.help", "cmd.help", "help"),
        ("key.leave_meeting", "cmd.leave_meeting", "close"),
    )

    BINDINGS = [
        Binding("right_square_bracket", "next_stage", "key.next_stage"),
        Binding("left_square_bracket", "previous_stage", "key.previous_stage", show=False),
        Binding("p", "pause", "key.pause"),
        Binding("plus,equals_sign", "extend(1)", "key.plus1"),
        Binding("f", "extend(5)", "key.plus5", show=False),
        Binding("minus", "extend(-1)", "key.minus1", show=False),
        Binding("i", "icebreaker", "key.icebreaker"),
        *(Binding(key, f"panel('{name}')", f"panel.{name}", show=False) for name, key, _ in PANELS),
        Binding("escape", "leave_field", "key.back", show=False),
        Binding("q", "close", "key.leave_meeting"),
        Binding("f1,question_mark", "help", "key.help"),
    ]

    def __init__(
        self,
        session: MeetingSession,
        library: Callable[[], Library],
        bell: bool = True,
        held_by: Holder | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.held_by = held_by
        """Set when another homeroom has this meeting open: then this screen only shows it."""
        self.library = library
        self.bell_enabled = bell
        self._rang: set[StageKey] = set()
        self._shown_stage: StageKey | None = None
        self._lines: dict[str, str] = {}  # what each line of the clock area shows now
        self._save_error = ""
        localize_bindings(self)

    # layout ----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="run-top"):
            with Vertical(id="run-clock"):
                yield Digits("00:00", id="countdown")
                yield Label("", id="countdown-label")
            with Vertical(id="run-status"):
                yield Static("", id="stepper")
                yield Static("", id="meeting-line")
                yield Static("", id="save-line")
        with TabbedContent(id="panels"):
            for name, key, panel in PANELS:
                with TabPane(key.upper() + " " + t(f"panel_short.{name}"), id=f"pane-{name}"):
                    yield panel(self.session, id=f"panel-{name}")
        yield Footer()

    def on_mount(self) -> None:
        meeting = self.session.meeting
        self.title = self.session.group.name
        self.sub_title = t("run.subtitle", number=meeting.number, date=meeting.date.isoformat())
        if self.session.amending:
            self.sub_title += " · " + t("run.amending")
        if self.held_by is not None:
            self.sub_title += " · " + t("run.read_only_short")
            for panel in self.query(Panel):
                panel.disabled = True
            self._show_save_state()
        else:
            self.session.start()
            self.save_now()
        self.set_interval(REFRESH_SECONDS, self.refresh_clock)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        self.enter_stage()

    # state -> screen ---------------------------------------------------------------------------
    def enter_stage(self) -> None:
        """Show the current stage: its first panel and everything refreshed."""
        self._shown_stage = self.session.stage
        self.show_panel(self.session.stage_plan.panel)
        self.refresh_all()

    def show_panel(self, name: str) -> None:
        """Switch to panel ``name`` and focus it."""
        tabs = self.query_one("#panels", TabbedContent)
        tabs.active = f"pane-{name}"
        panel = self.query_one(f"#panel-{name}", Panel)
        panel.refresh_view()
        panel.focus_main()

    def refresh_all(self) -> None:
        """Refresh every panel and the clock."""
        for panel in self.query(Panel):
            panel.refresh_view()
        self.refresh_clock()

    def refresh_clock(self) -> None:
        """The countdown, the stepper and the plan line, all derived from the clocks (never from ticks)."""
        session = self.session
        clock = session.current_clock
        remaining = clock.remaining
        level = clock.level()
        digits = self.query_one("#countdown", Digits)
        digits.update(("+" if remaining < 0 else "") + clock_text(remaining))
        for name in ("normal", "warning", "danger", "overtime", "paused"):
            digits.set_class(level == name, f"-{name}")
        label_key = {"overtime": "run.overtime", "paused": "run.paused"}.get(level, "run.left")
        self._show_line("#countdown-label", t(label_key))
        if level == "overtime" and session.stage not in self._rang and self.held_by is None:
            self._rang.add(session.stage)
            if self.bell_enabled:
                self.app.bell()
        self._show_line("#stepper", self._stepper_text())
        behind = session.behind_plan()
        if abs(behind) < 60:
            plan = t("run.on_plan")
        elif behind > 0:
            plan = f"[$error]{t('run.behind', minutes=round(behind / 60))}[/]"
        else:
            plan = f"[$success]{t('run.ahead', minutes=round(-behind / 60))}[/]"
        self._show_line(
            "#meeting-line",
            t(
                "run.meeting_line",
                elapsed=clock_text(session.elapsed_total()),
                present=session.present_count(),
                total=len(session.members),
            )
            + " · "
            + plan,
        )

    def _show_line(self, selector: str, text: str) -> None:
        """Update a line only when its text changes: the clock refreshes four times a second,
        the lines at most once (each update parses markup and lays the screen out again)."""
        if self._lines.get(selector) != text:
            self._lines[selector] = text
            self.query_one(selector, Static).update(text)

    def _stepper_text(self) -> str:
        session = self.session
        index = STAGE_KEYS.index(session.stage)
        parts = []
        for n, key in enumerate(STAGE_KEYS):
            clock = session.clocks[key]
            planned = int(clock.limit // 60)
            name = escape(t(f"stage_short.{key}"))
            if n < index:
                parts.append(f"[green]✔ {name} {clock_text(clock.elapsed)}/{planned}[/]")
            elif n == index:
                parts.append(f"[b reverse] ▶ {name} {clock_text(clock.elapsed)}/{planned} [/]")
            else:
                done = clock.elapsed > 0
                parts.append(f"[dim]· {name} {clock_text(clock.elapsed) + '/' if done else ''}{planned}[/]")
        return "  ".join(parts)

    def _show_save_state(self) -> None:
        line = self.query_one("#save-line", Static)
        if self.held_by is not None:
            line.update(f"[b $warning]{t('run.read_only', pid=self.held_by.pid)}[/]")
        elif self.session.last_error is not None:
            line.update(f"[b $error]{t('run.save_failed', reason=escape(error_reason(self.session.last_error)))}[/]")
        else:
            line.update(f"[dim]{t('run.saved')}[/]")

    # saving ------------------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Write the meeting file now; a failure is shown and retried by the autosave."""
        if self.held_by is not None:
            self._show_save_state()
            return False
        ok = self.session.save()
        self._show_save_state()
        return ok

    def autosave(self) -> None:
        """Within two seconds of any change (and again each second while a save fails)."""
        if self.session.dirty or self.session.last_error is not None:
            self.save_now()

    def flush(self) -> None:
        """Save at once (stage change, suspend, quit, signals)."""
        self.save_now()

    @on(Panel.Changed)
    def _panel_changed(self) -> None:
        self.refresh_clock()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        name = (event.pane.id or "").removeprefix("pane-")
        panel = self.query(f"#panel-{name}")
        if panel:
            panel.first(Panel).refresh_view()

    # actions -----------------------------------------------------------------------------------
    WRITING_ACTIONS = frozenset({"next_stage", "previous_stage", "pause", "extend", "icebreaker"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Read-only (another homeroom has the meeting open): only looking around is allowed."""
        return self.held_by is None or action not in self.WRITING_ACTIONS

    def action_next_stage(self) -> None:
        if self.session.next_stage():
            self.flush()
            self.enter_stage()
            return
        if self.session.amending:
            self.notify(t("run.already_finished"))
            return
        has_next = self.session.meeting.number < self.session.group.meetings_planned
        self.app.push_screen(FinishDialog(self.session.next_meeting_date(), has_next), self._finish)

    def _finish(self, result: dt.date | None) -> None:
        if result is None:
            return
        next_date = None if result == dt.date.min else result
        if self.session.finish(next_date):
            self.notify(t("run.finished", number=self.session.meeting.number))
            self.dismiss(None)
        else:
            self._show_save_state()

    def action_previous_stage(self) -> None:
        if self.session.previous_stage():
            self.flush()
            self.enter_stage()

    def action_pause(self) -> None:
        self.session.toggle_pause()
        self.refresh_clock()

    def action_extend(self, minutes: int) -> None:
        self.session.extend(minutes)
        self.refresh_clock()

    def action_panel(self, name: str) -> None:
        self.show_panel(name)

    def action_leave_field(self) -> None:
        for panel in self.query(RoundPanel):
            if panel.cancel_edit():
                return
        for obs in self.query(ObservationPanel):
            if obs.cancel_edit():
                return
        if isinstance(self.focused, (TextArea, Input)):
            # out of the text: the panel tabs take the focus, so single keys work again (← → switch panels)
            self.query_one("#panels", TabbedContent).query_one(Tabs).focus()

    def action_icebreaker(self) -> None:
        from homeroom_tui.widgets.icebreaker_picker import IcebreakerPicker

        session = self.session
        library = self.library()
        request = request_for(
            session.group,
            session.meeting,
            session.earlier,
            stage="transition",
            minutes=max(1.0, session.clocks["transition"].remaining / 60),
            size=session.present_count(),
        )

        def save(_: object) -> None:
            session.dirty = True
            if not session.save():
                raise session.last_error or OSError("save failed")

        self.app.push_screen(IcebreakerPicker(library, session.meeting, request, save=save))

    def action_toggle_bell(self) -> None:
        self.bell_enabled = not self.bell_enabled
        self.notify(t("run.bell_on") if self.bell_enabled else t("run.bell_off"))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_close(self) -> None:
        self.flush()
        if self.held_by is None and self.session.last_error is not None:
            from homeroom_tui.screens.unsaved import UnsavedDialog  # saves fail: ask, never drop text

            self.app.push_screen(UnsavedDialog([self.session], quitting=False), self._leave_unsaved)
            return
        self.dismiss(None)

    def _leave_unsaved(self, choice: str | None) -> None:
        if choice in ("saved", "copied", "anyway"):
            self.dismiss(None)
