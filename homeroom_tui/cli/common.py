"""What the commands share: safe output streams, error lines, and what the options name.

Slow imports (pydantic, the store, Textual) stay inside the function that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from homeroom_tui.i18n import t, t_count

if TYPE_CHECKING:
    from homeroom_tui.model import Group
    from homeroom_tui.program.icebreakers import Library
    from homeroom_tui.store import Problem, Store


class _VisibleStream:
    """stdout or stderr for a command: nothing from a note or a file drives the terminal.

    Every write has its control characters escaped (:func:`~homeroom_tui.plain.visible_output`);
    tabs, line breaks and ``\\r\\n`` pass. One place, so that no command, message or argparse
    error can print an escape sequence raw.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from homeroom_tui.plain import visible_output

        return self.stream.write(visible_output(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def visible_streams() -> Iterator[None]:
    """While a command runs, ``sys.stdout`` and ``sys.stderr`` escape control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = _VisibleStream(out)
    sys.stderr = _VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


@contextlib.contextmanager
def raw_streams() -> Iterator[None]:
    """The app draws the terminal itself (and makes its own text visible): the streams as they were."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = out.stream if isinstance(out, _VisibleStream) else out
    sys.stderr = err.stream if isinstance(err, _VisibleStream) else err
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def err(message: str) -> None:
    """An error line on stderr: ``homeroom: error: message``."""
    print(f"homeroom: {t('cli.error')}: {message}", file=sys.stderr)


def checked_text(key: str, problems: int, files: int) -> str:
    """``key`` with its counts in words: "1 problem in 2 files checked."."""
    return t(key, problems=t_count("cli.problems", problems), files=t_count("cli.files", files))


def print_problems(
    problems: Iterable[Problem],
    *,
    to: Literal["error", "stdout", "stderr"] = "error",
    say: Callable[[Problem], str] = str,
) -> None:
    """Each problem of a file on a line of its own: path, field or line, reason (never the text of a note).

    ``to="error"`` says them as errors (``homeroom: error: ...`` on stderr); ``"stdout"`` lists them as
    the command's output (``check``), ``"stderr"`` beside it (``groups``). ``say`` puts each in a sentence.
    """
    for problem in problems:
        line = say(problem)
        if to == "error":
            err(line)
        else:
            print(line, file=sys.stdout if to == "stdout" else sys.stderr)


def icebreakers_file(args: argparse.Namespace) -> Path | None:
    """The ice-breaker file given with ``--icebreakers``, if any."""
    return Path(args.icebreakers) if args.icebreakers else None


def library(args: argparse.Namespace) -> Library:
    """The ice-breaker library the options name; a damaged file of the counselor's is said."""
    from homeroom_tui.program.icebreakers import load_library
    from homeroom_tui.store import resolve_data_dir

    loaded = load_library(resolve_data_dir(args.data_dir), icebreakers_file(args))
    if loaded.fell_back:
        err(t("cli.ib.fell_back", path=loaded.user_file))
    return loaded


def find_group(args: argparse.Namespace) -> tuple[Store, Group] | int:
    """The group named on the command line, or an exit code after a message."""
    from homeroom_tui.store import DamagedFile, Store, resolve_data_dir

    store = Store(resolve_data_dir(args.data_dir))
    if args.group not in store.group_ids():
        err(t("cli.unknown_group", id=args.group))
        return 2
    try:
        return store, store.load_group(args.group)
    except DamagedFile as exc:
        print_problems(exc.problems)
        return 1
