"""The shared loader of the agenda and the ice-breaker library: built-in, overlaid by the counselor's file."""

from __future__ import annotations

from pathlib import Path

from homeroom_tui.store.errors import DamagedFile
from homeroom_tui.store.overlay import Overlaid


def parse(path: Path) -> dict[str, str]:
    """``key=value`` lines; a line without ``=``, or no file, makes it damaged (as the real loaders say)."""
    if not path.exists():
        raise DamagedFile.one(path, "", "missing")
    items = {}
    for line in path.read_text().splitlines():
        if "=" not in line:
            raise DamagedFile.one(path, line, "no =")
        key, value = line.split("=", 1)
        items[key] = value
    return items


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_the_counselors_entries_replace_and_add_by_key(tmp_path: Path) -> None:
    builtin = write(tmp_path / "builtin", "a=1\nb=2")
    user = write(tmp_path / "user", "b=20\nc=30")
    found = Overlaid.load(builtin, parse, user)
    assert found.items == {"a": "1", "b": "20", "c": "30"}
    assert found.user_file == user and not found.problems and not found.fell_back


def test_a_missing_file_is_left_out_unless_the_counselor_named_it(tmp_path: Path) -> None:
    builtin = write(tmp_path / "builtin", "a=1")
    found = Overlaid.load(builtin, parse, tmp_path / "absent")
    assert found.items == {"a": "1"} and found.user_file is None and not found.problems
    assert Overlaid.load(builtin, parse, None).items == {"a": "1"}
    named = Overlaid.load(builtin, parse, tmp_path / "absent", named=True)
    assert named.fell_back and named.items == {"a": "1"} and named.user_file == tmp_path / "absent"


def test_a_damaged_counselors_file_falls_back_to_the_builtin_entries_with_its_problems(tmp_path: Path) -> None:
    builtin = write(tmp_path / "builtin", "a=1")
    user = write(tmp_path / "user", "a=10\nbroken")
    found = Overlaid.load(builtin, parse, user)
    assert found.items == {"a": "1"} and found.fell_back and found.user_file == user
    assert [(p.where, p.reason) for p in found.problems] == [("broken", "no =")]


def test_a_damaged_builtin_file_gives_no_entries_and_its_problems(tmp_path: Path) -> None:
    found = Overlaid.load(write(tmp_path / "builtin", "broken"), parse, write(tmp_path / "user", "a=1"))
    assert found.items == {} and len(found.problems) == 1 and not found.fell_back and found.user_file is None
