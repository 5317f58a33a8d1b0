"""Member aliases in text that leaves the laptop: names replaced by ``K1``, ``K2``, ... Imports no Textual.

Many Indonesian given names are also words (Bagus, Ayu, Dewi, Putri, Indah, Intan, Cahaya), so
a name is replaced where it is written as a name, and ordinary words stay as they are:

- a member's full name of two or more words is replaced in any case ("aisyah putri" -> ``K1``);
- a single part of a name, and a one-word name, only where it is capitalised ("Bagus membantu
  Ayu" -> "K1 membantu K2", "bagus" stays), also before a clitic (``-nya``, ``-lah``, ``-kah``,
  ``-pun``, ``-ku``, ``-mu``, ``'s``); a capitalised word at the start of a sentence is replaced
  too (the safe direction) and listed in :class:`AliasStats`, with the name parts left as
  ordinary lowercase words, so the counselor can check;
- the counselor's name as written in the group file is kept whole ("Bu Ratna Dewi, S.Pd." stays,
  "Dewi" elsewhere is still a member's name);
- matching ignores zero-width and bidi characters and compares NFKC-normalised, case-folded
  text, so a name typed with a hidden character or a composed letter still matches; everything
  that is not replaced stays exactly as written.

The group's own name and id are replaced by a neutral one ("Group A", ``group-a``) when they
hold a member's name part in any case (:meth:`Aliaser.group_name`, :attr:`Aliaser.group_id`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from homeroom_tui.i18n import Lang, t_count_in, t_in
from homeroom_tui.model import Group

APOSTROPHES: Final = "'’ʼ‘`"
"""Apostrophe look-alikes: a name typed with one matches text typed with another."""
HYPHENS: Final = "‐‑"
"""Hyphen look-alikes (U+2010, U+2011), matched as ``-``."""
CLITICS: Final = r"(?:nya|lah|kah|pun|ku|mu)?"
"""Indonesian suffixes that attach to a name ("Bimalah", "Citranya"): the name is replaced, the suffix kept."""
MIN_PART: Final = 3
"""Parts of a longer name shorter than this (``Al``, ``Jo``) are replaced only inside the full name."""
GROUP_ID_ALIAS: Final = "group-a"
"""The group's id in an aliased export when the real one holds a member's name part."""
HONORIFICS: Final = frozenset(
    {"bu", "ibu", "pak", "bapak", "kak", "mbak", "mas", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."}
)
"""Words before the counselor's name that the counselor's name is also known without."""
_SENTENCE_END: Final = ".!?…"
_OPENERS: Final = "\"'“”‘’«»([{-–—*•"
_FOLD: Final = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(HYPHENS, "-")})


def ignorable(char: str) -> bool:
    """Zero-width, bidi and other invisible format characters (Unicode category Cf, variation selectors)."""
    return unicodedata.category(char) == "Cf" or char == "\u034f" or "\ufe00" <= char <= "\ufe0f"


def fold(text: str) -> str:
    """``text`` as compared: invisible characters dropped, NFKC, case-folded, apostrophes and hyphens unified."""
    kept = "".join(c for c in text if not ignorable(c))
    return unicodedata.normalize("NFKC", kept).casefold().translate(_FOLD)


@dataclass(frozen=True)
class _View:
    """A text as compared (:func:`fold`), with where each of its characters came from.

    ``spans[i]`` is the (start, end) in the original text of the character cluster (a letter with
    its combining marks) that folded character ``i`` came from; ``shown[i]`` is that cluster
    NFKC-normalised but not case-folded, to tell whether a word is capitalised.
    """

    folded: str
    spans: list[tuple[int, int]] | None  # None: one to one (most text: ASCII, or already NFKC)
    shown: list[str] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.spans is None:
            return start, end
        return self.spans[start][0], self.spans[end - 1][1]

    def first(self, text: str, start: int) -> str:
        """The character a word starting at folded index ``start`` begins with, as written (NFKC)."""
        if self.shown is None:
            return text[start]
        return self.shown[start][:1]


def _view(text: str) -> _View:
    if text.isascii():
        return _View(text.lower().translate(_FOLD), None, None)
    if unicodedata.is_normalized("NFKC", text) and not any(ignorable(c) for c in text if c > "\x7f"):
        cased = text.casefold()
        if len(cased) == len(text):  # casefold only ever lengthens: one to one here
            return _View(cased.translate(_FOLD), None, None)
    folded: list[str] = []
    spans: list[tuple[int, int]] = []
    shown: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if ignorable(text[i]):
            i += 1
            continue
        start, cluster = i, [text[i]]
        i += 1
        end = j = i  # the cluster ends after its last mark: invisible characters after it are not its own
        while j < n and (unicodedata.category(text[j]).startswith("M") or ignorable(text[j])):
            if not ignorable(text[j]):
                cluster.append(text[j])
                end = j + 1
            j += 1
        i = end
        normal = unicodedata.normalize("NFKC", "".join(cluster))
        for char in normal.casefold().translate(_FOLD):
            folded.append(char)
            spans.append((start, end))
            shown.append(normal)
    return _View("".join(folded), spans, shown)


def _capitalised(char: str) -> bool:
    return char.isupper() or unicodedata.category(char) == "Lt"


def _id_number(member_id: str) -> int:
    digits = member_id[1:]
    return int(digits) if digits.isdigit() else 0


@dataclass
class AliasStats:
    """What an aliased export did, for the counselor to check (never written into the export)."""

    replaced: int = 0
    """Names replaced by an alias."""
    ordinary: Counter[str] = field(default_factory=Counter)
    """Name parts left as written because they stood as ordinary lowercase words ("bagus"), with counts."""
    sentence_starts: Counter[str] = field(default_factory=Counter)
    """Name parts replaced as capitalised words at the start of a sentence ("Bagus sekali!"), with counts."""


@dataclass(frozen=True)
class _Target:
    words: tuple[str, ...]  # folded
    ids: frozenset[str]
    full: bool  # a full name of two or more words: replaced in any case
    spelling: str  # as on the roster, for the lists in AliasStats


class Aliaser:
    """Replaces the names of ``group``'s members (inactive ones too) by their ids; see the module's notes.

    Calling it on a text returns the aliased text and counts what it did in :attr:`stats`. A part
    shared by several members (two Muhammads) becomes all their ids, ``K1/K4``: it cannot be told
    apart, and it must not stay a name.
    """

    def __init__(self, group: Group, labels: Mapping[str, str] | None = None) -> None:
        """``labels``: what a member's name becomes instead of their id (a research export's "another member")."""
        self.group = group
        self.stats = AliasStats()
        targets: dict[tuple[str, ...], _Target] = {}

        def add(words: tuple[str, ...], member_id: str, full: bool, spelling: str) -> None:
            found = targets.get(words)
            if found is None:
                targets[words] = _Target(words, frozenset({member_id}), full, spelling)
            else:
                targets[words] = _Target(words, found.ids | {member_id}, found.full or full, found.spelling)

        self._bare: set[str] = set()  # name parts as words of a slug: "nuraini", "nur", "aini", "celik"
        full_names: set[tuple[str, ...]] = set()
        for member in group.members:
            visible = "".join(c for c in member.name if not ignorable(c))
            spelled = [w for w in unicodedata.normalize("NFKC", visible).split() if fold(w)]
            words = tuple(fold(w) for w in spelled)
            if not words:
                continue
            if len(words) >= 2:
                add(words, member.id, True, " ".join(spelled))
                full_names.add(words)
            for word, spelling in zip(words, spelled, strict=True):
                pieces = [(word, spelling), *zip(word.split("-"), spelling.split("-"), strict=False)]
                for piece, piece_spelling in pieces:
                    if len(words) == 1 or len(piece.strip("-'")) >= MIN_PART:
                        add((piece,), member.id, False, piece_spelling)
                # the letters of a word written with signs round them ("[b]Bima[/b]" -> "Bima")
                word_bits = [p for p in re.split(r"[\W_]+", word) if p]
                spelled_bits = [p for p in re.split(r"[\W_]+", spelling) if p]
                if len(word_bits) == len(spelled_bits):
                    for bit, bit_spelling in zip(word_bits, spelled_bits, strict=True):
                        if bit != word and len(bit) >= MIN_PART:
                            add((bit,), member.id, False, bit_spelling)
                for spelled_word in {word, _ascii(word)}:
                    bits = [p for p in re.split(r"[\W_]+", spelled_word) if p]
                    self._bare.update(
                        p for p in {"".join(bits), *bits} if p and (len(words) == 1 or len(p) >= MIN_PART)
                    )
        ordered = sorted(targets.values(), key=lambda t: (-len(" ".join(t.words)), t.words))
        self._targets = ordered
        labels = labels or {}
        self._labels = [
            "/".join(dict.fromkeys(labels.get(i, i) for i in sorted(t.ids, key=lambda i: (_id_number(i), i))))
            for t in ordered
        ]
        if ordered:
            alternatives = "|".join(
                f"(?P<g{n}>" + r"\s+".join(map(re.escape, t.words)) + ")" for n, t in enumerate(ordered)
            )
            self._pattern: re.Pattern[str] | None = re.compile(rf"(?<!\w)(?:{alternatives})(?={CLITICS}(?!\w))")
        else:
            self._pattern = None
        self._kept = self._counselor_forms(group.counselor, full_names)

    @staticmethod
    def _counselor_forms(counselor: str, full_names: set[tuple[str, ...]]) -> re.Pattern[str] | None:
        """The counselor's name as written, before a comma, and without an honorific: kept whole (two words or more)."""
        before_comma = counselor.split(",")[0]
        words = before_comma.split()
        while words and fold(words[0]) in HONORIFICS:
            words = words[1:]
        forms = set()
        for form in (counselor, before_comma, " ".join(words)):
            folded = tuple(fold(form).split())
            if len(folded) >= 2 and folded not in full_names:
                forms.add(r"\s+".join(map(re.escape, folded)))
        if not forms:
            return None
        return re.compile("(?<!\\w)(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")(?!\\w)")

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        view = _view(text)
        folded = view.folded
        kept = [m.span() for m in self._kept.finditer(folded)] if self._kept is not None else []
        pieces: list[str] = []
        at = 0
        for match in self._pattern.finditer(folded):
            start, end = match.span()
            if any(a < end and start < b for a, b in kept):
                continue
            index = int(str(match.lastgroup)[1:])
            target = self._targets[index]
            if not target.full or len(target.words) == 1:
                # written as a name: a capital in it ("Bima", and "[b]Bima[/b]", whose first letter is the b of [b])
                if not any(_capitalised(view.first(text, i)) for i in range(start, end) if folded[i].isalpha()):
                    self.stats.ordinary[target.words[0]] += 1
                    continue
                if self._sentence_start(folded, start):
                    self.stats.sentence_starts[target.spelling] += 1
            a, b = view.span(start, end)
            pieces += [text[at:a], self._labels[index]]
            at = b
            self.stats.replaced += 1
        if not pieces:
            return text
        return "".join(pieces) + text[at:]

    @staticmethod
    def _sentence_start(folded: str, start: int) -> bool:
        i = start - 1
        while i >= 0 and (folded[i].isspace() or folded[i] in _OPENERS):
            if folded[i] == "\n":
                return True
            i -= 1
        return i < 0 or folded[i] in _SENTENCE_END

    # the group itself --------------------------------------------------------------------------

    def holds_a_name(self, text: str) -> bool:
        """True when ``text`` holds a member's name part as a word, in any case and spelling (slugs too)."""
        variants = {fold(text), _ascii(fold(text))}
        words = {w for variant in variants for w in re.split(r"[\W_]+", variant) if w}
        clitic = re.compile(CLITICS)
        return any(
            word.startswith(bare) and clitic.fullmatch(word[len(bare) :]) for word in words for bare in self._bare
        )

    def group_name(self, lang: Lang) -> str:
        """The group's name, or "Group A" ("Kelompok A") when it holds a member's name part."""
        name = self.group.name
        return t_in(lang, "alias.group_name") if self.holds_a_name(name) else name

    @property
    def group_id(self) -> str:
        """The group's id, or ``group-a`` when it holds a member's name part (``kelompok-aisyah``)."""
        return GROUP_ID_ALIAS if self.holds_a_name(self.group.id) else self.group.id


