"""Name keys for place lookups: case, diacritics, apostrophes and the Arabic article ignored.

"Al-Quşayr", "al Qusayr" and "Qusayr" must meet in one key, and so must "Dar‘ā" and "Daraa"
as far as spelling allows; the gazetteer indexes keys, and the recogniser asks with keys.
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|at|az|an|ath)\s+")
_QUOTES = re.compile(r"[\u2018\u2019\u02bf\u02be\u02bc'`´]")
_SEPARATORS = re.compile(r"[\s\-_.,/]+")


def key(name: str) -> str:
    """The lookup key of a place name: 'Al-Quşayr' -> 'al qusayr'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _QUOTES.sub("", text.casefold())
    return _SEPARATORS.sub(" ", text).strip()


def bare(name_key: str) -> str:
    """The key without a leading Arabic article: 'al qusayr' -> 'qusayr'."""
    return _ARTICLE.sub("", name_key)


def keys(name: str) -> set[str]:
    """Every key a name is indexed under (with and without the article)."""
    k = key(name)
    return {k, bare(k)} if k else set()
