"""Message catalogs (English and Bahasa Indonesia) and the current language.

Every string a user sees comes from here. Imports no Textual.

A count chooses its words in the text itself: ``"{count} {count:file|files}"`` gives "1 file",
"2 files" (the singular, then the plural). Bahasa Indonesia has no plural form: its texts write
the word once ("{count} berkas").
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping
from typing import Final, Literal

from homeroom_tui.i18n.en import MESSAGES as EN

Lang = Literal["en", "id"]
LANGUAGES: Final[tuple[Lang, ...]] = ("en", "id")


class _Catalogs(Mapping[Lang, Mapping[str, str]]):
    """Each language's messages, imported the first time they are asked for (start-up reads one)."""

    def __init__(self) -> None:
        self._loaded: dict[str, Mapping[str, str]] = {"en": EN}

    def __getitem__(self, lang: Lang) -> Mapping[str, str]:
        catalog = self._loaded.get(lang)
        if catalog is None:
            if lang not in LANGUAGES:
                raise KeyError(lang)
            catalog = self._loaded[lang] = importlib.import_module(f"homeroom_tui.i18n.{lang}").MESSAGES
        return catalog

    def __iter__(self) -> Iterator[Lang]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __contains__(self, lang: object) -> bool:
        return lang in LANGUAGES


CATALOGS: Final[Mapping[Lang, Mapping[str, str]]] = _Catalogs()

_current: Lang = "en"


def detect_language(choice: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """``--lang`` > ``HOMEROOM_LANG`` > the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) > English."""
    env = os.environ if environ is None else environ
    for candidate in (choice, env.get("HOMEROOM_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return "id" if code == "id" else "en"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # gettext's order
        value = env.get(var, "")
        if value:
            code = value.strip().lower()[:2]
            # "in" is the old ISO code for Indonesian, still seen on some systems.
            if code in ("id", "in"):
                return "id"
            return "en"
    return "en"


def set_language(lang: Lang) -> None:
    """Make ``lang`` the language of every later message."""
    global _current
    if lang not in CATALOGS:
        raise ValueError(lang)
    _current = lang


def get_language() -> Lang:
    """The language in use."""
    return _current


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``{placeholders}`` filled in."""
    return t_in(_current, key, **values)


class _Count(int):
    """A whole number that, formatted with ``singular|plural``, gives the form that fits it."""

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return super().__format__(spec)
        singular, plural = spec.split("|", 1)
        return singular if self == 1 else plural


def t_in(lang: Lang, key: str, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    template = CATALOGS[lang].get(key) or EN.get(key) or key
    if not values:
        return template
    if "|" in template:
        values = {name: _Count(value) if type(value) is int else value for name, value in values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def has(key: str) -> bool:
    """Whether ``key`` is a known message."""
    return key in EN
