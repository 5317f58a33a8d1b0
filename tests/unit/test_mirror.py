"""The mirror's logic: which meeting is running (by its live lock), what the room may see, following the file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import fields
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Group, IcebreakerUse, Meeting
from homeroom_tui.program.agenda import load_agenda
from homeroom_tui.program.icebreakers import load_library
from homeroom_tui.program.mirror import MirrorView, MirrorWatch, mirror_view, running_meetings, stage_elapsed
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from homeroom_tui.store.lock import Holder, MeetingLock, boot_id, format_holder, live_holder, lock_path, this_host
from tests.conftest import OpenSession

TZ = dt.timezone(dt.timedelta(hours=7))


def stale_lock(meeting_file: Path) -> None:
    """A lock left by a homeroom that is gone (this process's id, a token it never held)."""
    holder = Holder(os.getpid(), this_host(), boot_id(), None, dt.datetime.now(dt.UTC), "gone")
    lock_path(meeting_file).write_bytes(format_holder(holder))


def watch(store: Store, clock: FakeClock, group_id: str | None = None, show_group: bool = False) -> MirrorWatch:
    return MirrorWatch(store, load_agenda(store.root), load_library(store.root), clock, group_id, show_group)


def test_live_holder_reads_the_lock_without_taking_it(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting-01.toml"
    assert live_holder(meeting) is None  # no lock file
    stale_lock(meeting)
    before = lock_path(meeting).read_bytes()
    assert live_holder(meeting) is None  # its holder is gone
    assert lock_path(meeting).read_bytes() == before  # and it is left as it was
    lock_path(meeting).unlink()
    lock = MeetingLock(meeting)
    lock.acquire()
    try:
        holder = live_holder(meeting)
        assert holder is not None and holder.token == lock.token
    finally:
        lock.release()
    assert live_holder(meeting) is None


def test_a_meeting_runs_only_while_a_live_lock_holds_it(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    session = open_session(sample_group, clock=clock)
    session.start()
    session.save()
    path = store.meeting_path(sample_group.id, 1)
    mirror = watch(store, clock)
    mirror.poll()
    assert mirror.view() is None  # in progress, but no runner has it open (a crash)
    stale_lock(path)
    mirror.poll()
    assert running_meetings(store) == [] and mirror.view() is None
    lock_path(path).unlink()
    lock = MeetingLock(path)
    lock.acquire()
    try:
        assert [r.number for r in running_meetings(store)] == [1]
        mirror.poll()
        view = mirror.view()
        assert view is not None and view.number == 1 and view.stage == "opening"
        assert view.remaining == 600 and view.level == "normal"
        session.finish(None)  # completed under the lock (as when amending): not running
        mirror.poll()
        assert mirror.view() is None
    finally:
        lock.release()


def test_the_view_follows_the_saved_file_and_holds_nothing_of_the_members(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    session = open_session(sample_group, clock=clock)
    session.start()
    session.all_present()
    session.set_round_answer("K1", "Ani from Tarbiyah")
    session.set_private_notes("private")
    lock = MeetingLock(store.meeting_path(sample_group.id, 1))
    lock.acquire()
    try:
        session.save()
        mirror = watch(store, clock)
        mirror.poll()
        clock.advance(90)
        view = mirror.view()
        assert view is not None and view.remaining == 510 and view.group_name is None
        assert view.prompt == "Introduce yourself: name, faculty, hometown"
        session.next_stage()
        session.extend(2)
        session.meeting.icebreaker = IcebreakerUse(id="two-truths", note="went well for Ani")
        session.save()
        clock.advance(30)
        mirror.poll()
        view = mirror.view()
        assert view is not None and view.stage == "transition"
        assert [s.place for s in view.stages] == ["done", "current", "later", "later"]
        assert view.stages[1].minutes == 12 and view.remaining == 12 * 60 - 30
        session.toggle_pause()
        session.save()
        clock.advance(600)
        mirror.poll()
        view = mirror.view()
        assert view is not None and view.level == "paused" and view.remaining == 12 * 60 - 30
    finally:
        lock.release()
    said = repr(view)
    for private in ("Ani", "Budi", "Citra", "Tarbiyah", "private", "went well"):
        assert private not in said
    assert {f.name for f in fields(MirrorView)} == {
        "number",
        "planned",
        "stage",
        "stages",
        "remaining",
        "level",
        "group_name",
        "prompt",
        "agreed_end",
        "icebreaker",
        "steps",
        "others",
        "unreadable",
    }


def test_the_icebreaker_shows_in_the_transition_in_the_language(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.status = "in_progress"
    meeting.current_stage = "transition"
    library = load_library(store.root)
    item = next(iter(library.items.values()))
    meeting.icebreaker = IcebreakerUse(id=item.id)
    now = dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ)
    view = mirror_view(sample_group, meeting, load_agenda(store.root), library, now, lang="id", show_group=True)
    assert view.icebreaker == item.name.indonesian and list(view.steps) == item.steps.indonesian
    assert view.group_name == sample_group.name
    meeting.current_stage = "activity"
    assert mirror_view(sample_group, meeting, load_agenda(store.root), library, now).icebreaker is None


def test_a_running_stage_counts_from_the_moment_its_file_was_written(sample_group: Group) -> None:
    stage = Meeting.new(sample_group, 1).stages.opening
    stage.actual_seconds = 60.0
    stage.resumed_at = dt.datetime(2024, 1, 15, 15, 0, 0, tzinfo=TZ)
    now = dt.datetime(2024, 1, 15, 15, 0, 10, 500_000, tzinfo=TZ)
    assert stage_elapsed(stage, now) == 70.5
    written = stage.resumed_at + dt.timedelta(seconds=0.8)  # resumed_at is written to the second
    assert stage_elapsed(stage, now, written) == 60 + 9.7
    assert stage_elapsed(stage, now, stage.resumed_at + dt.timedelta(minutes=5)) == 70.5  # a later save
    stage.resumed_at = None
    assert stage_elapsed(stage, now, written) == 60.0  # paused


def test_of_several_running_meetings_the_one_opened_last_is_followed(store: Store, open_session: OpenSession) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    groups = [store.create_group(name, ["Ani", "Budi"], first_meeting=dt.date(2024, 1, 15)) for name in ("A", "B")]
    locks = []
    try:
        for group in groups:
            session = open_session(group, clock=clock)
            session.start()
            session.save()
            lock = MeetingLock(store.meeting_path(group.id, 1))
            lock.acquire()
            locks.append(lock)
        for group, lock, minute in zip(groups, locks, (5, 0), strict=True):  # A's lock was taken after B's
            since = dt.datetime(2024, 1, 15, 8, minute, tzinfo=dt.UTC)
            holder = Holder(os.getpid(), this_host(), boot_id(), None, since, lock.token)
            lock_path(store.meeting_path(group.id, 1)).write_bytes(format_holder(holder))
        mirror = watch(store, clock)
        mirror.poll()
        assert mirror.running is not None and mirror.running.group_id == groups[0].id
        view = mirror.view()
        assert view is not None and view.others == 1
        only_b = watch(store, clock, group_id=groups[1].id)
        only_b.poll()
        assert only_b.running is not None and only_b.running.group_id == groups[1].id
        assert only_b.view() is not None and only_b.view().others == 0  # type: ignore[union-attr]
    finally:
        for lock in locks:
            lock.release()


def test_a_damaged_file_keeps_the_last_good_reading(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))
    session = open_session(sample_group, clock=clock)
    session.start()
    session.save()
    path = store.meeting_path(sample_group.id, 1)
    lock = MeetingLock(path)
    lock.acquire()
    try:
        mirror = watch(store, clock)
        mirror.poll()
        path.write_text("not = [toml")
        mirror.poll()
        view = mirror.view()
        assert view is not None and view.unreadable and view.stage == "opening"
    finally:
        lock.release()


def test_the_command_names_an_unknown_group_and_is_in_the_help(
    capsys: pytest.CaptureFixture[str], store: Store, sample_group: Group
) -> None:
    assert main(["--data-dir", str(store.root), "mirror", "no-such-group"]) == 2
    assert "no-such-group" in capsys.readouterr().err
    for lang, words in (("en", "a second screen for the room"), ("id", "layar kedua untuk ruangan")):
        assert main(["--lang", lang, "--help"]) == 0
        out = capsys.readouterr().out
        assert "mirror" in out and words in " ".join(out.split())
        assert main(["--lang", lang, "mirror", "--help"]) == 0
        assert "--show-group" in capsys.readouterr().out
