"""The command line, through main(argv) and, once, a real subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from homeroom_tui import __version__
from homeroom_tui.cli import main
from homeroom_tui.cli.parser import build_parser, parse_arguments
from homeroom_tui.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_commands_without_stale_words(capsys: pytest.CaptureFixture[str]) -> None:
    for lang, words in (("en", "the ice-breaker library\n"), ("id", "pustaka ice-breaker\n")):
        code, out, _ = run(capsys, "--lang", lang, "--help")
        assert code == 0 and words in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"homeroom {__version__}"


def test_group_new_then_groups(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(
        capsys,
        "--data-dir", str(data_dir),
        "group", "new", "Kelompok Rumah 1",
        "--member", "Ani", "--member", "Budi", "--member", "Citra",
        "--counselor", "Bu Sari", "--meetings", "5", "--start", "2024-01-15", "--every", "14",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[-1] == "kelompok-rumah-1"
    group = Store(data_dir).load_group("kelompok-rumah-1")
    assert [(m.id, m.name) for m in group.members] == [("K1", "Ani"), ("K2", "Budi"), ("K3", "Citra")]
    assert (group.counselor, group.meetings_planned, group.every_days) == ("Bu Sari", 5, 14)

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "groups")
    assert code == 0
    assert out.splitlines() == ["kelompok-rumah-1\tKelompok Rumah 1\t3\t0/5\t2024-01-15"]


def test_data_dir_from_environment(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOMEROOM_DATA_DIR", str(data_dir))
    code, _, _ = run(capsys, "group", "new", "G", "--member", "A")
    assert code == 0
    assert (data_dir / "groups" / "g" / "group.toml").exists()


def test_group_new_needs_a_member(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "group", "new", "G")
    assert code == 2
    assert "--member" in err
    assert not data_dir.exists()


@pytest.mark.parametrize(
    "argv", [["group", "new", "G", "--member", "A", "--start", "15/01/2024"], ["bogus"], ["group"]]
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), *argv)
    assert code == 2
    assert "Traceback" not in err


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), "group", "new", "G", "--member", "A")[0] == 0
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert (code, out) == (0, "")
    assert "The 1 file checked is fine." in err

    bad = data_dir / "groups" / "g" / "meeting-01.toml"
    bad.write_text("schema_version = 1\nnumber = [\n")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    assert out.count("\n") == 1 and str(bad) in out and "line" in out
    assert bad.read_text() == "schema_version = 1\nnumber = [\n"

    assert "1 problem in 2 files checked." in err  # a real plural, never "problem(s)"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check", str(bad))
    assert code == 1 and str(bad) in out
    assert "1 problem in 1 file checked." in err
    good = data_dir / "groups" / "g" / "group.toml"
    assert run(capsys, "--data-dir", str(data_dir), "check", str(good))[0] == 0
    assert run(capsys, "--data-dir", str(data_dir), "check", str(data_dir / "nope.toml"))[0] == 2


def test_messages_in_indonesian(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "--lang", "id", "--data-dir", str(data_dir), "check")
    assert code == 0
    assert "Semua 0 berkas baik." in err
    code, _, err = run(capsys, "--lang", "id", "group", "new")
    assert code == 2
    assert "wajib" in err


def test_unexpected_error_has_no_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from homeroom_tui.store import Store as RealStore

    def explode(self: RealStore, **_: object) -> None:
        raise RuntimeError("note text that must not be printed")

    monkeypatch.setattr(RealStore, "load_all", explode)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "groups")
    assert code == 70
    assert "RuntimeError" in err
    assert "must not be printed" not in out + err
    assert "Traceback" not in err


def test_demo_no_tui_writes_the_demo_group(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "demo", "--no-tui")
    assert code == 0
    assert out.splitlines()[-1] == str(data_dir)
    assert run(capsys, "--data-dir", str(data_dir), "check")[0] == 0
    group = Store(data_dir).load_group("home-room-2024")
    assert len(group.members) == 9


def test_module_entry_point_in_a_subprocess(data_dir: Path) -> None:
    env = {**os.environ, "HOMEROOM_DATA_DIR": str(data_dir), "HOMEROOM_LANG": "id"}
    result = subprocess.run(
        [sys.executable, "-m", "homeroom_tui", "check", str(data_dir / "missing")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "tidak ada" in result.stderr
    assert "Traceback" not in result.stderr


# --- icebreakers ------------------------------------------------------------------------------


def test_icebreakers_list_filters_into_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "icebreakers", "list", "--stage", "transition", "--size", "9", "--minutes", "8", "--energy", "low"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "min", "size", "energy", "purpose"]
    assert len(lines) > 3
    assert all("low" in line.split() for line in lines[1:])  # the energy column
    from homeroom_tui.program.icebreakers import load_library

    library = load_library()
    for line in lines[1:]:
        item = library.items[line.split()[0]]
        assert item.duration_min <= 8 and item.group_min <= 9 <= item.group_max and "transition" in item.stages
    assert f"{len(lines) - 1} ice-breakers." in err


def test_icebreakers_pick_with_group_never_repeats(
    capsys: pytest.CaptureFixture[str], store: Store, sample_group: object
) -> None:
    from homeroom_tui.model import Group, IcebreakerUse, Meeting

    assert isinstance(sample_group, Group)
    done = Meeting.new(sample_group, 1)
    done.status = "completed"
    done.icebreaker = IcebreakerUse(id="name-and-snack")
    store.save_meeting(done)
    picks = set()
    for seed in range(25):
        code, out, _ = run(
            capsys,
            "--data-dir",
            str(store.root),
            "icebreakers",
            "pick",
            "--group",
            sample_group.id,
            "--seed",
            str(seed),
        )
        assert code == 0
        picks.add(out.splitlines()[0])
    assert "[name-and-snack]" not in picks
    assert len(picks) > 1
    code, again, _ = run(
        capsys, "--data-dir", str(store.root), "icebreakers", "pick", "--group", sample_group.id, "--seed", "3"
    )
    _, same, _ = run(
        capsys, "--data-dir", str(store.root), "icebreakers", "pick", "--group", sample_group.id, "--seed", "3"
    )
    assert again == same and "Steps" in again


def test_icebreakers_pick_unknown_group(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "icebreakers", "pick", "--group", "nope")
    assert code == 2 and "nope" in err


def test_icebreakers_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "icebreakers", "check")
    assert code == 0 and "all fine" in err
    bad = tmp_path / "mine.toml"
    bad.write_text('schema_version = 1\n\n[[icebreakers]]\nid = "x"\nname = { en = "X" }\n')
    code, out, _ = run(capsys, "icebreakers", "check", str(bad))
    assert code == 1
    assert f"{bad}: icebreakers[1] (x).name.id (line 5): required field is missing" in out.splitlines()
    assert run(capsys, "icebreakers", "check", str(tmp_path / "none.toml"))[0] == 2


def test_options_also_work_after_the_command(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "check", "--data-dir", str(data_dir), "--lang", "id")
    assert code == 0 and "Semua 0 berkas baik." in err


def test_check_covers_the_counselors_own_agenda_and_icebreakers(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, "--data-dir", str(data_dir), "group", "new", "G", "--member", "A")[0] == 0
    (data_dir / "agenda.toml").write_text(
        'schema_version = 1\n[[meetings]]\nnumber = 1\n[meetings.opening]\npanel = "sofa"\n'
    )
    (data_dir / "icebreakers.toml").write_text("schema_version = 1\nicebreakers = []\n")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    assert "agenda.toml: meetings[1].opening.panel (line 5): must be one of" in out
    assert "3 files" in err or "3 file" in err
    code, out, _ = run(capsys, "check", str(data_dir / "agenda.toml"))
    assert code == 1 and "panel" in out


def test_check_covers_the_item_texts_of_scales(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), "group", "new", "G", "--member", "A")[0] == 0
    scales = data_dir / "scales"
    scales.mkdir()
    (scales / "anxiety.toml").write_text('schema_version = 1\nitems = ["I worry", "I sleep well"]\n')
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0 and "2 files" in err  # the group and the item texts
    (scales / "esteem.toml").write_text("schema_version = 1\nitems = [3]\n")
    (scales / "broken.toml").write_text('schema_version = 1\nitems = ["unclosed]\n')
    before = {p.name: p.read_bytes() for p in scales.iterdir()}
    code, out, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    assert f"{scales / 'esteem.toml'}: items[1]" in out and "broken.toml" in out and "line 2" in out
    assert "anxiety.toml" not in out and "2 problems in 4 files" in err
    code, out, _ = run(capsys, "check", str(scales / "esteem.toml"))  # one file
    assert code == 1 and "items[1]" in out
    code, out, _ = run(capsys, "check", str(scales))  # the folder
    assert code == 1 and "esteem.toml" in out and "broken.toml" in out
    assert code == run(capsys, "check", str(scales / "anxiety.toml"))[0] + 1
    assert {p.name: p.read_bytes() for p in scales.iterdir()} == before  # checked, never changed


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "/tmp/x"],
        ["--lang", "id", "--data-dir=/tmp/x", "--icebreakers", "mine.toml"],
        ["--data-dir", "/tmp/x", "review"],
        ["groups", "--data-dir", "/tmp/y"],
        ["--data-dir", "/tmp/x", "meeting", "demo", "2"],
    ],
)
def test_options_alone_are_parsed_as_the_whole_parser_does(argv: list[str]) -> None:
    """Starting the app skips building every command's parser; the result must not change."""
    assert parse_arguments(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["--lang", "xx"], ["--data-dir"], ["--bogus"], ["review", "--version"]])
