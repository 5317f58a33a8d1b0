"""One member's details (``e`` on a group at home, or on a member in review's F3 tab): name,
faculty, note, active, the consent dates, the item scores of the group's scales and the member's
interviews. Keys alone: Tab moves, Ctrl+S saves, Esc closes; F4 defines a scale, F5 changes the
scale of the row in focus, F6 adds an interview (saved at once, as is a deleted one).

Thin: the typed fields are checked by ``program/members.py`` and saved by the app
(:class:`~homeroom_tui.screens.messages.SaveMember`), which tells this screen what happened.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.model import LINE_MAX, SHORT_TEXT_MAX, Consent, Group, Member
from homeroom_tui.program.interviews import title, with_interview
from homeroom_tui.program.members import CONSENT_KINDS, MemberEdit, changed_fields, edited_member
from homeroom_tui.program.scales import ScaleTexts, administrations, load_texts, member_values, with_scores
from homeroom_tui.screens.dialogs import ConfirmDialog
from homeroom_tui.screens.member_research import InterviewDialog, InterviewList, ScaleDialog, ScoreRow
from homeroom_tui.screens.messages import SaveMember
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.limited import DATE_MAX, LimitedInput, LimitedTextArea
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, visible_values

BOX_LABELS = {
    ("active", True): "member.active_yes",
    ("active", False): "member.active_no",
    ("needed", True): "member.needed_yes",
    ("needed", False): "member.needed_no",
}


def box_label(kind: str, value: bool) -> str:
    """The words beside a tick box (``active``, ``needed``): what it means now."""
    return t(BOX_LABELS[kind, value])


class MemberPicker(ModalScreen[str | None]):
    """The group's members in a list: Enter opens the highlighted one's details, Esc closes."""

    KEYS_IN_ORDER = True  # "e Enter" at once opens the first member's details (app._catch_up)

    ACTIONS = (  # help and palette come from this table (widgets/keys.py)
        HELP,
        Action("escape", "cancel", "key.close", "cmd.close_members", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "common.members"

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="member-pick"):
            yield Static(plain(t("common.members") + " · " + self.group.name), id="member-pick-title")
            yield OptionList(
                *(Option(plain(f"{m.id:<4} {m.name}"), id=m.id) for m in self.group.members), id="member-pick-list"
            )
            yield Static(t("member.pick_hint"), classes="member-hint")

    def on_mount(self) -> None:
        members = self.query_one(OptionList)
        if self.group.members:
            members.highlighted = 0
        members.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MemberDetails(ModalScreen[Group | None]):
    """Edit one member; dismissed with the group as saved, or None when nothing was saved."""

    ACTIONS = (  # help and palette come from this table (widgets/keys.py)
        Action("ctrl+s", "save", "key.save", "cmd.save_member", priority=True),
        # priority: acted on in the order typed, so that the keys after F4/F6 go into the dialog it opens
        Action("f4", "new_scale", "key.new_scale", "cmd.new_scale", priority=True),
        Action("f5", "edit_scale", "key.edit_scale", "cmd.edit_scale", footer=False, priority=True),
        Action("f6", "new_interview", "key.new_interview", "cmd.new_interview", priority=True),
        HELP,
        Action("escape", "cancel", "key.cancel", "cmd.cancel", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "member.title"
    KEYS_IN_ORDER = True
    """Ctrl+S acts only once the keys typed before it are in their fields (``HomeroomApp.on_event``)."""

    def __init__(self, group: Group, member: Member, data_dir: Path | None = None) -> None:
        super().__init__()
        self.group = group
        self.member = member
        self.data_dir = data_dir
        self.texts = load_texts(data_dir, group.scales) if data_dir is not None else ScaleTexts()
        self.saved_group: Group | None = None
        """The group as last saved from this screen (an interview, a scale): what closing hands back."""
        self._closing_save = True
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        member = self.member
        consent = member.consent or Consent()
        with VerticalScroll(id="member-form"):
            yield Static(plain(t("member.title") + f" {member.id} · " + self.group.name), id="member-title")
            with Horizontal(classes="member-row"):
                yield Label(t("member.field.name"), classes="member-label")
                yield LimitedInput(member.name, id="member-name", compact=True, limit=LINE_MAX)
            with Horizontal(classes="member-row"):
                yield Label(t("member.field.faculty"), classes="member-label")
                yield LimitedInput(member.faculty or "", id="member-faculty", compact=True, limit=LINE_MAX)
            with Horizontal(classes="member-row", id="member-note-row"):
                yield Label(t("member.field.note"), classes="member-label")
                yield LimitedTextArea(member.note or "", id="member-note", compact=True, limit=SHORT_TEXT_MAX)
            with Horizontal(classes="member-row"):
                yield Label(t("member.field.active"), classes="member-label")
                yield Checkbox(box_label("active", member.active), member.active, id="member-active", compact=True)
            for kind in CONSENT_KINDS:
                if kind == "guardian":
                    with Horizontal(classes="member-row"):
                        yield Label(t("member.field.guardian_needed"), classes="member-label")
                        needed = consent.guardian_needed
                        yield Checkbox(box_label("needed", needed), needed, id="member-needed", compact=True)
                day = getattr(consent, kind)
                with Horizontal(classes="member-row"):
                    yield Label(t(f"member.field.consent.{kind}"), classes="member-label")
                    yield LimitedInput(
                        day.isoformat() if day else "",
                        placeholder=t("member.date_placeholder"),
                        id=f"member-{kind}",
                        compact=True,
                        limit=DATE_MAX,
                    )
            yield Static(t("member.scale.heading"), classes="member-section")
            yield Vertical(id="member-scales")
            yield Static("", id="member-scale-problems")
            yield Static(t("member.interview.heading"), classes="member-section")
            yield InterviewList(id="member-interviews")
            yield Static(t("member.interview.list_hint"), classes="member-hint member-wrap")
            yield Static("", id="member-error")
            yield Static(t("member.hint"), classes="member-hint")

    def on_mount(self) -> None:
        self.query_one("#member-name", Input).focus()
        self._show_scales()
        self.query_one(InterviewList).show(self.member)

    def _show_scales(self) -> None:
        """One row of item cells per scale and meeting; the damaged item-text files, named."""
        box = self.query_one("#member-scales", Vertical)
        typed = {(row.scale.id, row.meeting): row.values for row in self.query(ScoreRow)}
        box.remove_children()
        rows = administrations(self.group, self.member)
        box.mount_all(
            ScoreRow(
                scale, number, typed.get((scale.id, number)) or member_values(self.member, scale, number), self.texts
            )
            for scale, number in rows
        )
        if not rows:
            box.mount(Static(t("member.scale.none"), classes="member-wrap"))
        problems = [t("member.scale.texts_damaged", problem=str(problem)) for problem in self.texts.problems]
        said = self.query_one("#member-scale-problems", Static)
        said.update(plain("\n".join(problems)))
        said.display = bool(problems)

    @on(Checkbox.Changed)
    def _box_changed(self, event: Checkbox.Changed) -> None:
        """A tick box says yes or no in words: its mark alone is only a colour."""
        kind = (event.checkbox.id or "").removeprefix("member-")
        event.checkbox.label = box_label(kind, event.value)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#member-{widget_id}", Input).value

    def _box(self, widget_id: str) -> bool:
        return self.query_one(f"#member-{widget_id}", Checkbox).value

    def _typed(self) -> Member | str:
        """The member as typed on the screen (scores included), or the message that names a field to fix."""
        edit = MemberEdit(
            name=self._value("name"),
            faculty=self._value("faculty"),
            note=self.query_one("#member-note", TextArea).text,
            active=self._box("active"),
            counseling=self._value("counseling"),
            research=self._value("research"),
            guardian=self._value("guardian"),
            guardian_needed=self._box("needed"),
        )
        after = edited_member(self.member, edit)
        if isinstance(after, str):
            return after
        for row in self.query(ScoreRow):
            after = with_scores(after, row.scale, row.meeting, row.values)
        return after

    def action_save(self) -> None:
        after = self._typed()
        if isinstance(after, str):
            self.refused(after)
            return
        changed = changed_fields(self.member, after)
        if not changed:
            self.notify(t("member.unchanged"))
            self.dismiss(self.saved_group)
            return
        self.query_one("#member-error", Static).update("")
        self._closing_save = True
        self.post_message(SaveMember(self, self.group.id, self.member, after))

    def saved(self, group: Group) -> None:
        """The app saved the member: say what, and close (after a deleted interview: show the list)."""
        if not self._closing_save:
            self._took(group)
            self.notify(t("member.interview.deleted"))
            return
        after = group.member(self.member.id)
        changed = changed_fields(self.member, after) if after is not None else []
        what = ", ".join(t(f"member.field.{field}") for field in changed)
        name = after.name if after is not None else self.member.name
        self.notify(visible_values("member.saved", id=self.member.id, name=name, what=what), markup=False)
        self.dismiss(group)

    def refused(self, reason: str) -> None:
        """What was typed could not be saved: say why; the screen stays open with everything typed."""
        self._closing_save = True
        self.query_one("#member-error", Static).update(plain(reason))

    def _took(self, group: Group) -> None:
        """What was saved from a dialog (an interview, a scale) is the member and group as they are now;
        the fields typed meanwhile stay as typed."""
        member = group.member(self.member.id)
        if member is None:
            return
        self.group, self.member, self.saved_group = group, member, group
        self.query_one(InterviewList).show(member)

    # scales ---------------------------------------------------------------------------------------
    def action_new_scale(self) -> None:
        """F4: define a scale for the group (saved at once into the group file)."""
        self.app.push_screen(ScaleDialog(self.group, None), self._scale_saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F5 changes the scale of the row of item cells in focus."""
        if action == "edit_scale":
            return isinstance(self.focused, ScoreRow)
        return True

    def action_edit_scale(self) -> None:
        focused = self.focused
        if isinstance(focused, ScoreRow):
            self.app.push_screen(ScaleDialog(self.group, focused.scale), self._scale_saved)

    def _scale_saved(self, group: Group | None) -> None:
        if group is None:
            return
        self._took(group)
        if self.data_dir is not None:
            self.texts = load_texts(self.data_dir, group.scales)
        self.notify(t("member.scale.saved"))
        self._show_scales()

    # interviews -----------------------------------------------------------------------------------
    def _today(self) -> str:
        return dt.date.today().isoformat()  # the field's default; the counselor types the day it was held

    def action_new_interview(self) -> None:
        """F6: add an interview (saved at once into the group file)."""
        self.app.push_screen(InterviewDialog(self.group, self.member, None, self._today()), self._interview_saved)

    @on(OptionList.OptionSelected, "#member-interviews")
    def _edit_interview(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        self.app.push_screen(InterviewDialog(self.group, self.member, index, self._today()), self._interview_saved)

    def _interview_saved(self, group: Group | None) -> None:
        if group is not None:
            self._took(group)

    @on(InterviewList.Delete)
    def _delete_interview(self, event: InterviewList.Delete) -> None:
        interview = self.member.interviews[event.index]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            after = with_interview(self.member, None, event.index)
            if isinstance(after, str):
                self.refused(after)
                return
            self._closing_save = False
            self.post_message(SaveMember(self, self.group.id, self.member, after))

        self.app.push_screen(ConfirmDialog(t("member.interview.confirm_delete", interview=title(interview))), answered)

    def action_cancel(self) -> None:
        """Close; what was typed and not saved (scores above all) is dropped only after a confirmation."""
        after = self._typed()
        if not isinstance(after, str) and not changed_fields(self.member, after):
            self.dismiss(self.saved_group)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(self.saved_group)

        self.app.push_screen(ConfirmDialog(t("member.discard")), answered)
