"""homeroom export GROUP --member ID: one member's record on stdout or into a file; refusals exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, write_demo


def other_parts(own: str) -> set[str]:
    return {p.casefold() for name, _ in DEMO_MEMBERS if name != own for p in name.split()} - {
        p.casefold() for p in own.split()
    }


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


@pytest.mark.parametrize(
    ("lang", "title", "another"), [("en", "Record of", "another member"), ("id", "Catatan", "anggota lain")]
)
def test_record_on_stdout_and_in_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, title: str, another: str
) -> None:
    root = write_demo(tmp_path / "d").root
    assert main(["--data-dir", str(root), "--lang", lang, "export", DEMO_GROUP_ID, "--member", "K3"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"# {title} Citra Lestari\n") and another in captured.out
    assert not words(captured.out) & other_parts("Citra Lestari")
    assert not words(captured.out) & {f"k{n}" for n in range(1, 10) if n != 3}
    assert "homeroom:" in captured.err  # what aliasing did, for the counselor
    out = tmp_path / "k3.html"
    args = ["--data-dir", str(root), "--lang", lang, "export", DEMO_GROUP_ID, "--member", "K3", "--format", "html"]
    assert main([*args, "--alias", "--out", str(out)]) == 0
    assert (out.stat().st_mode & 0o777) == 0o600
    data = out.read_bytes()
    page = data.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and f"{title} K3" in page and another in page
    every_part = {p.casefold() for name, _ in DEMO_MEMBERS for p in name.split()}
    assert not words(page) & every_part
    assert main([*args, "--alias", "--out", str(out)]) == 2  # never over a file without --force
    assert out.read_bytes() == data
    assert main([*args, "--out", str(out), "--force"]) == 0
    assert "Citra Lestari" in out.read_text(encoding="utf-8")
    assert main([*args, "--out", str(root / "groups" / "k3.html")]) == 2  # never into groups/


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_demo(tmp_path / "d").root
    base = ["--data-dir", str(root), "export", DEMO_GROUP_ID]
    capsys.readouterr()
    assert main([*base, "--member", "K99"]) == 2
    captured = capsys.readouterr()
    assert "K99" in captured.err and captured.out == ""
    assert not words(captured.err) & {p.casefold() for name, _ in DEMO_MEMBERS for p in name.split()}
    for fmt in ("csv", "qdpx"):
        assert main([*base, "--member", "K3", "--format", fmt, "--out", str(tmp_path / f"x.{fmt}")]) == 2
        assert f"not {fmt}" in capsys.readouterr().err
        assert not (tmp_path / f"x.{fmt}").exists()
    assert main([*base, "--member", "K3", "--private"]) == 2
    assert "--private" in capsys.readouterr().err
    assert main([*base, "--alias"]) == 2
    assert "--member" in capsys.readouterr().err
    assert main(["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--member", "K99"]) == 2
    assert "tidak punya anggota K99" in capsys.readouterr().err
