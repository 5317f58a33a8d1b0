"""Hostile and odd files and folders, from a review of the foundation: none may crash, hang or leak."""

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.i18n import set_language
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import DamagedFile, Store, check_file
from homeroom_tui.store.errors import MAX_PROBLEMS_PER_FILE


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_thousands_of_bad_keys_give_a_capped_list(store: Store, sample_group: Group) -> None:
    path = store.save_meeting(Meeting.new(sample_group, 1))
    text = path.read_text()
    junk = "".join(f"x{i} = 1\n" for i in range(5000))
    path.write_text(text.replace("[stages.opening]", junk + "[stages.opening]", 1))
    problems = check_file(path)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert "4980 more problems" in problems[-1].reason
    assert "(line " in problems[0].where


def test_dates_at_the_end_of_the_calendar(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    group = Group(id="g", name="G", created=dt.date(2024, 1, 1), members=[])
    group.add_member("Ani")
    store.save_group(group)
    meeting = Meeting.new(group, 1, date=dt.date(9999, 12, 31))
    meeting.status = "completed"
    store.save_meeting(meeting)
    code, out, err = run(capsys, "--data-dir", str(store.root), "groups")
    assert code == 0, err
    assert out.split("\t")[3:] == ["1/4", "-\n"]
    with pytest.raises(ValueError, match="date_overflow"):
        Group(id="g", name="G", created=dt.date(2024, 1, 1), first_meeting=dt.date(9999, 12, 1), meetings_planned=100)
    assert (
        run(
            capsys,
            "--data-dir",
            str(store.root),
            "group",
            "new",
            "X",
            "--member",
            "a",
            "--start",
            "9999-12-01",
            "--meetings",
            "100",
        )[0]
        == 2
    )


def test_unreadable_folders_are_reported(store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir
    blocked = {str(store.group_dir(sample_group.id))}

    def scandir(path: object) -> object:
        if str(path) in blocked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    _, problems = store.check()
    assert [str(p.path) for p in problems] == list(blocked)
    assert "permission denied" in problems[0].reason
    blocked.add(str(store.groups_dir))
    loaded = store.load_all()
    assert loaded.groups == [] and "permission denied" in loaded.problems[0].reason


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("meetings_planned = 4", 'meetings_planned = "4"', "meetings_planned"),
        ("every_days = 7", "every_days = 7.0", "every_days"),
        ("created = 2024-01-08", "created = 1705276800", "created"),
        ("created = 2024-01-08", "created = 2024-01-08T00:00:00Z", "created"),
        ("created = 2024-01-08", 'created = "2024-01-08"', "created"),
    ],
)
def test_wrong_types_are_not_converted(store: Store, sample_group: Group, old: str, new: str, field: str) -> None:
    path = store.group_path(sample_group.id)
    path.write_text(path.read_text().replace(old, new))
    problems = check_file(path)
    assert problems and problems[0].where.startswith(field)


def test_control_characters_in_names_are_refused_and_never_printed(store: Store, sample_group: Group) -> None:
    with pytest.raises(ValueError, match="control_chars"):
        sample_group.name = "A\x1b[2JB"
    path = store.group_path(sample_group.id)
    path.write_text(path.read_text().replace('name = "Home Room A"', 'name = "A\\u001b]0;x\\u0007B"'))
    problem = check_file(path)[0]
    assert "control characters" in problem.reason
    meeting = store.save_meeting(Meeting.new(sample_group, 1))
    meeting.write_text(
        meeting.read_text() + '\n[attendance."Budi is bullied\\u001b[31m at home"]\nstatus = "present"\n'
    )
    printed = "\n".join(str(p) for p in check_file(meeting))
    assert "bullied" not in printed and "\x1b" not in printed
    assert "attendance.…" in printed


def test_meeting_files_need_their_canonical_name(store: Store, sample_group: Group) -> None:
    path = store.save_meeting(Meeting.new(sample_group, 1))
    twin = path.with_name("meeting-001.toml")
    twin.write_bytes(path.read_bytes())
    meetings, problems = store.load_meetings(sample_group)
    assert [m.number for m in meetings] == [1]
    assert problems[0].path == twin and "meeting-01.toml" in problems[0].reason
    assert check_file(twin)[0].path == twin


