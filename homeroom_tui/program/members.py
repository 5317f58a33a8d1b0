"""Editing one member: what the counselor typed, checked, and saved into the group file. Imports no Textual.

The member details screen (``screens/member_details.py``) reads the typed fields into a
:class:`MemberEdit` here and hands it to :func:`save_member`, which reads the group file again
and changes only this member: what another homeroom or a hand edit saved meanwhile is kept, a
member changed on disk since the screen opened is not overwritten, and a damaged group file
is never written (the store refuses it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from homeroom_tui.i18n import t
from homeroom_tui.model import Consent, Group, Member
from homeroom_tui.model.common import normalise_newlines, single_line
from homeroom_tui.store import DamagedFile, Store

CONSENT_KINDS: Final = ("counseling", "research", "guardian")
"""The consents a member's file records, each with a date (``model/group.py`` ``Consent``)."""

FIELDS: Final = (
    "name",
    "faculty",
    "note",
    "active",
    *(f"consent.{kind}" for kind in CONSENT_KINDS),
    "guardian_needed",
    "scores",
    "interviews",
)
"""What the screen edits, in the order it shows them (catalog keys ``member.field.*``)."""


@dataclass(frozen=True)
class MemberEdit:
    """The member as typed: the fields of the screen, each as text (dates as ``YYYY-MM-DD`` or empty)."""

    name: str
    faculty: str
    note: str
    active: bool
    counseling: str
    research: str
    guardian: str
    guardian_needed: bool


def typed_day(text: str) -> dt.date | None:
    """A date typed as ``YYYY-MM-DD`` (None when empty); ValueError when it is not one."""
    text = text.strip()
    if not text:
        return None
    if len(text) != 10:  # fromisoformat also takes 20240110: only the form the file uses
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def edited_member(member: Member, edit: MemberEdit) -> Member | str:
    """``member`` with the typed fields, or the message that names the field to fix."""
    name = edit.name.strip()
    if not name:
        return t("member.err.name")
    for field, value in (("name", name), ("faculty", edit.faculty)):
        try:
            single_line(value)
        except ValueError:
            return t("form.err.controls", field=t(f"member.field.{field}"))
    days: dict[str, dt.date | None] = {}
    for kind in CONSENT_KINDS:
        try:
            days[kind] = typed_day(getattr(edit, kind))
        except ValueError:
            return t("member.err.date", field=t(f"member.field.consent.{kind}"))
    consent = Consent(**days, guardian_needed=edit.guardian_needed)
    fields: dict[str, object] = member.model_dump(exclude={"faculty", "note", "consent"})
    fields.update(name=name, active=edit.active)
    if edit.faculty.strip():
        fields["faculty"] = edit.faculty.strip()
    if normalise_newlines(edit.note).strip():
        fields["note"] = normalise_newlines(edit.note)
    if not consent.empty:
        fields["consent"] = consent
    try:
        return Member.model_validate(fields)
    except ValueError:  # a length the widgets already stop at: said, never written
        return t("member.err.invalid")


def changed_fields(before: Member, after: Member) -> list[str]:
    """What differs between two versions of a member, as keys of :data:`FIELDS`."""
    old = before.consent or Consent()
    new = after.consent or Consent()
    changed = [f for f in ("name", "faculty", "note", "active") if getattr(before, f) != getattr(after, f)]
    changed += [f"consent.{kind}" for kind in CONSENT_KINDS if getattr(old, kind) != getattr(new, kind)]
    if old.guardian_needed != new.guardian_needed:
        changed.append("guardian_needed")
    changed += [f for f in ("scores", "interviews") if getattr(before, f) != getattr(after, f)]
    return changed


def save_member(store: Store, group_id: str, before: Member, after: Member) -> Group:
    """Save ``after`` in place of ``before`` into the group file as it is on disk now; the saved group.

    Raises :class:`DamagedFile` when the group file is damaged (it stays as it is) or when this
    member was changed or removed on disk since ``before`` was read (nothing is written), and
    whatever :meth:`Store.save_group` raises (the disk, a value the file would refuse).
    """
    group = store.load_group(group_id)
    path = store.group_path(group_id)
    index = next((i for i, m in enumerate(group.members) if m.id == before.id), None)
    if index is None or group.members[index] != before:
        raise DamagedFile.one(path, f"members[{index if index is not None else before.id}]", t("member.err.changed"))
    members = list(group.members)
    members[index] = after
    saved = Group.model_validate({**group.model_dump(exclude={"members"}), "members": members})
    store.save_group(saved)
    return saved
