"""Files on disk: atomic saves, permissions, BOM, and damaged files that never crash or get overwritten."""

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from homeroom_tui.i18n import set_language
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import DamagedFile, Store, atomic_write, check_file, load_model, resolve_data_dir
from homeroom_tui.store.reading import MAX_FILE_BYTES


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_precedence(tmp_path: Path) -> None:
    env = {"HOMEROOM_DATA_DIR": str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "opt"), env) == tmp_path / "opt"
    assert resolve_data_dir(None, env) == tmp_path / "env"
    fallback = resolve_data_dir(None, {})
    assert fallback.name == "homeroom"


def test_layout_one_file_per_group_and_meeting(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    path = store.save_meeting(meeting)
    assert path == store.root / "groups" / "home-room-a" / "meeting-01.toml"
    assert store.group_path("home-room-a").read_text().startswith("# homeroom group file")
    assert "schema_version = 2" in path.read_text()


def test_private_permissions_even_with_a_loose_umask(store: Store, sample_group: Group) -> None:
    old = os.umask(0o000)
    try:
        path = store.save_meeting(Meeting.new(sample_group, 1))
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(store.root / "groups") == 0o700
    assert mode(store.root) == 0o700
    assert mode(store.group_path(sample_group.id)) == 0o600


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "x" / "f.toml"
    atomic_write(target, b"a = 1\n")
    atomic_write(target, b"a = 2\n")
    assert target.read_bytes() == b"a = 2\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f.toml"]


def test_atomic_write_failure_keeps_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.toml"
    atomic_write(target, b"a = 1\n")

    def boom(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"a = 2\n")
    assert target.read_bytes() == b"a = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.toml"]


def test_bom_is_tolerated(store: Store, sample_group: Group) -> None:
    path = store.group_path(sample_group.id)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert store.load_group(sample_group.id) == sample_group


def test_crlf_file_from_windows_editor_loads(store: Store, sample_group: Group) -> None:
    path = store.group_path(sample_group.id)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert store.load_group(sample_group.id) == sample_group


def test_damaged_meeting_is_never_overwritten_and_others_still_load(store: Store, sample_group: Group) -> None:
    good = Meeting.new(sample_group, 1)
    store.save_meeting(good)
    bad = store.meeting_path(sample_group.id, 2)
    bad.write_text('schema_version = 1\ngroup_id = "home-room-a"\nnumber = 2\ndate = 2024-01-22\nstatus = "pla')
    before = bad.read_bytes()
    meetings, problems = store.load_meetings(sample_group)
    assert [m.number for m in meetings] == [1]
    assert len(problems) == 1 and problems[0].path == bad
    with pytest.raises(DamagedFile):
        store.save_meeting(Meeting.new(sample_group, 2))
    assert bad.read_bytes() == before


def test_damaged_group_does_not_hide_other_groups(store: Store, sample_group: Group) -> None:
    other = store.create_group("Second", ["X"], today=dt.date(2024, 1, 1))
    store.group_path(other.id).write_text("schema_version = 1\nname = \n")
    loaded = store.load_all()
    assert [g.id for g in loaded.groups] == [sample_group.id]
    assert loaded.problems[0].path == store.group_path(other.id)


def test_new_group_never_reuses_a_folder(store: Store, sample_group: Group) -> None:
    again = store.create_group("Home Room A", ["Y"])
    assert again.id == "home-room-a-2"
    assert store.load_group(sample_group.id) == sample_group


