"""Pilot test: review's meeting detail lists the attached files (name, kind, size, full path), as plain text."""

from pathlib import Path

from homeroom_tui.app import make_app
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.store.attachments import attach, folder_of
from tests import hostile_data
from tests.tui.test_review_detail import open_meeting

PHOTO = b"\xff\xd8\xff\xe0 the group on the mat \xff\xd9" * 100


async def test_review_lists_attached_files_with_where_they_are(tmp_path: Path) -> None:
    store = write_demo(tmp_path / "demo")
    phone = tmp_path / "phone"
    phone.mkdir()
    hostile = phone / "[b]foto [@click=app.quit].jpg"
    hostile.write_bytes(PHOTO)
    recording = phone / "penutupan.m4a"
    recording.write_bytes(b"ID3" * 700)
    attach(store, DEMO_GROUP_ID, 1, [hostile], note=hostile_data.NOTE, members=["K2", "K4"])
    attach(store, DEMO_GROUP_ID, 1, [recording])
    folder = folder_of(store, DEMO_GROUP_ID, 1)
    meeting_file = store.meeting_path(DEMO_GROUP_ID, 1)
    before = meeting_file.read_bytes()
    app = make_app(store.root)
    async with app.run_test(size=(160, 60)) as pilot:
        text = await open_meeting(app, pilot, 0)
        lines = text.splitlines()
        heading = lines.index("Attached files (2; never opened by homeroom)")
        assert lines[heading + 1] == "  [b]foto [@click=app.quit].jpg  photo · 2.7 KiB · K2, K4"
        assert lines[heading + 2] == "    " + str(folder / "[b]foto [@click=app.quit].jpg")
        assert "skala [a=rendah, b=tinggi" in lines[heading + 3] and "\x1b" not in text  # the note, plain
        assert lines[heading + 4] == "  penutupan.m4a  audio · 2.1 KiB · the whole group"
        assert lines[heading + 5] == "    " + str(folder / "penutupan.m4a")
        await pilot.press("q")
        await pilot.pause()
    # review never opens, moves or rewrites: the copies and the meeting file are as they were
    assert (folder / "[b]foto [@click=app.quit].jpg").read_bytes() == PHOTO
    assert ((folder / "penutupan.m4a").stat().st_mode & 0o777) == 0o600
    assert meeting_file.read_bytes() == before
