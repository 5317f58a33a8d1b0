"""Name recall: how many present peers a member named, for one member and for the group, and its
change from meeting to meeting. Who counts as a peer is the attendance rule
(``program.attendance.recall_peers``). Imports no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.attendance import recall_peers


@dataclass(frozen=True)
class RecallScore:
    """How many present peers a member named."""

    named: int
    possible: int

    @property
    def fraction(self) -> float | None:
        """named / possible, or None when nobody else was present."""
        return self.named / self.possible if self.possible else None


def recall_score(group: Group, meeting: Meeting, member_id: str) -> RecallScore | None:
    """Peers named / peers there to be named (``program.attendance.recall_peers``), for a member who did recall."""
    if member_id not in meeting.name_recall:
        return None
    peers = {m.id for m in recall_peers(group, meeting, member_id)}
    named = set(meeting.name_recall[member_id]) & peers
    return RecallScore(len(named), len(peers))


def group_recall(group: Group, meeting: Meeting) -> RecallScore | None:
    """All names recalled over all names possible, for the members who did recall."""
    scores = [recall_score(group, meeting, m) for m in meeting.name_recall]
    done = [s for s in scores if s is not None]
    if not done:
        return None
    return RecallScore(sum(s.named for s in done), sum(s.possible for s in done))


def recall_change(before: RecallScore | None, now: RecallScore | None) -> float | None:
    """The change of the share of names recalled, in percentage points (5/8 after 3/7: +19.6).

    Comparing counts ("+2") would mislead when the peers present differ from meeting to meeting.
    """
    if before is None or now is None or before.fraction is None or now.fraction is None:
        return None
    return (now.fraction - before.fraction) * 100
