"""What the agenda and the ice-breaker library say in both languages. Imports no Textual.

A file holds the two languages under the keys ``en`` and ``id``; in Python they are ``english`` and
``indonesian``, since ``id`` is a slug or a member's ``K1`` everywhere else. Models are read by
these keys (the aliases); a model written back to a file must be dumped with ``by_alias=True``.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import Field

from homeroom_tui.i18n import Lang
from homeroom_tui.model.common import Strict

T = TypeVar("T")


class Bilingual(Strict, Generic[T]):
    """One thing said in English and in Bahasa Indonesia.

    ``T`` is what each language holds, with its limits: ``Bilingual[Annotated[str, ...]]`` for a
    text, ``Bilingual[Annotated[list[str], ...]]`` for a list of steps.
    """

    english: T = Field(alias="en")
    """English (``en`` in the file)."""
    indonesian: T = Field(alias="id")
    """Bahasa Indonesia (``id`` in the file)."""

    def text(self, lang: Lang) -> T:
        """What it says in ``lang``."""
        return self.indonesian if lang == "id" else self.english