def _ascii(text: str) -> str:
    """``text`` without accents or apostrophes, as a slug spells it ("Nur'aini" -> "nuraini")."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return bare.replace("'", "")


def aliaser(group: Group) -> Aliaser:
    """An :class:`Aliaser` for ``group``: call it on a text to get the text with aliases."""
    return Aliaser(group)


def alias_text(text: str, group: Group) -> str:
    """``text`` with every member's name replaced by their id: "Bima helped Citra" -> "K2 helped K3".

    See :class:`Aliaser`; "Bimasakti" stays as it is, "Bima's" becomes "K2's", "Bimalah" "K2lah",
    "bagus" stays "bagus". Only names of the group's members are known: other people named in a
    note stay named.
    """
    return Aliaser(group)(text)


def summary_lines(stats: AliasStats, lang: Lang) -> list[str]:
    """What an aliased export did, in ``lang``: how many names were replaced, and the words to check."""
    lines = [t_count_in(lang, "alias.replaced", stats.replaced)]
    if stats.ordinary:
        lines.append(t_in(lang, "alias.ordinary", words=_counted(stats.ordinary)))
    if stats.sentence_starts:
        lines.append(t_in(lang, "alias.sentence_starts", words=_counted(stats.sentence_starts)))
    return lines


def _counted(counter: Counter[str]) -> str:
    items: Iterable[tuple[str, int]] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{word} ({count}×)" for word, count in items)
