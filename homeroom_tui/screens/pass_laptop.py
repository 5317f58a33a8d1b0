"""Pass the laptop: the members rate themselves, one at a time, behind the counselor's PIN.

The counselor sets a PIN (typed twice, never saved, never shown), then the laptop goes round: the
screen names one member, who takes it and rates themself on the five indicators in plain words,
then passes it on. It shows only that member's name and their own ratings: no other member, none
of the counselor's ratings or notes. The footer, the help, the palette, Ctrl+Z, Ctrl+Q and Ctrl+C
are off (``HomeroomApp.check_action`` reads :attr:`PassLaptopScreen.LOCKED`); only the PIN leads
back. Each rating is saved as it is given; the runner's clocks go on underneath.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from homeroom_tui.i18n import t
from homeroom_tui.model import INDICATORS, Member
from homeroom_tui.program.self_rating import OWN_WORDS, PIN_MAX, PassTheLaptop, pin_problem
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.screens.dialogs import DIALOG_CSS, Dialog
from homeroom_tui.widgets.keys import Action, bindings
from homeroom_tui.widgets.limited import LimitedInput
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.panels import KeyList, dots, panel_action
from homeroom_tui.widgets.plain import plain

PIN_PROBLEMS = {"short": "run.pin_short", "digits": "run.pin_digits", "mismatch": "run.pin_mismatch"}


class PinInput(LimitedInput):
    """A PIN field (shown as dots, digits only): Enter acts at once, in order with the keys typed after
    it ("1234 Enter 1234 Enter" typed in one burst fills both fields)."""

    def __init__(self, on_enter: Callable[[], object], *, id: str) -> None:
        super().__init__(id=id, password=True, restrict=r"[0-9]*", limit=PIN_MAX)
        self.on_enter = on_enter

    async def action_submit(self) -> None:
        self.on_enter()


class PinDialog(Dialog[str | None]):
    """The PIN that ends the pass-the-laptop mode: 4 or more digits, typed twice; Esc changes nothing."""

    DEFAULT_CSS = DIALOG_CSS + "PinDialog { align: center middle; }"
    ACTIONS = (Action("escape", "answer(None)", "key.cancel", "cmd.cancel", essential=True),)
    BINDINGS = bindings(ACTIONS)

    def __init__(self) -> None:
        super().__init__(id="pin-dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("run.pin_title"), classes="dialog-title")
            yield Static(t("run.pin_first"), markup=False)
            yield PinInput(lambda: self.set_focus(self.query_one("#pin-2", Input)), id="pin-1")
            yield Static(t("run.pin_again"), markup=False)
            yield PinInput(self._second, id="pin-2")
            yield Static("", classes="dialog-error", id="pin-error", markup=False)
            yield Static(t("run.pin_hint"), classes="muted", markup=False)

    def on_mount(self) -> None:
        self.query_one("#pin-1", Input).focus()

    def _second(self) -> None:
        first = self.query_one("#pin-1", Input)
        second = self.query_one("#pin-2", Input)
        problem = pin_problem(first.value, second.value)
        if problem is None:
            self.dismiss(first.value)
            return
        self.show_error(t(PIN_PROBLEMS[problem]))
        second.value = ""
        if problem != "mismatch":
            first.value = ""
            self.set_focus(first)


class RateList(KeyList):
    """The five sentences about oneself: 1-5 rate the highlighted one and go down, 0 or Del clears,
    Enter: done, pass the laptop on."""

    ACTIONS = (
        *(panel_action(str(n), f"rate({n})", "key.rate", "cmd.rate_self", footer=False) for n in range(1, 6)),
        panel_action("0,delete", "rate(0)", "key.clear", "cmd.clear_rating", footer=False),
        panel_action("enter", "done", "key.pass_on", "cmd.pass_on"),
    )
    BINDINGS = bindings(ACTIONS)

    def action_rate(self, value: int) -> None:
        screen = self.screen
        if isinstance(screen, PassLaptopScreen) and self.current_id:
            screen.rate(self.current_id, value)

    def action_done(self) -> None:
        screen = self.screen
        if isinstance(screen, PassLaptopScreen):
            screen.action_next()


class PassLaptopScreen(Screen[int]):
    """One member at a time rates themself; the counselor's PIN ends it (answers the wrong tries)."""

    LOCKED = True
    """While this screen is on, the app's keys (palette, help, suspend, quit) do nothing."""
    KEYS_IN_ORDER = True
    """"Enter 5 4 3" typed in one burst: the turn starts, then the ratings (``HomeroomApp._catch_up``)."""

    ACTIONS = (
        Action("enter", "next", "key.pass_on", "cmd.pass_on", palette=False),
        Action("escape", "unlock", "key.unlock", "cmd.unlock", palette=False),
    )
    BINDINGS = bindings(ACTIONS)

    DEFAULT_CSS = """
    PassLaptopScreen { align: center middle; }
    PassLaptopScreen #laptop { width: 90; max-width: 100%; height: auto; padding: 1 2; border: thick $accent; }
    PassLaptopScreen #laptop-title { text-style: bold; }
    PassLaptopScreen #laptop-items { height: auto; max-height: 9; border: none; }
    PassLaptopScreen #laptop-pin-error { color: $error; }
    PassLaptopScreen .muted { color: $text-muted; }
    """

    def __init__(
        self, session: MeetingSession, members: Sequence[Member], pin: str, save: Callable[[], object]
    ) -> None:
        super().__init__(id="pass-laptop")
        self.session = session
        self.state = PassTheLaptop(members, pin)
        self.save = save
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="laptop"):
            yield Label(t("run.laptop_title"), id="laptop-title")
            yield Static("", id="laptop-who")
            yield RateList(id="laptop-items")
            yield Static("", id="laptop-hint", classes="muted")
            yield Static(t("run.laptop_pin_prompt"), id="laptop-pin-label", markup=False)
            yield PinInput(self._pin, id="laptop-pin")
            yield Static("", id="laptop-pin-error", markup=False)

    def on_mount(self) -> None:
        self._show_pin(False)
        self.show()

    # what the member sees -------------------------------------------------------------------------
    def show(self) -> None:
        """The current phase: whom to pass the laptop to, their own five sentences, or the end."""
        state = self.state
        member = state.current
        who = self.query_one("#laptop-who", Static)
        items = self.query_one("#laptop-items", RateList)
        hint = self.query_one("#laptop-hint", Static)
        items.display = state.phase == "rating"
        if member is None:
            who.update(Text(t("run.laptop_done"), style="bold"))
            hint.update(t("run.laptop_hint_done"))
            items.set_rows([])
        elif state.phase == "handover":
            who.update(plain(t("run.laptop_pass_to", name=member.name), "bold", multiline=True))
            hint.update(t("run.laptop_hint_handover"))
            items.set_rows([])
        else:
            who.update(plain(t("run.laptop_question", name=member.name), "bold", multiline=True))
            hint.update(t("run.laptop_hint_rating"))
            items.set_rows(self._rows(member))
        if state.phase == "rating" and not self.query_one("#laptop-pin", Input).display:
            self.set_focus(items)
            if items.highlighted is None:
                items.highlighted = 0
        elif not self.query_one("#laptop-pin", Input).display:
            self.set_focus(None)

    def _rows(self, member: Member) -> list[tuple[str, Text | str]]:
        record = self.session.self_rating(member.id)
        rows: list[tuple[str, Text | str]] = []
        for indicator in INDICATORS:
            value = getattr(record, indicator)
            line = Text(f"{dots(value)}  {value or '-'}  ", style="bold" if value else "")
            line.append(t(OWN_WORDS[indicator]))
            rows.append((indicator, line))
        return rows

    def rate(self, indicator: str, value: int) -> None:
        """The member's own 1-5 (0 clears), saved at once; the cursor goes to the next sentence."""
        member = self.state.current
        if member is None or self.state.phase != "rating":
            return
        self.session.set_self_indicator(member.id, indicator, value or None)
        self.save()
        items = self.query_one("#laptop-items", RateList)
        items.set_rows(self._rows(member))
        if value and items.highlighted is not None and items.highlighted < items.option_count - 1:
            items.highlighted += 1

    def action_next(self) -> None:
        """Enter: the member named has the laptop (start), or is done (pass it on)."""
        if self.state.phase == "handover":
            self.state.start_turn()
        else:
            self.state.next()
        items = self.query_one("#laptop-items", RateList)
        items.highlighted = None
        self.show()
        if self.state.phase == "rating":
            items.highlighted = 0

    # the way back: the counselor's PIN --------------------------------------------------------------
    def _show_pin(self, shown: bool) -> None:
        for selector in ("#laptop-pin-label", "#laptop-pin", "#laptop-pin-error"):
            self.query_one(selector).display = shown
        box = self.query_one("#laptop-pin", Input)
        box.value = ""
        if shown:
            self.set_focus(box)

    def action_unlock(self) -> None:
        """Esc: the counselor types the PIN (Esc again: back to the members)."""
        shown = bool(self.query_one("#laptop-pin", Input).display)
        self._show_pin(not shown)
        if shown:
            self.query_one("#laptop-pin-error", Static).update("")
            self.show()

    def _pin(self) -> None:
        box = self.query_one("#laptop-pin", Input)
        if self.state.unlock(box.value):
            self.save()
            self.dismiss(self.state.wrong_tries)
            return
        box.value = ""
        self.query_one("#laptop-pin-error", Static).update(t("run.laptop_pin_wrong"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter belongs to the PIN field while it is open."""
        if action == "next":
            return not self.query_one("#laptop-pin", Input).display
        return True
