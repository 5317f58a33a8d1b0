"""Questionnaire scales: totals with reverse scoring, what is missing, the counselor's item texts, and
defining a scale from the app. Imports no Textual.

A group defines its scales in the group file (``[[scales]]``); each member's item scores are kept on
the member (``[[members.scores]]``, one entry per scale and meeting). A total is only a total when
every item has a score: otherwise it is *incomplete* and says how many items are missing, never a
guess. Item texts are not shipped (many scales are licensed): the counselor may put them in
``scales/<id>.toml`` in the data folder; a damaged one is named and the scale works without texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pydantic import Field, ValidationError

from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Member, Scale, ScaleScores
from homeroom_tui.model.common import LINE_MAX, Line, SchemaVersion, Strict
from homeroom_tui.model.group import MISSING_SCORE, SCALE_ITEMS_MAX, SCALES_MAX
from homeroom_tui.model.slug import slugify
from homeroom_tui.store import DamagedFile, Problem, Store
from homeroom_tui.store.errors import validation_problems
from homeroom_tui.store.reading import read_versioned

SCALES_FOLDER: Final = "scales"
"""The folder of the data folder that holds the counselor's item texts, one file per scale."""

# --- scoring --------------------------------------------------------------------------------------


def scored(scale: Scale, item: int, score: int) -> int:
    """What item ``item`` (1-based) counts for: reverse-scored items count ``min + max - score``."""
    return scale.min + scale.max - score if item in scale.reverse else score


@dataclass(frozen=True)
class Total:
    """A member's total on one scale at one meeting: the sum, or how many items are missing."""

    scale: Scale
    meeting: int
    value: int | None
    """The sum of every item (reverse-scored where the scale says), or None when an item is missing."""
    missing: int
    """Items without a score."""

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def text(self) -> str:
        """``42`` or ``incomplete: 2 of 20 items missing``."""
        if self.value is not None:
            return str(self.value)
        return t("member.scale.incomplete", missing=self.missing, items=self.scale.items)


def total(scale: Scale, values: Sequence[int | None], meeting: int = 0) -> Total:
    """The total of ``values`` (one per item, None where missing) on ``scale``: never guessed."""
    missing = sum(1 for v in values if v is None) + max(0, scale.items - len(values))
    if missing:
        return Total(scale, meeting, None, missing)
    return Total(scale, meeting, sum(scored(scale, n, v) for n, v in enumerate(values, 1) if v is not None), 0)


def check_score(scale: Scale, item: int, score: int) -> str | None:
    """None when ``score`` fits the scale's range, else the message that says why it is refused."""
    if scale.min <= score <= scale.max:
        return None
    return t("member.scale.out_of_range", score=score, item=item, low=scale.min, high=scale.max)


def scores_text(values: Sequence[int | None]) -> str:
    """How the file keeps the scores: one character per item, ``-`` where missing, a space after every fifth."""
    chars = [MISSING_SCORE if v is None else str(v) for v in values]
    return " ".join("".join(chars[i : i + 5]) for i in range(0, len(chars), 5))


def administrations(group: Group, member: Member | None = None) -> list[tuple[Scale, int]]:
    """Each (scale, meeting) at which the member fills in a scale: the scale's meetings, and any other
    meeting the member already has scores for, in meeting order per scale."""
    found: list[tuple[Scale, int]] = []
    for scale in group.scales:
        numbers = set(scale.meetings)
        if member is not None:
            numbers |= {s.meeting for s in member.scores if s.scale == scale.id}
        found += [(scale, n) for n in sorted(numbers)]
    return found


def member_values(member: Member, scale: Scale, meeting: int) -> list[int | None]:
    """The member's item scores on ``scale`` at ``meeting`` (all None when none were entered)."""
    entry = next((s for s in member.scores if s.scale == scale.id and s.meeting == meeting), None)
    values = entry.values if entry is not None else []
    return (values + [None] * scale.items)[: scale.items]


