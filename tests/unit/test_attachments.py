"""Attached files: copied whole into the group's folder (0600), never over another, listed, checked, purged."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.attachments import may_research, review_lines, size_text
from homeroom_tui.store import DamagedFile, Store
from homeroom_tui.store import attachments as store_attachments
from homeroom_tui.store.attachments import AttachError, attach, folder_of, guess_kind, remove, safe_name
from homeroom_tui.store.retention import plan_purge, purge
from tests import hostile_data

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "phone" / "IMG_0042.JPG"
    path.parent.mkdir()
    path.write_bytes(PHOTO)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_safe_names() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\bu\\foto.jpg") == "foto.jpg"
    assert safe_name(".hidden.jpg") == "hidden.jpg"
    assert safe_name("...") == "attachment"
    assert safe_name("a\x00b\nc\u202ed.jpg") == "ab cd.jpg"
    assert safe_name("") == "attachment"
    long = safe_name("é" * 300 + ".jpg")
    assert long.endswith(".jpg") and len(long.encode()) <= 200
    hostile = [hostile_data.TITLE_ESCAPE, hostile_data.NOTE, hostile_data.PRIVATE, *hostile_data.MARKUP, "\u200b.x"]
    for text in [*hostile, *hostile_data.MEMBERS]:
        name = safe_name(text)
        assert name and "/" not in name and not name.startswith(".") and name.isprintable()
    assert [guess_kind(n) for n in ("a.JPG", "b.m4a", "c.pdf", "d.docx")] == ["photo", "audio", "form", "other"]


def test_attach_copies_whole_private_and_never_over_another(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    meeting, added = attach(store, sample_group.id, 1, [photo, photo], note="group photo", members=["K1"])
    folder = folder_of(store, sample_group.id, 1)
    assert folder == store.group_dir(sample_group.id) / "attachments" / "01"
    assert [a.file for a in added] == ["IMG_0042.JPG", "IMG_0042-2.JPG"]
    for attachment in added:
        copy = folder / attachment.file
        assert copy.read_bytes() == PHOTO and (copy.stat().st_mode & 0o777) == 0o600
        assert attachment.sha256 == hashlib.sha256(PHOTO).hexdigest() and attachment.size == len(PHOTO)
        assert attachment.kind == "photo" and attachment.members == ["K1"] and attachment.note == "group photo"
    assert (folder.stat().st_mode & 0o777) == 0o700 and (folder.parent.stat().st_mode & 0o777) == 0o700
    assert photo.read_bytes() == PHOTO  # the original is left as it is
    saved = store.load_meeting(sample_group, 1)
    assert saved.attachments == meeting.attachments and len(saved.attachments) == 2
    assert store.check() == (2, [])  # the attachments folder is no stray, nothing is missing
    # a third copy takes -3, the first two are untouched
    _, third = attach(store, sample_group.id, 1, [photo])
    assert third[0].file == "IMG_0042-3.JPG"


def test_nothing_is_attached_when_one_file_cannot_be(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path, tmp_path: Path
) -> None:
    held(sample_group, 1)
    before = store.meeting_path(sample_group.id, 1).read_bytes()
    with pytest.raises(AttachError) as missing:
        attach(store, sample_group.id, 1, [photo, tmp_path / "nope.jpg"])
    assert missing.value.problem.path == tmp_path / "nope.jpg" and "no such file" in missing.value.problem.reason
    with pytest.raises(AttachError) as folder:
        attach(store, sample_group.id, 1, [tmp_path])
    assert "not a regular file" in folder.value.problem.reason
    with pytest.raises(DamagedFile):
        attach(store, sample_group.id, 1, [photo], members=["K9"])
    assert store.meeting_path(sample_group.id, 1).read_bytes() == before
    assert list(folder_of(store, sample_group.id, 1).iterdir()) == []  # the copy made first is gone again


def test_too_big_is_refused_with_the_limit(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held(sample_group, 1)
    monkeypatch.setattr(store_attachments, "MAX_BYTES", len(PHOTO) - 1)
    with pytest.raises(AttachError) as big:
        attach(store, sample_group.id, 1, [photo])
    assert "larger than 2 GiB" in big.value.problem.reason
    assert store.load_meeting(sample_group, 1).attachments == []


def test_a_damaged_meeting_file_is_never_overwritten(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    path = store.meeting_path(sample_group.id, 1)
    path.write_text(path.read_text() + "\nsurprise = 1\n")
    damaged = path.read_bytes()
    with pytest.raises(DamagedFile):
        attach(Store(store.root), sample_group.id, 1, [photo])
    assert path.read_bytes() == damaged
    assert not any(folder_of(store, sample_group.id, 1).glob("*"))


def test_check_names_a_listed_file_missing_and_remove_deletes_the_copy(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    _, added = attach(store, sample_group.id, 1, [photo])
    copy = folder_of(store, sample_group.id, 1) / added[0].file
    copy.unlink()
    _, problems = store.check()
    assert [p.path for p in problems] == [copy] and "not there" in problems[0].reason
    copy.write_bytes(PHOTO)
    remove(store, sample_group.id, 1, added[0].file)
    assert not copy.exists() and store.load_meeting(sample_group, 1).attachments == []
    with pytest.raises(AttachError):
        remove(store, sample_group.id, 1, added[0].file)


def test_purge_deletes_the_attachments_of_purged_meetings(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    held(sample_group, 2, date=dt.date(2024, 1, 22))
    attach(store, sample_group.id, 1, [photo])
    attach(store, sample_group.id, 2, [photo])
    plan = plan_purge(store, dt.date(2024, 1, 20))
    assert purge(plan.files) == 1
    root = store.group_dir(sample_group.id) / "attachments"
    assert not (root / "01").exists() and (root / "02" / photo.name).read_bytes() == PHOTO
    purge(plan_purge(store, dt.date(2024, 2, 1)).files)
    assert not root.exists()  # the last one takes the folder with it


def test_research_rule(sample_group: Group, held: Callable[..., Meeting], store: Store, photo: Path) -> None:
    from homeroom_tui.model import Attendance, Consent

    group = sample_group.model_copy(deep=True)
    group.members[0].consent = Consent(research=dt.date(2024, 1, 10))
    group.members[1].consent = Consent(research=dt.date(2024, 1, 10))
    attendance = {
        "K1": Attendance(status="present"),
        "K2": Attendance(status="late"),
        "K3": Attendance(status="absent"),
    }
    meeting = held(sample_group, 1, attendance=attendance)
    meeting, _ = attach(store, sample_group.id, 1, [photo])
    meeting, _ = attach(store, sample_group.id, 1, [photo], members=["K1"])
    meeting, _ = attach(store, sample_group.id, 1, [photo], members=["K1", "K3"])
    whole, k1, k1_k3 = meeting.attachments
    assert may_research(whole, meeting, group)  # K3 was absent: the group photo is of K1 and K2
    assert may_research(k1, meeting, group) and not may_research(k1_k3, meeting, group)
    unmarked = meeting.model_copy(update={"attendance": {}})
    assert not may_research(whole, unmarked, group)  # K3 may be in it


def test_review_lines_and_sizes(store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path) -> None:
    held(sample_group, 1)
    meeting, _ = attach(store, sample_group.id, 1, [photo], note="after the session")
    [line] = review_lines(meeting, folder_of(store, sample_group.id, 1))
    assert (line.file, line.kind, line.size, line.who) == ("IMG_0042.JPG", "photo", "10 KiB", "the whole group")
    assert line.where == str(folder_of(store, sample_group.id, 1) / "IMG_0042.JPG")
    assert [size_text(n) for n in (812, 1536, 3 * 1024**3)] == ["812 B", "1.5 KiB", "3 GiB"]


def test_cli_attach_list_remove(
    capsys: pytest.CaptureFixture[str], store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    base = ["--data-dir", str(store.root), "attach", sample_group.id, "1"]
    code, out, err = run(capsys, *base, str(photo), "--member", "K2", "--note", "Ani's drawing")
    folder = folder_of(store, sample_group.id, 1)
    assert code == 0 and out.strip() == str(folder / "IMG_0042.JPG") and "1 file attached (10 KiB)" in err
    code, out, _ = run(capsys, *base, "--list")
    assert code == 0 and out.split("\t")[:4] == ["IMG_0042.JPG", "photo", "10 KiB", "K2"]
    code, _, err = run(capsys, *base, str(photo.parent / "gone.jpg"))
    assert code == 1 and "gone.jpg" in err and "no such file" in err and "Nothing was attached" in err
    code, _, err = run(capsys, *base, str(photo), "--member", "K7")
    assert code == 1 and "K7" in err
    code, _, err = run(capsys, "--data-dir", str(store.root), "attach", sample_group.id, "3", str(photo))
    assert code == 2 and "no meeting 3" in err
    code, out, _ = run(capsys, *base, "--remove", "IMG_0042.JPG")
    assert code == 0 and "IMG_0042.JPG" in out and not (folder / "IMG_0042.JPG").exists()
    code, _, err = run(capsys, *base, "--remove", "IMG_0042.JPG")
    assert code == 1 and "no attached file named 'IMG_0042.JPG'" in err
    code, _, err = run(capsys, "--lang", "id", *base, str(photo.parent / "gone.jpg"))
    assert code == 1 and "berkas tidak ada" in err


def test_cli_check_names_a_missing_attachment(
    capsys: pytest.CaptureFixture[str], store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    attach(store, sample_group.id, 1, [photo])
    assert run(capsys, "--data-dir", str(store.root), "check")[0] == 0
    copy = folder_of(store, sample_group.id, 1) / "IMG_0042.JPG"
    assert run(capsys, "--data-dir", str(store.root), "check", str(copy))[0] == 0  # kept, never read
    (copy.parent / "settings.toml").write_text("not = [homeroom's")  # an attached file named .toml
    attach(store, sample_group.id, 1, [copy.parent / "settings.toml"])
    code, out, _ = run(capsys, "--data-dir", str(store.root), "check", str(store.groups_dir))
    assert code == 0 and out == ""
    copy.unlink()
    code, out, _ = run(capsys, "--data-dir", str(store.root), "check")
    assert code == 1 and str(copy) in out


def test_a_half_copied_attachment_is_cleaned_like_a_half_written_save(
    store: Store, sample_group: Group, held: Callable[..., Meeting], photo: Path
) -> None:
    held(sample_group, 1)
    attach(store, sample_group.id, 1, [photo])
    folder = folder_of(store, sample_group.id, 1)
    leftover = folder / ".attach.abc123.tmp"
    leftover.write_bytes(PHOTO[:100])
    old = 1_000_000_000
    os.utime(leftover, (old, old))
    assert store.clean_temp_files() == 1
    assert not leftover.exists() and (folder / photo.name).read_bytes() == PHOTO
