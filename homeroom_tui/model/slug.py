"""Stable ids made from names. Imports no Textual."""

from __future__ import annotations

import re
import unicodedata


def slugify(name: str, fallback: str = "group") -> str:
    """``"Kelompok Rumah 1"`` -> ``"kelompok-rumah-1"``: lowercase ASCII, digits and hyphens, at most 48 chars."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    slug = slug[:48].rstrip("-")
    return slug or fallback