def with_scores(member: Member, scale: Scale, meeting: int, values: Sequence[int | None]) -> Member:
    """``member`` with these item scores on ``scale`` at ``meeting`` (an administration left empty is dropped)."""
    kept = [s for s in member.scores if not (s.scale == scale.id and s.meeting == meeting)]
    if any(v is not None for v in values):
        kept.append(ScaleScores(scale=scale.id, meeting=meeting, items=scores_text(values)))
        kept.sort(key=lambda s: (s.scale, s.meeting))
    return Member.model_validate({**member.model_dump(exclude={"scores"}), "scores": kept})


@dataclass(frozen=True)
class ScaleChange:
    """One member's totals on one scale from the first administration to the last with any score."""

    scale: Scale
    totals: list[Total]

    def text(self) -> str:
        """``Scale X: 42 → 55`` (each total, or *incomplete*)."""
        return f"{self.scale.name}: " + " → ".join(
            t("member.scale.at", total=x.text(), number=x.meeting) for x in self.totals
        )


def member_changes(group: Group, member: Member) -> list[ScaleChange]:
    """The member's totals per scale, meeting by meeting (only administrations with a score)."""
    changes = []
    for scale in group.scales:
        totals = [
            total(scale, member_values(member, scale, n), n)
            for s, n in administrations(group, member)
            if s.id == scale.id and any(v is not None for v in member_values(member, scale, n))
        ]
        if totals:
            changes.append(ScaleChange(scale, totals))
    return changes


def scale_totals(group: Group) -> list[tuple[str, Total]]:
    """Every member's every total (member id, total): the accessor research exports use."""
    return [
        (member.id, total(scale, member_values(member, scale, number), number))
        for member in group.members
        for scale, number in administrations(group, member)
        if any(v is not None for v in member_values(member, scale, number))
    ]


# --- the counselor's item texts --------------------------------------------------------------------


class ItemTexts(Strict):
    """``scales/<id>.toml``: the item texts of one scale, in item order."""

    schema_version: SchemaVersion = 1
    """Version of the file format."""
    items: list[Line] = Field(max_length=SCALE_ITEMS_MAX)
    """One text per item, item 1 first."""


@dataclass
class ScaleTexts:
    """The item texts found for a group's scales, and the files that could not be read."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def item(self, scale_id: str, number: int) -> str:
        """The text of item ``number`` (1-based), or empty."""
        items = self.texts.get(scale_id, [])
        return items[number - 1] if 0 < number <= len(items) else ""


def texts_path(data_dir: Path, scale_id: str) -> Path:
    """Where the counselor keeps the item texts of a scale."""
    return data_dir / SCALES_FOLDER / f"{scale_id}.toml"


def parse_texts(path: Path) -> list[str]:
    """The item texts in ``path`` (a ``scales/<id>.toml``); raises :class:`DamagedFile` naming path, field, reason."""
    text, data = read_versioned(path)
    try:
        return [str(item) for item in ItemTexts.model_validate(data).items]
    except ValidationError as exc:
        raise DamagedFile(validation_problems(path, text, exc)) from None


def load_texts(data_dir: Path, scales: Sequence[Scale]) -> ScaleTexts:
    """The item texts of ``scales`` that the counselor keeps; a missing file is no problem, a damaged one
    is named (path, field, reason) and the scale is used without texts."""
    found = ScaleTexts()
    for scale in scales:
        path = texts_path(data_dir, scale.id)
        if not path.exists() and not path.is_symlink():
            continue
        try:
            found.texts[scale.id] = parse_texts(path)
        except DamagedFile as exc:
            found.problems += exc.problems
    return found


def texts_files(data_dir: Path) -> list[Path]:
    """Every item-text file in the data folder's ``scales/``, for ``homeroom check``."""
    folder = data_dir / SCALES_FOLDER
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


# --- defining a scale in the app ---------------------------------------------------------------------


SCALE_FIELDS: Final = ("name", "items", "scores", "reverse", "meetings")
"""The scale form's fields, in order (catalog keys ``member.scale.field.*``)."""


