"""Helper process for test_crash_safety: saves meeting 1 of a group in a loop until it is killed.

Run as ``python -m tests.unit._saver DATA_DIR GROUP_ID [LIMIT]``. It resumes from the meeting file
(the counter is ``stages.opening.actual_seconds``), prints ``ready N`` once loaded, then
``saved I`` after each save returns, and stops after LIMIT saves (never, without LIMIT).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from homeroom_tui.store import Store

MAX_COUNTER = 80_000
"""``actual_seconds`` may not exceed 86400: stay below it."""


def notes_for(counter: int) -> str:
    """The private notes that belong with ``counter``: their length varies from save to save."""
    return f"version {counter} " * (1 + (counter * 37) % 2500)


def main(argv: list[str]) -> int:
    store = Store(Path(argv[0]))
    group = store.load_group(argv[1])
    limit = int(argv[2]) if len(argv) > 2 else MAX_COUNTER
    meeting = store.load_meeting(group, 1)
    start = int(meeting.stages.opening.actual_seconds)
    if meeting.private_notes != notes_for(start):
        print(f"inconsistent {start}", file=sys.stderr, flush=True)
        return 3
    os.write(1, f"ready {start}\n".encode())
    for counter in range(start + 1, min(start + 1 + limit, MAX_COUNTER)):
        meeting.private_notes = notes_for(counter)
        meeting.stages.opening.actual_seconds = float(counter)
        store.save_meeting(meeting)
        os.write(1, f"saved {counter}\n".encode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
