"""Who gave consent to what: the one rule the research exports use. Imports no Textual.

Research use needs the member's own consent to research use, with its date, and, where the
counselor recorded that a guardian's consent is needed, the guardian's date as well. Consent to
counseling alone is not consent to research use. Members who have left the group are judged the
same way: their past records would be in an export too.
"""

from __future__ import annotations

from homeroom_tui.model import Group, Member


def has_research_consent(member: Member) -> bool:
    """Whether what is recorded about ``member`` may be used for research."""
    consent = member.consent
    if consent is None or consent.research is None:
        return False
    return not consent.guardian_needed or consent.guardian is not None


def research_members(group: Group) -> list[Member]:
    """The members (active or not, in the group's order) whose records may go into a research export."""
    return [member for member in group.members if has_research_consent(member)]


def without_research_consent(group: Group) -> list[Member]:
    """The members a research export leaves out, in the group's order (to say so)."""
    return [member for member in group.members if not has_research_consent(member)]
