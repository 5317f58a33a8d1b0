"""One member's details (``e`` on a group at home, or on a member in review's F3 tab): name,
faculty, note, active, and the consent dates. Keys alone: Tab moves, Ctrl+S saves, Esc closes.

Thin: the typed fields are checked by ``program/members.py`` and saved by the app
(:class:`~homeroom_tui.screens.messages.SaveMember`), which tells this screen what happened.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.model import LINE_MAX, SHORT_TEXT_MAX, Consent, Group, Member
from homeroom_tui.program.members import CONSENT_KINDS, MemberEdit, changed_fields, edited_member
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
        HELP,
        Action("escape", "cancel", "key.cancel", "cmd.cancel", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "member.title"
    KEYS_IN_ORDER = True
    """Ctrl+S acts only once the keys typed before it are in their fields (``HomeroomApp.on_event``)."""

    def __init__(self, group: Group, member: Member) -> None:
        super().__init__()
        self.group = group
        self.member = member
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
            yield Static("", id="member-error")
            yield Static(t("member.hint"), classes="member-hint")

    def on_mount(self) -> None:
        self.query_one("#member-name", Input).focus()

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

    def action_save(self) -> None:
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
            self.refused(after)
            return
        changed = changed_fields(self.member, after)
        if not changed:
            self.notify(t("member.unchanged"))
            self.dismiss(None)
            return
        self.query_one("#member-error", Static).update("")
        self.post_message(SaveMember(self, self.group.id, self.member, after))

    def saved(self, group: Group) -> None:
        """The app saved the member: say what, and close."""
        after = group.member(self.member.id)
        changed = changed_fields(self.member, after) if after is not None else []
        what = ", ".join(t(f"member.field.{field}") for field in changed)
        name = after.name if after is not None else self.member.name
        self.notify(visible_values("member.saved", id=self.member.id, name=name, what=what), markup=False)
        self.dismiss(group)

    def refused(self, reason: str) -> None:
        """What was typed could not be saved: say why; the screen stays open with everything typed."""
        self.query_one("#member-error", Static).update(plain(reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