def test_symlinked_file_is_refused_for_reading_and_writing(store: Store, sample_group: Group, tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text("x = 1\n")
    link = store.meeting_path(sample_group.id, 1)
    link.symlink_to(outside)
    with pytest.raises(DamagedFile, match="symbolic link"):
        store.load_meeting(sample_group, 1)
    with pytest.raises(DamagedFile):
        store.save_meeting(Meeting.new(sample_group, 1))
    assert outside.read_text() == "x = 1\n"


def test_unknown_member_in_meeting_is_reported(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.attendance = {"K9": {"status": "present"}}  # type: ignore[dict-item]
    store.save_meeting(meeting)
    _, problems = store.load_meetings(sample_group)
    assert "K9" in problems[0].reason


def test_temp_files_of_a_save_are_not_mistaken_for_data(store: Store, sample_group: Group) -> None:
    store.save_meeting(Meeting.new(sample_group, 1))
    leftover = store.group_dir(sample_group.id) / ".meeting-01.toml.abc123.tmp"
    leftover.write_text("half a fi")
    meetings, problems = store.load_meetings(sample_group)
    assert [m.number for m in meetings] == [1]
    assert problems == []


# --- the corpus of damaged files ---------------------------------------------------------------

GOOD_GROUP = """schema_version = 1
id = "g"
name = "G"
created = 2024-01-08
members = [{ id = "K1", name = "Ani" }]
"""


def meeting_text(group: Group) -> str:
    return Meeting.new(group, 1).model_dump_json()


CORPUS: list[tuple[str, bytes, str]] = [
    ("empty", b"", "is empty"),
    ("whitespace only", b"  \n\n", "is empty"),
    ("truncated mid-string", b'schema_version = 1\nid = "g"\nname = "Ho', "line 3"),
    (
        "wrong type",
        GOOD_GROUP.replace("schema_version = 1\n", 'schema_version = 1\nmeetings_planned = "four"\n').encode(),
        "meetings_planned",
    ),
    (
        "unknown schema version",
        GOOD_GROUP.replace("schema_version = 1", "schema_version = 7").encode(),
        "newer homeroom",
    ),
    ("schema version missing", GOOD_GROUP.replace("schema_version = 1\n", "").encode(), "schema_version"),
    ("schema version text", GOOD_GROUP.replace("schema_version = 1", 'schema_version = "1"').encode(), "whole number"),
    ("invalid utf-8", GOOD_GROUP.replace('name = "G"', 'name = "G\xff"').encode("latin-1"), "UTF-8"),
    ("nul byte", GOOD_GROUP.encode().replace(b'name = "G"', b'name = "G\x00"'), "NUL"),
    ("duplicate keys", (GOOD_GROUP + 'name = "again"\n').encode(), "defined twice"),
    ("unknown field", (GOOD_GROUP.replace("created", "planed = 3\ncreated")).encode(), "unknown field"),
    ("missing required", GOOD_GROUP.replace('name = "G"\n', "").encode(), "name"),
    ("bad member id", GOOD_GROUP.replace('id = "K1"', 'id = "student-1"').encode(), "member id"),
    ("bad date", GOOD_GROUP.replace("2024-01-08", '"next monday"').encode(), "date"),
    ("not toml at all", b"<html><body>oops</body></html>\n", "not valid TOML"),
    ("out of range", GOOD_GROUP.replace("created", "every_days = 0\ncreated").encode(), "at least 1"),
]


@pytest.mark.parametrize(("label", "content", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_damaged_group_files_give_clear_errors(tmp_path: Path, label: str, content: bytes, expected: str) -> None:
    path = tmp_path / "groups" / "g" / "group.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DamagedFile) as info:
        load_model(path, Group)
    message = "\n".join(str(p) for p in info.value.problems)
    assert str(path) in message
    assert expected in message, message
    assert "Traceback" not in message
    assert path.read_bytes() == content  # never modified
    # check_file says the same, through the same code path
    assert [str(p) for p in check_file(path)] == [str(p) for p in info.value.problems]


def test_meeting_truncated_before_a_table_is_reported_as_missing_stage(store: Store, sample_group: Group) -> None:
    path = store.save_meeting(Meeting.new(sample_group, 1))
    text = path.read_text()
    path.write_text(text[: text.index("[stages.closing]")])
    with pytest.raises(DamagedFile) as info:
        store.load_meeting(sample_group, 1)
    problem = info.value.problems[0]
    assert problem.where.startswith("stages.closing")
    assert problem.reason == "required field is missing"


def test_field_error_names_the_line(store: Store, sample_group: Group) -> None:
    path = store.save_meeting(Meeting.new(sample_group, 1))
    lines = path.read_text().splitlines()
    index = next(
        i for i, line in enumerate(lines) if line.startswith("planned_min") and "[stages.activity]" in lines[i - 1]
    )
    lines[index] = "planned_min = -5"
    path.write_text("\n".join(lines) + "\n")
    problem = check_file(path)[0]
    assert problem.where == f"stages.activity.planned_min (line {index + 1})"
    assert problem.reason == "must be at least 1"


def test_directory_named_like_a_file(store: Store, sample_group: Group) -> None:
    (store.group_dir(sample_group.id) / "meeting-03.toml").mkdir()
    _, problems = store.load_meetings(sample_group)
    assert "is a folder" in problems[0].reason


def test_absurdly_large_file_is_refused_without_reading(store: Store, sample_group: Group) -> None:
    path = store.meeting_path(sample_group.id, 1)
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 10)
    _, problems = store.load_meetings(sample_group)
    assert "too large" in problems[0].reason


def test_errors_are_in_indonesian_when_chosen(tmp_path: Path) -> None:
    set_language("id")
    path = tmp_path / "group.toml"
    path.write_text("")
    assert check_file(path)[0].reason == "kosong"


def test_error_never_contains_note_text(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.private_notes = "SECRET-NOTE about Ani"
    path = store.save_meeting(meeting)
    path.write_text(path.read_text().replace("status = ", "status = 5 #"))
    problems = check_file(path)
    assert problems
    assert all("SECRET" not in str(p) for p in problems)


def test_old_half_written_saves_are_cleaned_young_ones_kept(store: Store, sample_group: Group) -> None:
    folder = store.group_dir(sample_group.id)
    old = folder / ".meeting-01.toml.old123.tmp"
    young = folder / ".meeting-01.toml.new456.tmp"
    old.write_text("half")
    young.write_text("half")
    os.utime(old, (1, 1))
    assert store.clean_temp_files(older_than=300) == 1
    assert not old.exists() and young.exists()
    assert store.group_path(sample_group.id).exists()


def test_a_file_edited_by_hand_after_our_save_is_checked_again(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    path = store.save_meeting(meeting)
    store.save_meeting(meeting)  # unchanged since we wrote it: no re-read needed, and fine
    with path.open("a") as handle:  # edited in place (same inode), now damaged
        handle.write("this is = = not toml\n")
    damaged = path.read_bytes()
    with pytest.raises(DamagedFile):
        store.save_meeting(meeting)
    assert path.read_bytes() == damaged


def test_only_files_that_passed_every_check_skip_the_check_on_save(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.attendance = {"K9": {"status": "present"}}  # type: ignore[dict-item]
    path = store.meeting_path(sample_group.id, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    from homeroom_tui.store import dump_model

    path.write_bytes(dump_model(meeting))  # valid TOML and model, but K9 is not in the group
    fresh = Store(store.root)
    _, problems = fresh.load_meetings(sample_group)  # read whole, then found damaged
    assert problems
    with pytest.raises(DamagedFile):
        fresh.save_meeting(Meeting.new(sample_group, 1))
    assert path.read_bytes() == dump_model(meeting)


def test_a_files_group_folder_and_data_folder_are_named_from_the_path_alone(tmp_path: Path) -> None:
    from homeroom_tui.store.paths import data_dir_of_group, group_folder_of

    store = Store(tmp_path)
    meeting = store.meeting_path("home-room", 1)
    assert group_folder_of(meeting) == store.group_dir("home-room")
    assert data_dir_of_group(store.group_dir("home-room")) == tmp_path
    assert group_folder_of(tmp_path / "elsewhere" / "meeting-01.toml") is None
    assert group_folder_of(store.group_path("home-room")) == store.group_dir("home-room")