@dataclass(frozen=True)
class ScaleForm:
    """A scale as typed: every field as text (``1-4``, ``3 5 8``, ``1, 4``)."""

    name: str
    items: str
    scores: str
    reverse: str
    meetings: str


def _numbers(text: str) -> list[int]:
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    return [int(p) for p in parts]  # ValueError when one is not a number


def typed_scale(group: Group, form: ScaleForm, before: Scale | None = None) -> Scale | str:
    """The scale typed in the form, or the message that names the field to fix.

    A new scale gets an id made from its name; a scale that already has scores keeps its number of
    items and range (changing them would make the scores mean something else).
    """
    name = form.name.strip()
    if not name:
        return t("member.scale.err.name")
    if len(name) > LINE_MAX:
        return t("member.err.invalid")
    try:
        items = int(form.items.strip())
    except ValueError:
        return t("member.scale.err.items", most=SCALE_ITEMS_MAX)
    if not 1 <= items <= SCALE_ITEMS_MAX:
        return t("member.scale.err.items", most=SCALE_ITEMS_MAX)
    match = re.fullmatch(r"\s*(\d)\s*[-–]\s*(\d)\s*", form.scores)
    if match is None or int(match[1]) >= int(match[2]):
        return t("member.scale.err.range")
    low, high = int(match[1]), int(match[2])
    try:
        reverse = sorted(set(_numbers(form.reverse)))
    except ValueError:
        reverse = [0]
    if any(not 1 <= n <= items for n in reverse):
        return t("member.scale.err.reverse", items=items)
    try:
        meetings = sorted(set(_numbers(form.meetings)))
    except ValueError:
        meetings = [0]
    if not meetings or any(not 1 <= n <= 100 for n in meetings):
        return t("member.scale.err.meetings")
    if before is None:
        if len(group.scales) >= SCALES_MAX:
            return t("member.scale.err.too_many", most=SCALES_MAX)
        taken = {s.id for s in group.scales}
        base = slugify(name, "scale")
        scale_id, n = base, 1
        while scale_id in taken:
            n += 1
            scale_id = f"{base}-{n}"
    else:
        scale_id = before.id
        used = any(s.scale == before.id for m in group.members for s in m.scores)
        if used and (items, low, high) != (before.items, before.min, before.max):
            return t("member.scale.err.in_use")
    try:
        return Scale(id=scale_id, name=name, items=items, min=low, max=high, reverse=reverse, meetings=meetings)
    except ValueError:
        return t("member.err.invalid")


def scale_form(scale: Scale | None) -> ScaleForm:
    """The form's fields for an existing scale (or the defaults of a new one)."""
    if scale is None:
        return ScaleForm("", "", "1-4", "", "1, 4")
    return ScaleForm(
        scale.name,
        str(scale.items),
        f"{scale.min}-{scale.max}",
        " ".join(map(str, scale.reverse)),
        ", ".join(map(str, scale.meetings)),
    )


def save_scale(store: Store, group_id: str, before: Scale | None, after: Scale) -> Group:
    """Save ``after`` (new, or in place of ``before``) into the group file as it is on disk now.

    Raises :class:`DamagedFile` when the file is damaged or the scale was changed on disk meanwhile
    (nothing is written), and whatever :meth:`Store.save_group` raises.
    """
    group = store.load_group(group_id)
    path = store.group_path(group_id)
    scales = list(group.scales)
    if before is None:
        if group.scale(after.id) is not None:
            raise DamagedFile.one(path, f"scales[{after.id}]", t("member.scale.err.changed"))
        scales.append(after)
    else:
        index = next((i for i, s in enumerate(scales) if s.id == before.id), None)
        if index is None or scales[index] != before:
            raise DamagedFile.one(path, f"scales[{before.id}]", t("member.scale.err.changed"))
        scales[index] = after
    saved = Group.model_validate({**group.model_dump(exclude={"scales"}), "scales": scales})
    store.save_group(saved)
    return saved
