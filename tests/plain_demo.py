"""The demo as it was before it showed the research features: for tests that need a state the demo no
longer has (nobody with research consent, no interviews, nobody who rated themself), built explicitly."""

from __future__ import annotations

from collections.abc import Iterable

from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import Store


def without_research_consent(group: Group) -> Group:
    """``group`` with no member's research consent recorded (counseling consent stays)."""
    members = [
        m.model_copy(update={"consent": m.consent.model_copy(update={"research": None}) if m.consent else None})
        for m in group.members
    ]
    return group.model_copy(update={"members": members})


def without_interviews(group: Group) -> Group:
    """``group`` with no member's interviews."""
    return group.model_copy(update={"members": [m.model_copy(update={"interviews": []}) for m in group.members]})


def without_self_ratings(meetings: Iterable[Meeting]) -> list[Meeting]:
    """``meetings`` with nobody's own ratings."""
    return [m.model_copy(update={"self_ratings": {}}) for m in meetings]


def strip_research_consent(store: Store, group_id: str) -> Group:
    """Remove every member's research consent from the stored group."""
    group = without_research_consent(store.load_group(group_id))
    store.save_group(group)
    return group
