"""Name keys for place lookups: case, diacritics, apostrophes and the Arabic article ignored.

"Al-Quşayr", "al Qusayr" and "Qusayr" must meet in one key, and so must "Dar‘ā" and "Daraa"
as far as spelling allows; the gazetteer indexes keys, and the recogniser asks with keys.
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|at|az|an|ath|ez|es)\s+")
_QUOTES = re.compile(r"[\u2018\u2019\u02bf\u02be\u02bc'`´]")
_SEPARATORS = re.compile(r"[\s\-_.,/]+")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: Latin (with IPA letters, spacing modifiers like ʿ ʾ, combining marks), punctuation, Arabic.
_LATIN_OR_ARABIC = re.compile(
    "^[\u0000-\u036f\u1e00-\u1eff\u2010-\u203a\u2c60-\u2c7f\ua720-\ua7ff"
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+$"
)


def key(name: str) -> str:
    """The lookup key of a place name: 'Al-Quşayr' -> 'al qusayr'."""
    text = name
    if not name.isascii():
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
    return {k, bare(k)} - {""}


def usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing for English news.

    Kept: Latin names written with a capital (real spellings: 'Yabroud', 'Al-Kuseir') and
    Arabic names. Dropped: other scripts, codes ('DAM', 'QHS'), and the lowercase
    romanisations GeoNames carries from other languages ('ba lei bei ke', 'hms'), which
    say nothing a reader of English news would write and only add false matches.
    """
    if len(name) < 3 or name.isupper() or not _LATIN_OR_ARABIC.match(name):
        return False
    return name != name.lower() or _ARABIC.search(name) is not None
