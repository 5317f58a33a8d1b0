"""Leaving a meeting or quitting while its saves fail: ask, never drop the text silently.

Three ways on: keep trying (try now; if it works, go on, else stay: the runner retries every
second), write a copy to a folder the counselor names, or go anyway (a private recovery copy is
kept in the counselor's own folder, never in the failing data folder).

The dialog dismisses with ``"saved"`` (a retry worked: go on), ``"copied"``, ``"anyway"``, or
``"retry"`` (stay).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from homeroom_tui.i18n import t
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.screens.dialogs import Dialog
from homeroom_tui.store import error_reason
from homeroom_tui.store.recovery import recovery_dir, write_copy, write_recovery_copy
from homeroom_tui.widgets.in_place import InPlaceInput
from homeroom_tui.widgets.plain import plain


class UnsavedDialog(Dialog[str]):
    """Some open meetings could not be saved: keep trying, write a copy elsewhere, or go anyway."""

    DEFAULT_CSS = """
    UnsavedDialog { align: center middle; }
    #unsaved { width: 100%; max-width: 76; height: auto; max-height: 100%; border: thick $error;
               background: $surface; padding: 0 1; }
    #unsaved-title { text-style: bold; color: $error; }
    #unsaved-meetings, #unsaved-body { height: auto; }
    #unsaved-choices { height: auto; margin-top: 1; }
    #unsaved-error { height: auto; color: $error; }
    """

    ERROR = "#unsaved-error"
    BINDINGS = [
        Binding("r", "retry", "exit.key_retry"),
        Binding("c", "ask_folder", "exit.key_copy"),
        Binding("x", "anyway", "exit.key_anyway"),
        Binding("escape", "escape", "key.cancel"),
    ]

    def __init__(self, sessions: Sequence[MeetingSession], quitting: bool) -> None:
        super().__init__()
        self.sessions = list(sessions)
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved"):
            yield Label(t("exit.unsaved_title"), id="unsaved-title")
            lines = Text()
            for session in self.sessions:
                reason = error_reason(session.last_error) if session.last_error is not None else ""
                line = t("exit.unsaved_meeting", number=session.meeting.number, reason=reason)
                lines.append_text(plain(session.group.name))
                lines.append(" · " + line + "\n")
            yield Static(lines, id="unsaved-meetings")
            yield Static(plain(t("exit.unsaved_body")), id="unsaved-body")
            anyway = "exit.choice_quit_anyway" if self.quitting else "exit.choice_leave_anyway"
            choices = "\n".join(
                [
                    t("exit.choice_retry"),
                    t("exit.choice_copy"),
                    t(anyway, path=recovery_dir()),
                ]
            )
            yield Static(plain(choices, multiline=True), id="unsaved-choices")
            yield Static("", id="unsaved-error")

    # choices ------------------------------------------------------------------------------------
    def action_retry(self) -> None:
        """Keep trying: try once more now; if it works go on, else stay (retried every second)."""
        still = [s for s in self.sessions if not s.save()]
        self.dismiss("saved" if not still else "retry")

    def action_ask_folder(self) -> None:
        """Ask for the folder (mounted only now: before, single keys are the choices)."""
        if not self.query("#unsaved-folder"):
            folder = InPlaceInput(str(Path.home()), id="unsaved-folder", placeholder=t("exit.folder_placeholder"))
            self.query_one("#unsaved", Vertical).mount(folder, before="#unsaved-error")
        self.query_one("#unsaved-folder", Input).focus()
        self.show_error(t("exit.folder_hint"))

    @on(Input.Submitted, "#unsaved-folder")
    def _write_copies(self, event: Input.Submitted) -> None:
        folder = Path(event.value.strip() or str(Path.home())).expanduser()
        written = []
        try:
            for session in self.sessions:
                written.append(write_copy(session.meeting, folder))
        except OSError as exc:
            self.show_error(t("exit.copy_failed", path=folder, reason=error_reason(exc)))
            return
        self.app.notify(t("exit.copied", path=", ".join(str(p) for p in written)), timeout=15)
        self.dismiss("copied")

    def action_anyway(self) -> None:
        """Go without saving to the data folder; a private recovery copy keeps the text."""
        written = [path for s in self.sessions if (path := write_recovery_copy(s.meeting)) is not None]
        if len(written) < len(self.sessions):
            self.show_error(t("exit.recovery_failed", path=recovery_dir()))
            # the second x goes, having said so: the counselor was told and chose
            if not getattr(self, "_warned", False):
                self._warned = True
                return
        else:
            self.app.notify(t("exit.recovered", path=", ".join(str(p) for p in written)), timeout=15)
        self.dismiss("anyway")

    def action_escape(self) -> None:
        for folder in self.query("#unsaved-folder"):
            folder.remove()
            self.show_error("")
            return
        self.dismiss("retry")
