"""A built-in file overlaid by the counselor's own: the agenda and the ice-breaker library. Imports no Textual.

The built-in file ships with homeroom; the counselor's file (in the data folder, or named on the
command line) replaces or adds entries by key. A damaged counselor's file never stops anything:
the built-in entries are used as they are and its problems are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Self, TypeVar

from homeroom_tui.store.errors import DamagedFile, Problem

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class Overlaid(Generic[K, V]):
    """The entries in use and what went wrong loading the counselor's file.

    The agenda and the ice-breaker library are ones (:meth:`load` makes them): they add only what
    their entries are and how to look one up.
    """

    items: dict[K, V]
    problems: list[Problem] = field(default_factory=list)
    user_file: Path | None = None
    """The counselor's file that was read (None when there is none)."""
    fell_back: bool = False
    """True when the counselor's file is damaged and the built-in entries are used alone."""

    @classmethod
    def load(
        cls, builtin: Path, parse: Callable[[Path], dict[K, V]], user_file: Path | None, *, named: bool = False
    ) -> Self:
        """The entries of ``builtin``, with those of ``user_file`` (by key) in place of them or added.

        ``parse`` reads one file and raises :class:`DamagedFile`. A ``user_file`` that does not exist is
        left out, unless the counselor ``named`` it (``--icebreakers PATH``): then it is a problem too.
        """
        try:
            items = parse(builtin)
        except DamagedFile as exc:  # only a broken installation gets here
            return cls(items={}, problems=exc.problems)
        found = cls(items=dict(items))
        if user_file is None or (not named and not user_file.exists() and not user_file.is_symlink()):
            return found
        found.user_file = user_file
        try:
            found.items.update(parse(user_file))
        except DamagedFile as exc:
            found.problems = exc.problems
            found.fell_back = True
        return found
