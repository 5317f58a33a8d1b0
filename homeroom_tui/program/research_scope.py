"""Who and what a research export shows: the members with research consent, and text without the others.

The research exports (the study's displays, the recall network) leave out every member without
recorded research consent (``program/consent.py``). Leaving out their rows is not enough: their
names may stand in the notes and answers of others, so in every text an excluded member's name
becomes "another member" (also with ``--names``), before the usual aliasing of the members kept.
The group's name or id is replaced ("Group A") when it holds a name that may not appear. Imports
no Textual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.model import Group, Member
from homeroom_tui.program.aliases import Aliaser, AliasStats
from homeroom_tui.program.consent import research_members, without_research_consent


@dataclass
class ResearchScope:
    """A group as a research export may show it: ``members`` kept, ``excluded`` left out."""

    group: Group
    lang: Lang
    names: bool = False
    members: list[Member] = field(init=False)
    excluded: list[Member] = field(init=False)
    aliases: Aliaser = field(init=False)
    others: Aliaser = field(init=False)

    def __post_init__(self) -> None:
        self.members = research_members(self.group)
        self.excluded = without_research_consent(self.group)
        self.aliases = Aliaser(self.group)
        left_out = self.group.model_copy(update={"members": self.excluded})
        another = t_in(self.lang, "report.qdpx.another_member")  # the words the REFI-QDA export uses too
        self.others = Aliaser(left_out, labels={member.id: another for member in self.excluded})

    def text(self, value: str) -> str:
        """Free text as the export shows it: excluded members' names replaced, the rest aliased unless names."""
        value = self.others(value) if self.excluded else value
        return value if self.names else self.aliases(value)

    def who(self, member_id: str) -> str:
        """A kept member: the alias, or the name with ``names``."""
        member = self.group.member(member_id)
        return member.name if self.names and member is not None else member_id

    @property
    def group_name(self) -> str:
        """The group's name, or "Group A" where it holds a name the export may not show."""
        if not self.names:
            return self.aliases.group_name(self.lang)
        return self.others.group_name(self.lang) if self.excluded else self.group.name

    @property
    def group_id(self) -> str:
        """The group's id, or ``group-a`` where it holds a name the export may not show."""
        if not self.names:
            return self.aliases.group_id
        return self.others.group_id if self.excluded else self.group.id

    @property
    def stats(self) -> AliasStats:
        """What aliasing did, for stderr: the names of the members kept and of those left out, together."""
        parts = [self.others.stats] + ([] if self.names else [self.aliases.stats])
        return AliasStats(
            replaced=sum(p.replaced for p in parts),
            ordinary=sum((p.ordinary for p in parts), Counter()),
            sentence_starts=sum((p.sentence_starts for p in parts), Counter()),
        )
