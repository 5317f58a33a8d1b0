"""Fixed words of the method: stages, ice-breaker purposes and energy levels.

One place for the model, the program and the command line. It imports nothing heavy, so that the
command line can offer them as choices without loading pydantic.
"""

from __future__ import annotations

from typing import Final, Literal

StageKey = Literal["opening", "transition", "activity", "closing"]
STAGE_KEYS: Final[tuple[StageKey, ...]] = ("opening", "transition", "activity", "closing")

Purpose = Literal["introductions", "name_recall", "bonding", "energizer", "trust", "reflection", "closing"]
PURPOSES: Final[tuple[Purpose, ...]] = (
    "introductions",
    "name_recall",
    "bonding",
    "energizer",
    "trust",
    "reflection",
    "closing",
)

Energy = Literal["low", "medium", "high"]
ENERGIES: Final[tuple[Energy, ...]] = ("low", "medium", "high")
