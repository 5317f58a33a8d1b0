"""homeroom export through the command line: aliases by default, names on request, files or stdout."""

import csv
import io
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, write_demo


def name_parts() -> set[str]:
    return {part.lower() for name, _ in DEMO_MEMBERS for part in name.split() if len(part) >= 3}


def test_export_markdown_and_csv_without_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_demo(tmp_path / "d").root
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("#") and "K1" in markdown
    assert not any(part in markdown.lower().split() for part in name_parts())
    out = tmp_path / "report.csv"
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == 4 * 9
    assert (out.stat().st_mode & 0o777) == 0o600
    text = out.read_text().lower()
    assert not any(f" {part} " in f" {text} " for part in name_parts())


def test_export_with_names_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_demo(tmp_path / "d").root
    assert main(["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--names", "--private"]) == 0
    markdown = capsys.readouterr().out
    assert "Aisyah Putri" in markdown
    assert main(["--data-dir", str(root), "export", "nope"]) == 2
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--out", str(tmp_path)]) == 2
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--format", "pdf"]) == 2


def test_export_says_when_the_counselors_icebreaker_file_is_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "data"
    write_demo(root)
    (root / "icebreakers.toml").write_text("icebreakers = [oops", encoding="utf-8")
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID]) == 0
    captured = capsys.readouterr()
    assert "built-in library is used" in captured.err
    assert "# " in captured.out  # the report is written all the same, with the built-in names


def test_export_says_what_it_replaced_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_demo(tmp_path / "d").root
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID]) == 0
    captured = capsys.readouterr()
    assert "Aliases: 67 names replaced." in captured.err
    assert "Capitalised at the start of a sentence, replaced (check them): Fajar (2×), Gita (1×)" in captured.err
    assert "Aliases" not in captured.out and "Faculties are left out" in captured.out
    assert "| K9 | Psikologi |" not in captured.out  # a faculty could name the one member from it
    out = tmp_path / "r.md"
    assert main(["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--out", str(out)]) == 0
    assert "Alias: 67 nama diganti." in capsys.readouterr().err
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--names"]) == 0
    assert "Aliases:" not in capsys.readouterr().err  # nothing was replaced, nothing to say
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--faculty"]) == 0
    assert "| K9 | Psikologi |" in capsys.readouterr().out


def test_export_of_a_group_named_after_a_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "d"
    assert main(["--data-dir", str(root), "group", "new", "Kelompok Bagus", "--member", "Bagus Santoso",
                 "--member", "Ayu Lestari"]) == 0  # fmt: skip
    group_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert group_id == "kelompok-bagus"
    assert main(["--data-dir", str(root), "export", group_id]) == 0
    markdown = capsys.readouterr().out
    assert "bagus" not in markdown.casefold() and "# Program report: Group A" in markdown
    assert main(["--data-dir", str(root), "export", group_id, "--format", "csv"]) == 0
    assert "bagus" not in capsys.readouterr().out.casefold()
