"""The command line on a data folder full of hostile text: no command writes a control character raw.

Every command's stdout and stderr (reports, tables, messages that name a file, argparse errors)
has its control characters escaped (``\\x1b``), keeping tabs, line breaks and a CSV's ``\\r\\n``.
The files keep the text as it was written, and ``check`` warns where control characters are
(file and field, never the text) without changing its exit code.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.plain import BIDI_CONTROLS, visible_output
from homeroom_tui.store import Store
from tests.hostile_data import ANSWER, GROUP_ID, NOTE, PRIVATE, write_hostile


def raw_controls(text: str) -> list[str]:
    """Control characters other than tab, line break and the ``\\r`` of ``\\r\\n``."""
    text = text.replace("\r\n", "\n")
    return sorted(
        {repr(c) for c in text if (unicodedata.category(c) == "Cc" and c not in "\t\n") or c in BIDI_CONTROLS}
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Store:
    return write_hostile(tmp_path / "data")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


COMMANDS = [
    ["groups"],
    ["check"],
    ["export", GROUP_ID, "--format", "markdown", "--names", "--private"],
    ["export", GROUP_ID, "--format", "markdown"],
    ["export", GROUP_ID, "--format", "csv", "--names"],
    ["icebreakers", "list"],
    ["icebreakers", "list", "--purpose", "bonding"],
    ["icebreakers", "pick", "--group", GROUP_ID, "--seed", "1"],
    ["icebreakers", "pick", "--seed", "3", "--minutes", "60"],
    ["icebreakers", "check"],
    ["group", "new", "Kelas \x1b]2;secret\x07", "--member", "Ani\x1b[31m"],
    ["meeting", "\x1b]2;secret\x07"],
    ["export", "\x1b[31m"],
    ["export", GROUP_ID, "--format", "\x1b]2;secret\x07"],
    ["check", "/nowhere/\x1b]2;secret\x07"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv)[:40].encode("unicode_escape").decode())
def test_no_command_writes_a_control_character(
    hostile: Store, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(hostile.root), *argv)
    assert raw_controls(out) == [] and raw_controls(err) == [], (out[-500:], err[-500:])
    assert "Traceback" not in out + err
    assert code in (0, 1, 2)


def test_export_shows_the_text_escaped_and_the_file_keeps_it(
    hostile: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(hostile.root), "export", GROUP_ID, "--names", "--private")
    assert code == 0
    assert "\\x1b" in out and "secret\\x07" in out and "\x1b" not in out  # shown, not obeyed
    assert "@click=app.quit" in out
    code, out, _ = run(capsys, "--data-dir", str(hostile.root), "export", GROUP_ID, "--format", "csv", "--names")
    assert code == 0 and out.count("\n") >= 14 and "\\x1b[31m" in out  # one row per member and meeting
    meeting = hostile.load_meeting(hostile.load_group(GROUP_ID), 1)
    assert meeting.private_notes == PRIVATE and meeting.stages.opening.notes == NOTE
    assert meeting.answers["K1"].checkin == ANSWER  # stored as written: nothing silently changed


def test_icebreakers_list_escapes_the_users_file(hostile: Store, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", str(hostile.root), "icebreakers", "list")
    assert code == 0, err
    assert "[b]Game \\x1b]2;secret\\x07[/b]" in out


def test_check_warns_where_control_characters_are_without_the_text(
    hostile: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(hostile.root), "check")
    assert code == 0, out + err  # a warning, not damage
    warnings = out.splitlines()
    meeting_1 = hostile.meeting_path(GROUP_ID, 1)
    assert f"{meeting_1}: warning: private_notes holds control characters" in out
    assert f"{meeting_1}: warning: stages.opening.notes holds control characters" in out
    assert f"{meeting_1}: warning: answers.K1.checkin holds control characters" in out
    assert f"{hostile.root / 'icebreakers.toml'}: warning: icebreakers[1].name.en holds control characters" in out
    assert f"{hostile.root / 'agenda.toml'}: warning: " in out
    assert all(": warning: " in line for line in warnings)
    assert "secret" not in out + err and "Rahasia" not in out + err  # never the text
    assert "control characters" in err

    code, out, _ = run(capsys, "check", str(meeting_1))
    assert code == 0 and out.count(": warning: ") >= 5

    # damage still decides the exit code, and a damaged file gets no warnings of its own
    hostile.meeting_path(GROUP_ID, 2).write_text("not toml [")
    code, out, _ = run(capsys, "--data-dir", str(hostile.root), "check")
    assert code == 1
    assert f"{hostile.meeting_path(GROUP_ID, 2)}: warning" not in out
    assert f"{meeting_1}: warning: private_notes" in out

    # the data folder's id for Indonesian
    code, out, _ = run(capsys, "--lang", "id", "check", str(meeting_1))
    assert "peringatan: private_notes berisi karakter kendali" in out


def test_icebreakers_check_warns_too(hostile: Store, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(hostile.root), "icebreakers", "check")
    assert code == 0
    assert f"{hostile.root / 'icebreakers.toml'}: warning: icebreakers[2].steps.en[2] holds control" in out
    assert "secret" not in out
    code, out, _ = run(capsys, "icebreakers", "check")  # the built-in library: nothing to warn about
    assert code == 0 and out == ""


def test_a_clean_folder_has_no_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path / "data")
    store.create_group("Kelas [/XI]", ["Dewi [Psikologi]", "Ani\\"])
    code, out, err = run(capsys, "--data-dir", str(store.root), "check")
    assert code == 0 and out == "" and "warning" not in err


def test_visible_output_keeps_line_ends_and_escapes_the_rest() -> None:
    assert visible_output("a\tb\nc\r\nd") == "a\tb\nc\r\nd"
    assert visible_output("\x1b]2;x\x07 \x9b \u202e \r \x7f") == "\\x1b]2;x\\x07 \\x9b \\u202e \\r \\x7f"
    assert visible_output("[b] skala [a=rendah, b=tinggi \\") == "[b] skala [a=rendah, b=tinggi \\"
