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