def test_a_mistake_before_any_command_gets_the_whole_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "COMMAND" in err and "error:" in err


def test_check_one_meeting_file_against_its_group(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    from homeroom_tui.model import Attendance, Meeting
    from homeroom_tui.store import dump_model

    assert run(capsys, "--data-dir", str(data_dir), "group", "new", "G", "--member", "A")[0] == 0
    group = Store(data_dir).load_group("g")
    meeting = Meeting.new(group, 1)
    meeting.attendance["K9"] = Attendance(status="present")
    path = data_dir / "groups" / "g" / "meeting-01.toml"
    path.write_bytes(dump_model(meeting))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check", str(path))
    assert code == 1 and "K9" in out  # valid on its own, but names a member the group does not have

    other = data_dir / "groups" / "g" / "meeting-02.toml"
    other.write_bytes(dump_model(meeting))  # says it is meeting 1
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check", str(other))
    assert code == 1 and "meeting-02.toml" in out

    (data_dir / "groups" / "g" / "group.toml").write_text("id = [", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check", str(path))
    assert (code, out) == (0, "")  # the group file's problem belongs to the group file


def test_help_and_errors_in_indonesian_leave_argparse_itself_alone(capsys: pytest.CaptureFixture[str]) -> None:
    """The parser says argparse's own words in the language chosen; no other parser in the process changes."""
    import argparse

    code, out, _ = run(capsys, "--lang", "id", "--help")
    assert code == 0
    assert out.startswith("penggunaan: homeroom [-h]")
    assert "\nopsi:\n" in out and "-h, --help          tampilkan pesan bantuan ini lalu keluar" in out
    assert "usage" not in out and "options" not in out and "show this help" not in out
    code, out, _ = run(capsys, "--lang", "id", "icebreakers", "list", "--help")
    assert code == 0 and "argumen posisi" not in out and "\nopsi:\n" in out
    code, _, err = run(capsys, "--lang", "id", "bogus")
    assert code == 2
    assert err.splitlines()[-1].startswith(
        "homeroom: kesalahan: argumen COMMAND: pilihan tidak sah: 'bogus' (pilih dari"
    )
    code, _, err = run(capsys, "--lang", "id", "--data-dir", "/tmp/x", "purge")
    assert err.splitlines()[-1] == "homeroom purge: kesalahan: argumen berikut wajib diisi: --before"

    plain = argparse.ArgumentParser(prog="other")
    assert plain.format_usage() == "usage: other [-h]\n"
    assert "show this help message and exit" in plain.format_help()


def test_the_parser_module_stays_light() -> None:
    """Parsing a command line imports no pydantic, Textual or store: ``homeroom`` opens its first frame fast."""
    code = (
        "import sys\n"
        "from homeroom_tui.cli.parser import build_parser, parse_arguments\n"
        "build_parser().parse_args(['--lang', 'id', 'export', 'g', '--format', 'csv'])\n"
        "parse_arguments(['--data-dir', '/tmp/x'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual', 'rich')"
        " or m.startswith('homeroom_tui.store')]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_each_command_names_a_handler_that_exists() -> None:
    """``set_defaults(handler="module:function")``: every command's handler imports and is callable."""
    import argparse
    import importlib

    def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
        found = [parser]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found += parsers(sub)
        return found

    handlers = {p.get_default("handler") for p in parsers(build_parser())} - {None}
    assert len(handlers) == 14  # the app, 13 commands
    for handler in handlers:
        module, name = handler.split(":")
        assert callable(getattr(importlib.import_module(f"homeroom_tui.cli.{module}"), name)), handler
