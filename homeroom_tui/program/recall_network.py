"""The name-recall network: who named whom at each meeting, and across the program. Imports no Textual.

An edge ``namer -> named`` at a meeting is a peer the namer named correctly there, counted by the
recall rule (:mod:`homeroom_tui.program.recall`): only peers there to be named
(``program.attendance.recall_peers``). From the edges come, per meeting and over the program, the
members nobody named (of those who were there to be named) and the names learned across
faculties: the namer and the named of different faculties (both recorded). The review shows the
network to the counselor with every member; the research exports pass ``members`` (those with
research consent, ``program/consent.py``) and every edge to or from anyone else is left out.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from homeroom_tui.model import Group, Meeting, Member
from homeroom_tui.program.aliases import fold
from homeroom_tui.program.attendance import recall_peers


@dataclass(frozen=True)
class Edge:
    """``namer`` named ``named`` correctly at meeting ``meeting``."""

    meeting: int
    namer: str
    named: str
    cross_faculty: bool
    """The two are of different faculties (False when either faculty is not recorded)."""


def same_faculty(a: Member, b: Member) -> bool | None:
    """Whether two members share a faculty (compared as written, case and spacing aside); None if unknown."""
    if not (a.faculty or "").strip() or not (b.faculty or "").strip():
        return None
    return " ".join(fold(a.faculty or "").split()) == " ".join(fold(b.faculty or "").split())


@dataclass
class Network:
    """The recall network of a group over its meetings, among ``members``."""

    members: list[Member]
    """Rows and columns, in the group's order."""
    meetings: list[int]
    """The numbers of the meetings with name recall, in order."""
    edges: list[Edge]
    """Every edge, by meeting, then namer and named in the group's order."""
    nameable: dict[int, list[str]]
    """Per meeting: the members there to be named by someone who recalled (among ``members``)."""
    recallers: dict[int, list[str]] = field(default_factory=dict)
    """Per meeting: the members who recalled names there (among ``members``)."""

    def at(self, meeting: int | None = None) -> list[Edge]:
        """The edges of one meeting, or of every meeting (None)."""
        return [e for e in self.edges if meeting is None or e.meeting == meeting]

    def counts(self, meeting: int | None = None) -> Counter[tuple[str, str]]:
        """How many times ``(namer, named)`` appears: 0 or 1 at one meeting, up to the meetings over the program."""
        return Counter((e.namer, e.named) for e in self.at(meeting))

    def unnamed(self, meeting: int | None = None) -> list[str]:
        """Members there to be named whom nobody named: at one meeting, or at any meeting (None)."""
        named = {e.named for e in self.at(meeting)}
        there = set(self.nameable.get(meeting, [])) if meeting is not None else set().union(*self.nameable.values())
        return [m.id for m in self.members if m.id in there and m.id not in named]

    def cross_faculty(self, meeting: int | None = None) -> list[Edge]:
        """The edges between members of different faculties."""
        return [e for e in self.at(meeting) if e.cross_faculty]

    def first_times(self) -> list[Edge]:
        """Each pair at the first meeting it appears: when the namer first named that peer."""
        seen: set[tuple[str, str]] = set()
        found = []
        for edge in self.edges:
            if (edge.namer, edge.named) not in seen:
                seen.add((edge.namer, edge.named))
                found.append(edge)
        return found

    def in_degree(self, meeting: int | None = None) -> Counter[str]:
        """How many times each member was named."""
        return Counter(e.named for e in self.at(meeting))


def recall_network(group: Group, meetings: Sequence[Meeting], members: Iterable[Member] | None = None) -> Network:
    """The network of ``group`` over ``meetings`` among ``members`` (every member of the group when None)."""
    kept = list(members) if members is not None else list(group.members)
    ids = {m.id for m in kept}
    order = {m.id: i for i, m in enumerate(group.members)}
    edges: list[Edge] = []
    nameable: dict[int, list[str]] = {}
    recallers: dict[int, list[str]] = {}
    numbers = []
    for meeting in sorted(meetings, key=lambda m: m.number):
        if not meeting.name_recall:
            continue
        numbers.append(meeting.number)
        there: set[str] = set()
        for namer_id in sorted(meeting.name_recall, key=lambda i: order.get(i, len(order))):
            namer = group.member(namer_id)
            if namer is None or namer_id not in ids:
                continue
            recallers.setdefault(meeting.number, []).append(namer_id)
            peers = [p for p in recall_peers(group, meeting, namer_id) if p.id in ids]
            there.update(p.id for p in peers)
            named = set(meeting.name_recall[namer_id])
            for peer in peers:  # in the group's order
                if peer.id in named:
                    cross = same_faculty(namer, peer) is False
                    edges.append(Edge(meeting.number, namer_id, peer.id, cross))
        nameable[meeting.number] = [m.id for m in kept if m.id in there]
    return Network(kept, numbers, edges, nameable, recallers)


EDGE_COLUMNS: Final = ("group_id", "meeting", "namer", "named", "cross_faculty", "first_time")
"""The CSV edge list's header: stable English column names for R, Gephi or a spreadsheet."""


def edge_list_csv(network: Network, group_id: str, who: Callable[[str], str]) -> str:
    """The network as a CSV edge list, one row per edge; ``who`` writes a member (alias or name)."""
    from homeroom_tui.program.report import csv_safe

    firsts = set(network.first_times())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for edge in network.edges:
        row: list[object] = [
            group_id,
            edge.meeting,
            who(edge.namer),
            who(edge.named),
            str(edge.cross_faculty).lower(),
            str(edge in firsts).lower(),
        ]
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()


# --- the review's text matrix ----------------------------------------------------------------------

NAME_WIDTH: Final = 16
"""Columns for a member's name in the matrix's rows (a longer one is cut with an ellipsis)."""


def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (``…`` where cut) and padded with spaces to it."""
    used, out = 0, []
    total = sum(_width(c) for c in text)
    room = width if total <= width else width - 1
    for char in text:
        w = _width(char)
        if used + w > room:
            break
        out.append(char)
        used += w
    if total > width:
        out.append("…")
        used += 1
    return "".join(out) + " " * (width - used)


@dataclass(frozen=True)
class MatrixCell:
    """One cell: what it shows, and whether it is a name learned across faculties."""

    text: str
    cross: bool = False


def matrix_rows(network: Network, meeting: int | None = None) -> list[tuple[Member, list[MatrixCell], int | None]]:
    """Per member (a row): a cell per member (a column) and how many names they gave (None: did not recall).

    At one meeting a cell is ``✔`` where the row named the column, ``·`` where the column was there
    to be named but was not, ``-`` on the diagonal and blank where the column was not there or the row
    did not recall. Over the
    program (``meeting`` None) a named cell holds the number of meetings it was named at.
    """
    counts = network.counts(meeting)
    cross = {(e.namer, e.named) for e in network.cross_faculty(meeting)}
    there = set(network.nameable.get(meeting, [])) if meeting is not None else set().union(*network.nameable.values())
    recalled = (
        set(network.recallers.get(meeting, [])) if meeting is not None else set().union(*network.recallers.values())
    )
    rows = []
    for row in network.members:
        cells = []
        for column in network.members:
            n = counts[(row.id, column.id)]
            if row.id == column.id:
                cells.append(MatrixCell("-"))
            elif n:
                cells.append(MatrixCell("✔" if meeting is not None else str(n), (row.id, column.id) in cross))
            else:
                cells.append(MatrixCell("·" if column.id in there and row.id in recalled else ""))
        gave = sum(counts[(row.id, c.id)] for c in network.members) if row.id in recalled else None
        rows.append((row, cells, gave))
    return rows
