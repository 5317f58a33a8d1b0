"""Triangulation: per member and meeting, the counselor's ratings beside the member's own and beside
what the member did (attendance, name recall, turns taken). Imports no Textual.

Where the counselor's and the member's rating of the same indicator differ by
:data:`DISAGREE_AT` or more, that is marked: the evidence a conclusion must face. Who counts as
present is ``program/attendance.py``; recall is ``program/recall.py``; a turn is the member in a
stage's ``round_done``, out of the stages whose round was held (anyone had a turn).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from homeroom_tui.model import INDICATORS, AttendanceStatus, Group, Meeting, Member, StageKey
from homeroom_tui.model.common import STAGE_KEYS
from homeroom_tui.program.attendance import attendance_status
from homeroom_tui.program.recall import RecallScore, recall_score

DISAGREE_AT: Final = 2
"""How far apart (points on the 1-5 scale) the counselor's and the member's rating are marked."""


@dataclass(frozen=True)
class Evidence:
    """One member in one meeting: what they did, how the counselor rated them, how they rated themself."""

    number: int
    attendance: AttendanceStatus
    recall: RecallScore | None
    turns: int
    """Stages whose round the member had a turn in."""
    rounds: int
    """Stages whose round was held (anyone had a turn)."""
    counselor: dict[str, int | None]
    own: dict[str, int | None]

    def gap(self, indicator: str) -> int | None:
        """The member's own rating minus the counselor's (None unless both are there)."""
        mine, theirs = self.own[indicator], self.counselor[indicator]
        return None if mine is None or theirs is None else mine - theirs

    def disagrees(self, indicator: str) -> bool:
        """True when the two ratings are :data:`DISAGREE_AT` or more apart."""
        gap = self.gap(indicator)
        return gap is not None and abs(gap) >= DISAGREE_AT


@dataclass(frozen=True)
class Disagreement:
    """A place where the counselor and the member disagree: meeting, indicator, both ratings."""

    number: int
    indicator: str
    counselor: int
    own: int

    @property
    def gap(self) -> int:
        """The member's own rating minus the counselor's."""
        return self.own - self.counselor


@dataclass(frozen=True)
class Triangulation:
    """One member over the program, meeting by meeting."""

    member: Member
    meetings: tuple[Evidence, ...]

    @property
    def has_own(self) -> bool:
        """Whether the member rated themself in any meeting."""
        return any(v is not None for e in self.meetings for v in e.own.values())

    @property
    def compared(self) -> int:
        """How many ratings can be compared: an indicator in a meeting rated by both the counselor and the member."""
        return sum(e.gap(i) is not None for e in self.meetings for i in INDICATORS)

    def disagreements(self) -> list[Disagreement]:
        """Every place the ratings are :data:`DISAGREE_AT` or more apart, meeting by meeting, in indicator order."""
        found = []
        for evidence in self.meetings:
            for indicator in INDICATORS:
                if evidence.disagrees(indicator):
                    counselor, own = evidence.counselor[indicator], evidence.own[indicator]
                    assert counselor is not None and own is not None
                    found.append(Disagreement(evidence.number, indicator, counselor, own))
        return found


def _rounds(meeting: Meeting) -> list[StageKey]:
    return [key for key in STAGE_KEYS if meeting.stages[key].round_done]


def evidence(group: Group, meeting: Meeting, member_id: str) -> Evidence:
    """What one meeting says about one member."""
    observation = meeting.observations.get(member_id)
    own = meeting.self_ratings.get(member_id)
    rounds = _rounds(meeting)
    return Evidence(
        number=meeting.number,
        attendance=attendance_status(meeting, member_id),
        recall=recall_score(group, meeting, member_id),
        turns=sum(member_id in meeting.stages[key].round_done for key in rounds),
        rounds=len(rounds),
        counselor={i: getattr(observation, i) if observation else None for i in INDICATORS},
        own={i: getattr(own, i) if own else None for i in INDICATORS},
    )


def triangulate(group: Group, meetings: Sequence[Meeting], member_id: str) -> Triangulation:
    """The member over the meetings given (held or in progress), in meeting order."""
    member = group.member(member_id)
    if member is None:
        raise KeyError(member_id)
    ordered = sorted((m for m in meetings if m.status != "planned"), key=lambda m: m.number)
    return Triangulation(member, tuple(evidence(group, m, member_id) for m in ordered))
