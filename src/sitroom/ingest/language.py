"""A cheap, dependency-free "is this English?" check, so non-English text fails loudly.

sitroom's NLP is English only: fed Arabic or French, it would return an empty or wrong
record without a word of warning. Two checks, both on a sample of the text:
- script: most letters outside the Latin script (Arabic, Cyrillic, CJK, ...) is not English;
- words: a long Latin-script text whose words are rarely English function words is not
  English. Short texts pass on script alone, since a headline is too short to judge.
The function-word list is data (`data/english_function_words.txt`), loaded once on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

SAMPLE_CHARS = 50_000
MIN_LATIN_SHARE = 0.5
MIN_WORDS_TO_JUDGE = 40
MIN_FUNCTION_WORD_SHARE = 0.12
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SCRIPT_NAMES = {"CJK": "CJK", "HANGUL": "Korean Hangul"}


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """English function words from the packaged data file."""
    data = resources.files(__package__) / "data" / "english_function_words.txt"
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _scripts(sample: str) -> Counter[str]:
    """Letters per Unicode script (LATIN, ARABIC, CYRILLIC, CJK, ...), from character names;
    ASCII letters are counted in bulk, since looking up each name is the slow part."""
    ascii_text = sample.encode("ascii", "ignore")
    scripts = Counter({"LATIN": len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTERS))})
    scripts.update(
        unicodedata.name(c, "UNKNOWN").split(" ")[0]
        for c in _NON_ASCII.findall(sample)
        if c.isalpha()
    )
    return scripts


def why_not_english(text: str) -> str | None:
    """None when `text` may be English, else the reason it is not (for the user)."""
    sample = text[:SAMPLE_CHARS]
    scripts = _scripts(sample)
    letters = sum(scripts.values())
    if not letters:
        return "not English (no words in it)"
    if scripts["LATIN"] / letters < MIN_LATIN_SHARE:
        main = max((s for s in scripts if s != "LATIN"), key=lambda s: scripts[s])
        return f"not English (looks like {_SCRIPT_NAMES.get(main, main.title())} script)"
    words = _WORD.findall(sample.lower().replace("\u2019", "'"))
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    known = function_words()
    share = sum(1 for w in words if w in known) / len(words)
    if share < MIN_FUNCTION_WORD_SHARE:
        return (
            f"not English (only {share:.0%} of {len(words)} words are common English words, "
            f"English prose has over {MIN_FUNCTION_WORD_SHARE:.0%})"
        )
    return None