def test_check_relative_paths(
    store: Store, sample_group: Group, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save_meeting(Meeting.new(sample_group, 1))
    path.write_text(path.read_text().replace('group_id = "home-room-a"', 'group_id = "zzz"'))
    monkeypatch.chdir(store.group_dir(sample_group.id))
    assert run(capsys, "check", ".")[0] == 1
    assert run(capsys, "check", "meeting-01.toml")[0] == 1
    monkeypatch.chdir(store.groups_dir)
    code, out, _ = run(capsys, "check", sample_group.id)
    assert code == 1 and "file not found" not in out and "zzz" in out
    group_file = store.group_path(sample_group.id)
    group_file.write_text(group_file.read_text().replace('id = "home-room-a"', 'id = "other"'))
    code, out, _ = run(capsys, "check", str(group_file))
    assert code == 1 and "other" in out


def test_common_hand_edit_mistake_is_explained_in_indonesian(tmp_path: Path) -> None:
    set_language("id")
    path = tmp_path / "group.toml"
    path.write_text('schema_version = 1\nname = "C:\\Users\\budi"\n')
    problem = check_file(path)[0]
    assert "garis miring terbalik" in problem.reason
    assert "budi" not in str(problem)


def test_group_new_names_the_bad_member(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "group", "new", "G", "--member", "Ani", "--member", "x" * 300
    )
    assert code == 2
    assert "member 2 name: is too long" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["group", "new", "G", "--member", "A", "--meetings", "100000"],
        ["group", "new", "G", "--member", "A", "--every", "99999999999999999999"],
        ["group", "new", "G", "--member", "A", "--start", "20240105"],
        ["group", "new", "G", "--member", "A", "--start", "2024-W01-1"],
        ["--la", "id", "groups"],
    ],
)
def test_out_of_range_and_odd_arguments_are_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str]
) -> None:
    assert run(capsys, "--data-dir", str(data_dir), *argv)[0] == 2
    assert not (data_dir / "groups").exists()


def test_last_lang_wins(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    _, _, err = run(capsys, "--lang", "id", "--data-dir", str(data_dir), "--lang", "en", "check")
    assert "All 0 files are fine." in err


def test_too_long_path_is_bad_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / ("a" * 300)))
    assert code == 2 and "Traceback" not in err


def test_odd_data_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "datafile"
    a_file.write_text("x")
    code, out, _ = run(capsys, "--data-dir", str(a_file), "check")
    assert code == 1 and "not a folder" in out

    root = tmp_path / "d"
    (root).mkdir()
    (root / "groups").write_text("x")
    code, out, _ = run(capsys, "--data-dir", str(root), "check")
    assert code == 1 and "one folder per group" in out

    (root / "groups").unlink()
    (tmp_path / "real-groups").mkdir()
    (root / "groups").symlink_to(tmp_path / "real-groups")
    code, out, _ = run(capsys, "--data-dir", str(root), "check")
    assert code == 1 and "symbolic link" in out


def test_stray_file_in_groups_and_loose_folder_modes(store: Store, sample_group: Group) -> None:
    (store.groups_dir / "notes.txt").write_text("x")
    _, problems = store.check()
    assert [p.path.name for p in problems] == ["notes.txt"]
    store.groups_dir.chmod(0o755)
    store.group_dir(sample_group.id).chmod(0o755)
    store.save_meeting(Meeting.new(sample_group, 1))
    assert stat.S_IMODE(store.groups_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.group_dir(sample_group.id).stat().st_mode) == 0o700


def test_damaged_file_is_reported_not_raised_by_load_all(store: Store, sample_group: Group) -> None:
    store.group_path(sample_group.id).write_text("schema_version = 1\n[[members]]\nid = 5\n")
    loaded = store.load_all()
    assert loaded.groups == [] and loaded.problems
    with pytest.raises(DamagedFile):
        store.load_group(sample_group.id)
