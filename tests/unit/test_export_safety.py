"""Exports safe where they are opened: CSV formulas neutralised, Markdown literal, no file replaced, 0600."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Answers, Attendance, Group, IcebreakerUse, Meeting, Member, Observation
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.program.icebreakers import load_library
from homeroom_tui.program.report import csv_report, csv_safe, markdown_report, md_text
from homeroom_tui.store import Store
from homeroom_tui.store.exports import inside_groups, write_export_set, write_new
from tests.unit.test_report import golden

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://evil.example","klik")']

HOSTILE = {
    "html": "<script>alert(1)</script> <img src=x onerror=alert(1)> a & b",
    "link": "[klik di sini](http://evil.example) ![gambar](http://evil.example/x.png) <http://evil.example>",
    "code": "`rm -rf` ```fence```",
    "lines": "# Judul palsu\n> kutipan\n- daftar\n1. nomor\n===\n~~~",
    "escape": "\\[bukan tautan\\](http://evil.example) \\<b>",
}


# --- CSV ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", FORMULAS)
def test_a_text_cell_that_starts_like_a_formula_gets_a_quote(value: str) -> None:
    assert csv_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Aisyah", "", "K1", "2024-01-15", "15:10", "true", " =1", "a=b", "'=1"])
def test_other_text_is_left_alone(value: str) -> None:
    assert csv_safe(value) == value


def test_numbers_stay_numbers() -> None:
    assert csv_safe(-3) == -3 and csv_safe(4) == 4 and csv_safe(1.5) == 1.5


def hostile_group() -> Group:
    members = [
        Member(id="K1", name="=Ani", faculty="@Psikologi"),
        Member(id="K2", name="Budi [Syariah](http://x)", faculty="<b>Teknik</b>"),
    ]
    return Group(
        id="hostile",
        name="# Kelas <i>[/XI]</i>",
        counselor="-Bu Sari",
        created=dt.date(2024, 1, 1),
        members=members,
    )


def hostile_meeting(group: Group) -> Meeting:
    meeting = Meeting.new(group, 1, date=dt.date(2024, 1, 15))
    meeting.status = "completed"
    meeting.attendance = {
        "K1": Attendance(status="present"),
        "K2": Attendance(status="absent", note=HOSTILE["html"]),
    }
    meeting.answers = {
        "K1": Answers(checkin=FORMULAS[0], problem=HOSTILE["link"], resolution=HOSTILE["lines"]),
        "K2": Answers(checkin="-5", problem=HOSTILE["code"], change=HOSTILE["escape"]),
    }
    meeting.observations = {"K1": Observation(open_up=3, note='=HYPERLINK("http://evil.example")')}
    meeting.stages.opening.notes = HOSTILE["lines"]
    meeting.stages.activity.notes = HOSTILE["html"] + "\n" + HOSTILE["link"]
    meeting.icebreaker = IcebreakerUse(id="name-and-snack", rating=4, note="@peringkat")
    meeting.private_notes = HOSTILE["lines"] + "\nkolom | tabel\n---|---"
    return meeting


def test_csv_neutralises_formulas_in_every_text_column_and_keeps_numbers() -> None:
    group = hostile_group()
    for names in (False, True):
        rows = list(csv.DictReader(io.StringIO(csv_report(group, [hostile_meeting(group)], names=names))))
        k1, k2 = rows
        assert k1["checkin"] == "'=1+1"
        assert k1["observation_note"] == '\'=HYPERLINK("http://evil.example")'
        assert k2["checkin"] == "'-5"  # text that looks like a number is still text from a person
        assert k1["open_up"] == "3" and k1["recall_named"] == "" and k1["meeting"] == "1"
        assert k1["member"] == ("'=Ani" if names else "K1")
        for row in rows:
            assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


# --- Markdown -------------------------------------------------------------------------------------


def test_md_text_makes_markup_literal() -> None:
    assert md_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert md_text("[a](http://x)") == r"\[a\](http://x)"
    assert md_text("`x`") == r"\`x\`"
    assert md_text("# a\n  - b\n+ c\n* d\n1. e\n2) f\n===") == "\\# a\n  \\- b\n\\+ c\n\\* d\n1\\. e\n2\\) f\n\\==="
    assert md_text("\\[a]") == r"\\\[a\]"  # a typed backslash cannot undo the escape
    assert md_text("Bima (Syariah) - 3.5, 50% ok") == "Bima (Syariah) - 3.5, 50% ok"  # plain text stays readable


def test_markdown_report_passes_no_html_link_code_or_heading_from_people() -> None:
    group = hostile_group()
    library = load_library()
    for names in (False, True):
        report = markdown_report(group, [hostile_meeting(group)], lang="en", names=names, private=True, library=library)
        for raw in ("<script", "<img", "<b>", "<i>", "<http", "!["):
            assert raw not in report, raw
        assert not re.search(r"(?<!\\)`", report)  # no backtick that is not escaped: no code
        assert not re.search(r"(?<!\\)\]\(", report)  # no "](" that is not escaped: no link
        headings = [line for line in report.splitlines() if line.lstrip("> ").startswith("#")]
        assert not any("Judul palsu" in line for line in headings)
        assert not any(line.startswith(("> -", "> 1.", "> >", "> ===", "> ~~~")) for line in report.splitlines())
        assert "&lt;script&gt;" in report and r"\[klik di sini\]" in report
        assert r"kolom \| tabel" in report  # a pipe in the private notes cannot make a table


def test_golden_hostile_report_and_csv() -> None:
    group = hostile_group()
    meetings = [hostile_meeting(group)]
    library = load_library()
    golden("hostile-report.md", markdown_report(group, meetings, lang="en", names=True, private=True, library=library))
    golden("hostile.csv", csv_report(group, meetings, names=True))


# --- files ----------------------------------------------------------------------------------------


def test_exports_in_the_data_folder_never_replace_an_earlier_one(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    files = {".md": b"# one\n", ".csv": b"a\n"}
    assert write_export_set(folder, "g-2024-01-15", files) == folder / "g-2024-01-15"
    assert write_export_set(folder, "g-2024-01-15", {".md": b"# two\n", ".csv": b"b\n"}) == folder / "g-2024-01-15-2"
    (folder / "g-2024-01-15-3.csv").write_bytes(b"someone else's\n")  # one of the pair taken: the next free name
    assert write_export_set(folder, "g-2024-01-15", files) == folder / "g-2024-01-15-4"
    assert (folder / "g-2024-01-15.md").read_bytes() == b"# one\n"
    assert (folder / "g-2024-01-15-2.md").read_bytes() == b"# two\n"
    assert not (folder / "g-2024-01-15-3.md").exists()
    assert (folder / "g-2024-01-15-3.csv").read_bytes() == b"someone else's\n"
    for path in folder.iterdir():
        if path.name != "g-2024-01-15-3.csv":
            assert (path.stat().st_mode & 0o777) == 0o600
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp file left


def test_write_new_refuses_an_existing_file_and_a_link(tmp_path: Path) -> None:
    existing = tmp_path / "old.md"
    existing.write_text("keep")
    with pytest.raises(FileExistsError):
        write_new(existing, b"new")
    assert existing.read_text() == "keep"
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(FileExistsError):
        write_new(link, b"new")
    assert not (tmp_path / "elsewhere.md").exists()
    write_new(tmp_path / "fresh.md", b"new")
    assert (tmp_path / "fresh.md").stat().st_mode & 0o777 == 0o600


def test_inside_groups(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "groups" / "g").mkdir(parents=True)
    (tmp_path / "sneaky").symlink_to(data / "groups" / "g")
    assert inside_groups(data / "groups" / "g" / "meeting-01.toml", data)
    assert inside_groups(data / "groups", data)
    assert inside_groups(tmp_path / "sneaky" / "new.md", data)
    assert inside_groups(data / "groups" / ".." / "groups" / "x.md", data)
    assert not inside_groups(data / "exports" / "x.md", data)
    assert not inside_groups(data / "groups-old" / "x.md", data)


@pytest.fixture
def demo_root(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "d").root


def export(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), "export", DEMO_GROUP_ID, *args])


def test_export_out_refuses_the_groups_folder_even_with_force(
    demo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = Store(demo_root).meeting_path(DEMO_GROUP_ID, 1)
    before = meeting.read_bytes()
    for extra in ((), ("--force",)):
        assert export(demo_root, "--out", str(meeting), *extra) == 2
        err = capsys.readouterr().err
        assert str(meeting) in err and "where the meeting files live" in err
        assert "Traceback" not in err
    new_file = meeting.parent / "report.md"
    assert export(demo_root, "--out", str(new_file)) == 2
    assert meeting.read_bytes() == before and not new_file.exists()


def test_export_out_refuses_an_existing_file_unless_forced(
    demo_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.md"
    out.write_text("an earlier report")
    out.chmod(0o644)
    assert export(demo_root, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "--force" in err
    assert out.read_text() == "an earlier report"
    assert export(demo_root, "--out", str(out), "--force") == 0
    assert out.read_text().startswith("# ")
    assert (out.stat().st_mode & 0o777) == 0o600


def test_export_out_writes_a_new_file_0600_whatever_the_umask(demo_root: Path, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        assert export(demo_root, "--format", "csv", "--out", str(tmp_path / "new.csv")) == 0
    finally:
        os.umask(old)
    assert ((tmp_path / "new.csv").stat().st_mode & 0o777) == 0o600


def test_export_in_indonesian_names_the_path(
    demo_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laporan.md"
    out.write_text("x")
    assert main(["--data-dir", str(demo_root), "--lang", "id", "export", DEMO_GROUP_ID, "--out", str(out)]) == 2
    assert "sudah ada" in capsys.readouterr().err


def test_write_new_without_hard_links_still_never_replaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # FAT, some network shares

    monkeypatch.setattr(os, "link", no_links)
    write_new(tmp_path / "a.md", b"one")
    assert (tmp_path / "a.md").read_bytes() == b"one" and (tmp_path / "a.md").stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExistsError):
        write_new(tmp_path / "a.md", b"two")
    assert (tmp_path / "a.md").read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_an_export_racing_another_copy_takes_the_next_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import homeroom_tui.store.exports as exports

    real = exports.write_new

    def raced(path: Path, data: bytes) -> None:
        if path.name == "g.csv":  # another homeroom wrote g.csv between the check and the write
            path.write_bytes(b"theirs")
        real(path, data)

    monkeypatch.setattr(exports, "write_new", raced)
    assert write_export_set(tmp_path, "g", {".md": b"# mine\n", ".csv": b"mine\n"}) == tmp_path / "g-2"
    assert (tmp_path / "g.csv").read_bytes() == b"theirs"
    assert not (tmp_path / "g.md").exists()  # the half of the pair already written is taken back
    assert (tmp_path / "g-2.md").read_bytes() == b"# mine\n" and (tmp_path / "g-2.csv").read_bytes() == b"mine\n"
