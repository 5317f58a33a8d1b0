"""Message catalogs (English and Bahasa Indonesia) and the current language.

Every string a user sees comes from here. Imports no Textual.
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


def t_in(lang: Lang, key: str, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    template = CATALOGS[lang].get(key) or EN.get(key) or key
    if not values:
        return template
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def has(key: str) -> bool:
    """Whether ``key`` is a known message."""
    return key in EN


def plural(lang: Lang, count: int) -> Literal["one", "other"]:
    """The plural form ``lang`` uses for ``count``: English says 1 file, 2 files; Indonesian has one form."""
    return "one" if lang == "en" and count == 1 else "other"


def t_count(key: str, count: int, /, **values: object) -> str:
    """The message for ``count`` things in the current language: ``key.one`` or ``key.other``, ``{count}`` filled in."""
    return t_count_in(_current, key, count, **values)


def t_count_in(lang: Lang, key: str, count: int, /, **values: object) -> str:
    """The message for ``count`` things in ``lang`` (see :func:`t_count`); the catalogs hold both forms in both languages."""
    return t_in(lang, f"{key}.{plural(lang, count)}", count=count, **values)
