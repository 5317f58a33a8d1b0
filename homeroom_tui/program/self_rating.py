"""Members rate themselves: the PIN of the pass-the-laptop mode and whose turn it is. Imports no Textual.

At the end of a meeting each member taking part (present, late or not yet marked:
``program/attendance.py``) may rate themself on the five indicators, 1 to 5. The counselor types
them from paper (the runner's self-rating grid), or hands the laptop round: then the screen shows
one member at a time, their own name and their own ratings only, and goes back to the counselor
only with a PIN set when the mode starts. The PIN lives in memory only: it is never saved, logged
or shown. A wrong PIN is said calmly and may be tried again (no lock-out: the mode shows nothing
but each member's own ratings, and the counselor learns how many wrong tries there were).
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from homeroom_tui.model import Member

PIN_MIN: Final = 4
"""Digits a PIN has at least."""
PIN_MAX: Final = 12
"""Digits a PIN has at most (the field stops there)."""

OWN_WORDS: dict[str, str] = {
    "open_up": "run.self_open_up",
    "join_discussion": "run.self_join_discussion",
    "confidence": "run.self_confidence",
    "cross_faculty": "run.self_cross_faculty",
    "eye_contact": "run.self_eye_contact",
}
"""The five indicators as a member reads them about themself (catalog keys)."""

PinProblem = Literal["short", "digits", "mismatch"]


def pin_problem(first: str, second: str) -> PinProblem | None:
    """Why a PIN typed twice cannot be used (None: it can): too short, not only digits, not the same."""
    if not first.isascii() or not first.isdigit():
        return "digits" if first else "short"
    if len(first) < PIN_MIN:
        return "short"
    if not hmac.compare_digest(first.encode(), second.encode()):
        return "mismatch"
    return None


Phase = Literal["handover", "rating", "done"]
"""``handover``: the laptop goes to the member named; ``rating``: they rate; ``done``: back to the counselor."""


@dataclass
class PassTheLaptop:
    """Whose turn it is in the pass-the-laptop mode, and the PIN that ends it (in memory only)."""

    members: Sequence[Member]
    """The members who rate, in circle order (taking part when the mode started)."""
    pin: str = field(repr=False)
    index: int = 0
    phase: Phase = "handover"
    wrong_tries: int = 0
    """Wrong PINs typed while the mode was on (told to the counselor afterwards)."""

    def __post_init__(self) -> None:
        if not self.members:
            self.phase = "done"

    @property
    def current(self) -> Member | None:
        """The member whose turn it is (None once everyone has had theirs)."""
        return self.members[self.index] if self.phase != "done" else None

    def start_turn(self) -> None:
        """The member named has the laptop: they rate."""
        if self.phase == "handover":
            self.phase = "rating"

    def next(self) -> None:
        """The member is done: hand over to the next one, or to the counselor after the last."""
        if self.phase == "done":
            return
        if self.index + 1 < len(self.members):
            self.index += 1
            self.phase = "handover"
        else:
            self.phase = "done"

    def unlock(self, typed: str) -> bool:
        """True when ``typed`` is the PIN; a wrong one is counted."""
        if hmac.compare_digest(typed.encode(), self.pin.encode()):
            return True
        self.wrong_tries += 1
        return False
