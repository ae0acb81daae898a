"""Content words of a text, and TF-IDF vectors over them, for comparing reports and articles.

A plain regex tokenizer is enough here and costs no spaCy parse, so the linker can run on
stored text alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from sitroom.datafiles import data_dir

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,]*")


@cache
def stopwords() -> frozenset[str]:
    path = data_dir() / "stories" / "stopwords.txt"
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def _norm(token: str) -> str:
    """Lowercase, drop a possessive, and fold a plain plural ('rebels' -> 'rebel')."""
    word = token.lower().replace(",", "").removesuffix("'s").strip("'-")
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Content words of `text`, normalised, in order (numbers kept: they name figures)."""
    stop = stopwords()
    out = []
    for match in _WORD.finditer(text):
        word = _norm(match.group())
        if len(word) >= 3 and word not in stop:
            out.append(word)
    return out


def counts(text: str) -> Counter[str]:
    return Counter(w for w in words(text) if not w[0].isdigit())


def tfidf(tf: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """L2-normalised TF-IDF weights; words few documents have weigh the most. The IDF is
    smoothed (+1) so that in a small collection shared words still count."""
    vec = {
        t: (1.0 + math.log(c)) * (1.0 + math.log((1 + n_docs) / (1 + df.get(t, 0))))
        for t, c in tf.items()
        if c > 0
    }
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two already-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def top(tf: Mapping[str, float], n: int) -> dict[str, float]:
    """The n heaviest entries (ties broken by word, so the result is stable)."""
    return dict(sorted(tf.items(), key=lambda kv: (-kv[1], kv[0]))[:n])
