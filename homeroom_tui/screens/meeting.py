"""The live meeting runner: the screen the counselor has open for the whole session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.markup import escape
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static, TabbedContent, TabPane, Tabs, TextArea
from textual.worker import Worker, WorkerState

from homeroom_tui.i18n import get_language, t, t_count
from homeroom_tui.model import STAGE_KEYS, StageKey
from homeroom_tui.plain import visible
from homeroom_tui.program.agreed_end import EndRefused, clock_of, read_agreed_end, state_text, summary
from homeroom_tui.program.icebreakers import Library, request_for
from homeroom_tui.program.locks import age_text
from homeroom_tui.program.program_end import entered
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import Clock, clock_text
from homeroom_tui.screens.dialogs import DIALOG_CSS, ConfirmDialog, Dialog
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker, describe
from homeroom_tui.screens.unsaved import UnsavedDialog
from homeroom_tui.store import error_reason
from homeroom_tui.store.lock import Holder
from homeroom_tui.widgets.bigclock import BigClock
from homeroom_tui.widgets.keybar import KeyBar
from homeroom_tui.widgets.keys import HELP, Action, HelpSection, bindings, widget_rows
from homeroom_tui.widgets.limited import DATE_MAX, LimitedInput
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.panels import (
    AttendancePanel,
    ChecklistPanel,
    IcebreakerPanel,
    NotesPanel,
    ObservationPanel,
    Panel,
    RecallPanel,
    RoundPanel,
    SelfRatingPanel,
)
from homeroom_tui.widgets.plain import plain_content, visible_values
from homeroom_tui.widgets.typing import TypingInput, in_order

PANELS: tuple[tuple[str, str, type[Panel]], ...] = (
    ("checklist", "f2", ChecklistPanel),
    ("round", "f3", RoundPanel),
    ("attendance", "f4", AttendancePanel),
    ("recall", "f5", RecallPanel),
    ("observations", "f6", ObservationPanel),
    ("notes", "f7", NotesPanel),
    ("icebreaker", "f8", IcebreakerPanel),
    ("selfrating", "f9", SelfRatingPanel),
)
REFRESH_SECONDS = 0.25
AUTOSAVE_SECONDS = 1.0
CLOCK_HEIGHT_SHARE = 3
"""The clock's digits take at most a third of the window's height (the panels stay usable)..."""
CLOCK_WIDTH_SHARE = 0.45
"""... and less than half its width (the stepper and the plan line stay beside it)."""


class FinishDialog(Dialog[dt.date | None]):
    """Finish the meeting: confirm, and agree on the date of the next one."""

    ACTIONS = (HELP, Action("escape", "answer(None)", "key.cancel", "cmd.cancel", essential=True))
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.finish"
    ERROR = "#finish-error"

    def __init__(self, next_date: dt.date | None, has_next: bool) -> None:
        super().__init__()
        self.next_date = next_date
        self.has_next = has_next

    def compose(self) -> ComposeResult:
        with Vertical(id="finish"):
            yield Label(t("run.finish_title"), id="finish-title")
            if self.has_next:
                yield Label(t("run.finish_next"))
                yield LimitedInput(
                    self.next_date.isoformat() if self.next_date else "", id="finish-date", limit=DATE_MAX
                )
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
        day = self.read_date(event.value, t("form.err.start"))
        if day is not None:
            self.dismiss(day)


AGREED_END_MAX = 8
"""Characters typed for an agreed end: ``15:30`` or ``+120``, with room for spaces."""


class AgreedEndDialog(Dialog[tuple[dt.datetime | None] | None]):
    """The end agreed with the members: a time (HH:MM) or minutes from now (+N); empty clears it.

    Answers ``(end,)`` (``(None,)``: cleared), or None when Esc changed nothing.
    """

    DEFAULT_CSS = DIALOG_CSS + "AgreedEndDialog { align: center middle; }"
    ACTIONS = (HELP, Action("escape", "answer(None)", "key.cancel", "cmd.cancel", essential=True))
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.agreed_end"

    def __init__(self, shown: dt.datetime, clock: Clock) -> None:
        super().__init__(id="agreed-end")
        self.shown = shown
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("run.agreed_end_title"), classes="dialog-title")
            yield LimitedInput(clock_of(self.shown), id="agreed-end-input", limit=AGREED_END_MAX)
            yield Static("", classes="dialog-error", id="agreed-end-error", markup=False)
            yield Static(t("run.agreed_end_hint"), classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one("#agreed-end-input", Input).focus()

    @on(Input.Submitted, "#agreed-end-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            end = read_agreed_end(event.value, self.clock.now())
        except EndRefused as refused:
            self.show_error(refused.message())
            return
        self.dismiss((end,))


class MeetingScreen(Screen[None]):
    """Stages with timers, and the panels of the current stage."""

    KEYS_IN_ORDER = True
    """Each key is acted on once the keys before it are done (``HomeroomApp._catch_up``)."""

    ACTIONS = (  # footer, help, palette and README come from this table (widgets/keys.py)
        Action("right_square_bracket", "next_stage", "key.next_stage", "cmd.next_stage"),
        Action("left_square_bracket", "previous_stage", "key.previous_stage", "cmd.previous_stage", footer=False),
        Action("p", "pause", "key.pause", "cmd.pause"),
        Action("plus,equals_sign", "extend(1)", "key.plus1", "cmd.plus1"),
        Action("f", "extend(5)", "key.plus5", "cmd.plus5", footer=False),
        Action("minus", "extend(-1)", "key.minus1", "cmd.minus1", footer=False),
        Action("i", "icebreaker", "key.icebreaker", "cmd.icebreaker_now"),
        Action("e", "agreed_end", "key.agreed_end", "cmd.agreed_end", footer=False),
        Action("u", "adopt_usual", "key.adopt_usual", "cmd.adopt_usual", footer=False),
        Action("s", "shorten", "key.shorten", "cmd.shorten", footer=False),
        Action("l", "pass_laptop", "key.pass_laptop", "cmd.pass_laptop", footer=False),
        *(
            Action(key, f"panel('{name}')", f"panel.{name}", f"cmd.panel_{name}", footer=False)
            for name, key, _ in PANELS
        ),
        Action("escape", "leave_field", "key.leave_field", "cmd.leave_field", footer=False, palette=False),
        Action("", "toggle_bell", "key.bell", "cmd.bell"),
        HELP,
        Action("q", "close", "key.back", "cmd.leave_meeting", essential=True),
        Action("ctrl+d", "cancel_meeting", "key.cancel_meeting", "cmd.cancel_meeting", footer=False),
    )
    BINDINGS = in_order(bindings(ACTIONS))
    HELP_TITLE = "help.section.meeting"

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
                yield BigClock("00:00", id="countdown")
                yield Label("", id="countdown-label")
            with Vertical(id="run-status"):
                yield Static("", id="stepper")
                yield Static("", id="meeting-line")
                yield Static("", id="timing-line")
                yield Static("", id="save-line")
        with TabbedContent(id="panels"):
            for name, key, panel in PANELS:
                with TabPane(key.upper() + " " + t(f"panel_short.{name}"), id=f"pane-{name}"):
                    yield panel(self.session, id=f"panel-{name}")
        yield KeyBar()

    def on_mount(self) -> None:
        meeting = self.session.meeting
        self.title = self.session.group.name
        if self.held_by is None:
            self.session.start()  # a meeting's date becomes the day it is held: shown below
            self.save_now()
        self.sub_title = t("run.subtitle", number=meeting.number, date=meeting.date.isoformat())
        if self.session.amending:
            self.sub_title += " · " + t("run.amending")
        if self.held_by is not None:
            self.sub_title += " · " + t("run.read_only_short")
            for panel in self.query(Panel):
                panel.disabled = True
            self._show_save_state()
        self.query_one(IcebreakerPanel).describe = self._describe_icebreaker
        self.set_interval(REFRESH_SECONDS, self.refresh_clock)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        self.fit_clock()
        self.enter_stage()
        if not self.session.usual_times.complete:
            self.call_after_refresh(self._learn_usual)  # after the first frame: other groups' meetings

    def _learn_usual(self) -> None:
        """Read every other group's meeting of this number in a thread (program/usual_time.py)."""
        from homeroom_tui.program.usual_time import numbered_elsewhere
        from homeroom_tui.store import Store

        store, group_id, number = self.session.store, self.session.group.id, self.session.meeting.number
        self.run_worker(
            lambda: numbered_elsewhere(Store(store.root), group_id, number),
            thread=True,
            exclusive=True,
            group="usual-time",
            exit_on_error=False,
        )

    @on(Worker.StateChanged)
    def _learned(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "usual-time":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, list):
            self.session.learn_usual(event.worker.result)
        elif event.state == WorkerState.ERROR:  # an unreadable folder: the group's own meetings stay
            self.session.learn_usual([])
        else:
            return
        self.refresh_clock()

    def on_resize(self, event: events.Resize) -> None:
        self.fit_clock()

    def fit_clock(self) -> None:
        """The clock's digits grow with the window: up to a third of its height, less than half its width."""
        width, height = self.app.size
        rows = height // CLOCK_HEIGHT_SHARE - 1  # the line under the digits says "left", "paused", "overtime"
        self.query_one("#countdown", BigClock).fit(int(width * CLOCK_WIDTH_SHARE), rows)
        self.query_one("#run-top").styles.max_height = max(8, rows + 1)

    # state -> screen ---------------------------------------------------------------------------
    def enter_stage(self) -> None:
        """Show the current stage: its first panel, every cursor where the work is, all refreshed."""
        self._shown_stage = self.session.stage
        for panel in self.query(Panel):
            panel.leave_typing(refresh=False)
            panel.place_cursor()
        self.show_panel(self.session.stage_plan.panel)
        self.refresh_all()

    def show_panel(self, name: str) -> None:
        """Switch to panel ``name``, put its cursor where the work is, and focus it."""
        tabs = self.query_one("#panels", TabbedContent)
        tabs.active = f"pane-{name}"
        panel = self.query_one(f"#panel-{name}", Panel)
        panel.refresh_view()
        panel.place_cursor()
        panel.focus_main()

    def extra_help(self) -> list[HelpSection]:
        """The help lists each panel's keys after the screen's."""
        return [
            HelpSection(t(f"panel.{name}"), widget_rows(self.query_one(f"#panel-{name}", Panel)))
            for name, _, _ in PANELS
        ]

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
        digits = self.query_one("#countdown", BigClock)
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
        if session.attendance_taken():
            attendance = t("run.present_line", present=session.present_count(), total=len(session.members))
        else:
            attendance = f"[$warning]{t('run.attendance_not_taken')}[/]"
        line = t("run.meeting_line", elapsed=clock_text(session.elapsed_total())) + " · " + attendance + " · " + plan
        agreed = session.agreed_end_state()
        if agreed is not None and session.meeting.ended_at is not None:
            line += "\n" + escape(summary(session.meeting) or "")
        elif agreed is not None:
            style = "b $error" if agreed.over else "$warning" if agreed.soon else "b"
            line += f"\n[{style}]{escape(state_text(agreed))}[/]"
        chosen = session.meeting.icebreaker
        if chosen is not None and session.stage == "transition":
            item = self.library().get(chosen.id)
            name = item.name.text(get_language()) if item else chosen.id
            line += "\n" + escape(t("run.ib_line", name=visible(name)))
        self._show_line("#meeting-line", line)
        timing = self._timing_text()
        if self._lines.get("#timing-line") != timing:
            self.query_one("#timing-line").display = bool(timing)  # no empty row when there is nothing to say
        self._show_line("#timing-line", timing)

    def _timing_text(self) -> str:
        """``planned 40 · usually 46 · u: adopt · s: shorten``: the current stage's usual time, and the keys
        that would change something now (none in a finished or read-only meeting)."""
        session = self.session
        stage = session.meeting.stages[session.stage]
        parts = []
        usual = session.usual()
        writable = self.held_by is None and not session.amending
        if usual is not None:
            planned = str(stage.planned_min)
            if stage.extended_min:
                planned += f" {stage.extended_min:+d}"
            parts.append(escape(t("run.usual_line", planned=planned, usual=usual.minutes)))
            if writable and int(session.current_clock.limit // 60) != usual.minutes:
                parts.append(f"[b]{escape(t('run.usual_adopt_hint'))}[/]")
        if writable:
            fit = session.shortening()
            if fit is not None and fit.behind:
                parts.append(f"[b $warning]{escape(t('run.shorten_hint'))}[/]")
        return " · ".join(parts)

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
        if self.held_by is not None and self.held_by.foreign:
            text = t("run.read_only_foreign", host=visible(self.held_by.host), age=age_text(self.held_by))
            line.update(f"[b $warning]{escape(text)}[/]")
        elif self.held_by is not None:
            line.update(f"[b $warning]{t('run.read_only', pid=self.held_by.pid)}[/]")
        elif self.session.last_error is not None:
            reason = error_reason(self.session.last_error)  # may name a path: data, never markup
            line.update(plain_content(visible_values("run.save_failed", reason=reason), "bold $error"))
        else:
            line.update(f"[dim]{t('run.saved')}[/]")

    # saving ------------------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Write the meeting file now; a failure is shown and retried by the autosave."""
        if self.held_by is not None or self.session.cancelled:
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
    WRITING_ACTIONS = frozenset(
        {
            "next_stage",
            "previous_stage",
            "pause",
            "extend",
            "icebreaker",
            "agreed_end",
            "adopt_usual",
            "shorten",
            "pass_laptop",
        }
    )

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
        self.save_now()  # at once: the mirror on the room's screen follows within a second
        self.refresh_clock()

    def action_extend(self, minutes: int) -> None:
        self.session.extend(minutes)
        self.save_now()  # at once, as a pause
        self.refresh_clock()

    def action_adopt_usual(self) -> None:
        """Plan the current stage for its usual time (program/usual_time.py), as minutes added or taken."""
        session = self.session
        name = t(f"stage.{session.stage}")
        if session.amending:
            self.notify(t("run.timing_finished"), severity="warning")
            return
        usual = session.usual()
        if usual is None:
            key = "run.usual_none" if session.usual_times.complete else "run.usual_loading"
            self.notify(t(key, stage=name, number=session.meeting.number), severity="warning", timeout=6)
            return
        stage = session.meeting.stages[session.stage]
        before = stage.extended_min
        session.adopt_usual()
        if stage.extended_min == before:
            self.notify(t("run.usual_already", stage=name, minutes=usual.minutes))
        else:
            key = "run.usual_adopted_group" if usual.source == "group" else "run.usual_adopted_all"
            self.notify(
                t_count(
                    key,
                    usual.count,
                    stage=name,
                    minutes=usual.minutes,
                    planned=stage.planned_min,
                    number=session.meeting.number,
                ),
                timeout=6,
            )
        self.refresh_clock()

    def action_shorten(self) -> None:
        """Shorten the remaining stages in proportion to end by the agreed (else planned) end (program/shorten.py)."""
        session = self.session
        if session.amending:
            self.notify(t("run.timing_finished"), severity="warning")
            return
        limits = {key: int(clock.limit // 60) for key, clock in session.clocks.items()}
        found = session.shorten_to_fit()
        if found is None:
            return
        end = t("run.end_agreed" if found.agreed else "run.end_planned", time=clock_of(found.target))
        if found.cuts:
            changes = ", ".join(
                f"{t(f'stage_short.{key}')} {limits[key]}→{int(session.clocks[key].limit // 60)}" for key in found.cuts
            )
            self.notify(t("run.shortened", end=end, changes=changes), timeout=10)
        elif not found.behind:
            self.notify(t("run.shorten_fits", end=end))
        elif found.budget <= 0:
            self.notify(t("run.shorten_past", end=end), severity="warning", timeout=10)
        else:
            self.notify(
                t("run.shorten_cannot", end=end, least=found.least, left=found.budget), severity="warning", timeout=10
            )
        self.refresh_clock()

    def action_agreed_end(self) -> None:
        """Record, change or clear the end agreed with the members (see program/agreed_end.py)."""
        session = self.session
        if session.amending:
            self.notify(t("run.agreed_end_finished"), severity="warning")
            return
        shown = session.meeting.agreed_end or session.suggested_end()
        self.app.push_screen(AgreedEndDialog(shown, session.clock), self._agreed_end)

    def _agreed_end(self, answer: tuple[dt.datetime | None] | None) -> None:
        if answer is None:
            return
        (end,) = answer
        if end == self.session.meeting.agreed_end:
            return
        self.session.set_agreed_end(end)
        self.save_now()
        self.notify(t("run.agreed_end_set", time=clock_of(end)) if end else t("run.agreed_end_cleared"))
        self.refresh_all()  # an end agreed in the opening ticks its checklist item

    def action_pass_laptop(self) -> None:
        """``l``: the members rate themselves on the laptop, one at a time, behind a PIN the counselor sets."""
        from homeroom_tui.screens.pass_laptop import PassLaptopScreen, PinDialog

        if not self.session.participants():
            self.notify(t("run.self_nobody"), severity="warning")
            return

        def chosen(pin: str | None) -> None:
            if pin:
                members = self.session.participants()
                self.app.push_screen(PassLaptopScreen(self.session, members, pin, self.save_now), self._laptop_back)

        self.app.push_screen(PinDialog(), chosen)

    def _laptop_back(self, wrong_tries: int | None) -> None:
        self.save_now()
        self.call_after_refresh(self._after_laptop, wrong_tries)  # once this screen is shown again

    def _after_laptop(self, wrong_tries: int | None) -> None:
        self.show_panel("selfrating")
        self.refresh_all()
        if wrong_tries:
            self.notify(t_count("run.self_wrong_tries", wrong_tries), severity="warning", timeout=10)

    def action_panel(self, name: str) -> None:
        self.show_panel(name)

    def _describe_icebreaker(self, icebreaker_id: str) -> Content | None:
        item = self.library().get(icebreaker_id)
        if item is None:
            return None

        return Content.from_markup(describe(item))

    def on_key(self, event: events.Key) -> None:
        """A printable key that is no command here (outside a text field) shows a hint, nothing more."""
        if not event.is_printable or isinstance(self.focused, (TextArea, Input)):
            return
        bound = self.app.active_bindings.get(event.key)
        if bound is None or not bound.enabled:
            self.notify(t("run.key_hint", key=event.character or event.key), timeout=3, markup=False)

    def action_leave_field(self) -> None:
        """Esc: leave the field being typed in (the panel's list takes the focus back)."""
        focused = self.focused
        if isinstance(focused, TypingInput):
            raise SkipAction  # an answer or note field closes itself, in order with the keys typed before

        panel = next((node for node in (focused.ancestors if focused else []) if isinstance(node, Panel)), None)
        if panel is not None and panel.leave_typing():
            return
        if isinstance(focused, (TextArea, Input)):
            # out of the text: the panel tabs take the focus, so single keys work again (← → switch panels)
            self.set_focus(self.query_one("#panels", TabbedContent).query_one(Tabs))

    def action_icebreaker(self) -> None:

        session = self.session
        library = self.library()
        request = request_for(
            session.group,
            session.meeting,
            session.earlier,
            stage="transition",
            minutes=max(1.0, session.clocks["transition"].remaining / 60),
            size=len(session.participants()),  # present, late or not yet marked (program/attendance.py)
        )

        def save(_: object) -> None:
            session.dirty = True
            if not session.save():
                raise session.last_error or OSError("save failed")

        def back(_: object) -> None:
            self.show_panel("icebreaker")
            self.refresh_all()

        self.app.push_screen(IcebreakerPicker(library, session.meeting, request, save=save), back)

    def action_cancel_meeting(self) -> None:
        """Ctrl+D: cancel a meeting opened by mistake, after a confirmation (see program/program_end.py)."""

        number = self.session.meeting.number
        if self.held_by is not None:
            self.notify(t("run.cancel_refused_read_only"), severity="warning")
            return
        if self.session.amending:
            self.notify(t("run.cancel_refused_completed"), severity="warning")
            return
        what = entered(self.session.meeting)
        if what:
            listed = ", ".join(t(f"entered.{kind}") for kind in what)
            self.notify(t("run.cancel_refused", number=number, what=listed), severity="warning", timeout=8)
            return
        self.app.push_screen(ConfirmDialog(t("run.cancel_confirm", number=number), id="cancel-meeting"), self._cancel)

    def _cancel(self, yes: bool | None) -> None:
        if not yes:
            return
        number = self.session.meeting.number
        refused = self.session.cancel()
        if not refused:
            self.notify(t("run.cancelled", number=number))
            self.dismiss(None)
        elif refused == ["error"]:
            reason = error_reason(self.session.last_error) if self.session.last_error else ""
            self.notify(
                visible_values("run.cancel_failed", number=number, reason=reason),
                severity="error",
                timeout=10,
                markup=False,
            )
        else:  # something was entered meanwhile
            self.action_cancel_meeting()

    def action_toggle_bell(self) -> None:
        self.bell_enabled = not self.bell_enabled
        self.notify(t("run.bell_on") if self.bell_enabled else t("run.bell_off"))

    def action_close(self) -> None:
        self.flush()
        if self.held_by is None and self.session.last_error is not None:
            self.app.push_screen(UnsavedDialog([self.session], quitting=False), self._leave_unsaved)
            return
        self.dismiss(None)

    def _leave_unsaved(self, choice: str | None) -> None:
        if choice in ("saved", "copied", "anyway"):
            self.dismiss(None)
