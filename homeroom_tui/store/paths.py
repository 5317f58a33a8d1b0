"""Where homeroom keeps its files. Imports no Textual."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final

GROUPS_DIR: Final = "groups"
GROUP_FILE: Final = "group.toml"
MEETING_FILE_RE: Final = re.compile(r"^meeting-(\d{2,3})\.toml$")
ATTACHMENTS_DIR: Final = "attachments"
"""The sub-folder of a group folder holding its meetings' attached files, one folder per meeting."""


def default_data_dir() -> Path:
    """The platform's user data folder for homeroom."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("homeroom", appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None) -> Path:
    """``--data-dir`` > ``HOMEROOM_DATA_DIR`` > the platform's user data folder."""
    env = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser()
    if env.get("HOMEROOM_DATA_DIR"):
        return Path(env["HOMEROOM_DATA_DIR"]).expanduser()
    return default_data_dir()


def meeting_file_name(number: int) -> str:
    """``meeting-01.toml`` for meeting 1."""
    return f"meeting-{number:02d}.toml"


def meeting_number(name: str) -> int | None:
    """The number of the meeting whose file is named ``name`` exactly as homeroom names it, or None.

    ``meeting-02.toml`` is meeting 2; ``meeting-002.toml`` matches :data:`MEETING_FILE_RE` but is
    not the name homeroom gives meeting 2, so it is None here.
    """
    match = MEETING_FILE_RE.match(name)
    if match is None or name != meeting_file_name(int(match.group(1))):
        return None
    return int(match.group(1))


def is_canonical(name: str) -> bool:
    """True for the names homeroom reads in a group folder: ``group.toml`` and ``meeting-NN.toml``."""
    return name == GROUP_FILE or meeting_number(name) is not None


def attachments_folder(group_folder: Path, number: int) -> Path:
    """``groups/<group>/attachments/<NN>``: where meeting ``number``'s attached files are kept."""
    return group_folder / ATTACHMENTS_DIR / f"{number:02d}"


def group_folder_of(path: Path) -> Path | None:
    """The group folder ``path`` lies in (``DATA/groups/ID/file``), or None when it lies in none."""
    folder = path.parent
    return folder if folder.parent.name == GROUPS_DIR else None


def data_dir_of_group(folder: Path) -> Path:
    """The data folder holding the group folder ``folder``: ``DATA`` for ``DATA/groups/ID``."""
    return folder.parent.parent


_MEETING_LIKE: Final = re.compile(r"^meeting[-_ .]?0*(\d{1,3})(?!\d)", re.IGNORECASE)
_GROUP_LIKE: Final = re.compile(r"^group(?![a-z0-9])", re.IGNORECASE)


def resembles(name: str) -> str | None:
    """The homeroom file a stray copy's name was made from, or None.

    Synced folders name their conflict copies after the file: ``meeting-02.sync-conflict-….toml``
    (Syncthing), ``meeting-02 (conflicted copy 2024-01-02).toml`` (Dropbox, Nextcloud),
    ``meeting-02-LAPTOP.toml`` (OneDrive), ``meeting-02 (1).toml`` (a second download).
    """
    match = _MEETING_LIKE.match(name)
    if match and int(match.group(1)) > 0:
        return meeting_file_name(int(match.group(1)))
    if _GROUP_LIKE.match(name):
        return GROUP_FILE
    return None
