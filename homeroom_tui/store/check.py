"""``homeroom check PATH`` for one file: what is this path, and is it what it should be? Imports no Textual."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pydantic import BaseModel

from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store.atomic import TEMP_SUFFIX
from homeroom_tui.store.consistency import stray_problem
from homeroom_tui.store.errors import DamagedFile, Problem
from homeroom_tui.store.paths import (
    ATTACHMENTS_DIR,
    GROUP_FILE,
    GROUPS_DIR,
    MEETING_FILE_RE,
    data_dir_of_group,
    group_folder_of,
    is_canonical,
)
from homeroom_tui.store.reading import load_model, parse_toml, read_text
from homeroom_tui.store.repository import Store


def kind_by_name(name: str) -> type[BaseModel] | None:
    """The model a file's name says it holds: ``group.toml`` a group, ``meeting-NN.toml`` a meeting."""
    if name == GROUP_FILE:
        return Group
    if MEETING_FILE_RE.match(name):
        return Meeting
    return None


def kind_by_content(path: Path) -> type[BaseModel] | None:
    """The model a file's content says it holds (a meeting has stages, a group members); raises :class:`DamagedFile`."""
    data = parse_toml(path, read_text(path))
    return Meeting if "stages" in data else Group if "members" in data else None


def check_file(path: Path) -> list[Problem]:
    """Validate one file, guessing its kind from its name (or its content).

    A group or meeting file inside a group folder is also checked against its folder and group,
    as a full ``homeroom check`` would.
    """
    path = Path(os.path.abspath(path))
    if path.name.endswith(TEMP_SUFFIX):
        return [Problem(path, "", t("err.unexpected_file"))]
    if len(path.parents) > 3 and path.parents[1].name == ATTACHMENTS_DIR and path.parents[2].parent.name == GROUPS_DIR:
        return []  # an attached file: homeroom keeps it, never reads it
    folder = group_folder_of(path)
    if folder is not None and not is_canonical(path.name) and not path.name.startswith("."):
        return [stray_problem(path)]  # a stray copy: never read as a meeting, so not checked as one
    kind = kind_by_name(path.name)
    try:
        if kind is None:
            kind = kind_by_content(path)
            if kind is None:
                return [Problem(path, "", t("err.unknown_kind"))]
        if folder is None:
            load_model(path, kind)
            return []
        store = Store(data_dir_of_group(folder))
        if kind is Group and path.name == GROUP_FILE:
            store.load_group(folder.name)
            return []
        group = None
        if kind is Meeting:
            with contextlib.suppress(DamagedFile):  # the group file's own problems belong to the group file
                group = store.load_group(folder.name)
        if group is not None:
            meeting = store.load_meeting_file(group, path)  # read and valid, and where it belongs
            from homeroom_tui.store.attachments import missing_problems

            return missing_problems(store, folder.name, meeting)
        else:
            load_model(path, kind)
    except DamagedFile as exc:
        return exc.problems
    return []
