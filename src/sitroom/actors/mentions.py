"""Actor mentions as recognisers propose them, and the span hygiene they all share.

A `Mention` is one stretch of text that names an actor, with what the recogniser could tell
about it. Recognisers (entities, proper-name runs, collectives, states) each return
mentions; `select` keeps the best non-overlapping ones; `resolve` then merges them into
actors. Keeping these steps apart lets the later knowledge base replace any one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.actors.data import context_words
from sitroom.model import ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: Which recogniser wins when two mentions of the same length overlap (higher wins).
PRIORITY = {"entity": 0, "state": 1, "name": 2, "kb": 3, "collective": 4}


@dataclass(frozen=True)
class Mention:
    """One stretch of text that names an actor; `text == doc.text[start:end]`."""

    start: int
    end: int
    text: str
    source: str  # entity | name | collective | state | kb
    name: str  # the name this mention proposes ("Syrian rebels" for "Syrian rebel factions")
    kind: ActorKind | None = None  # known from the recogniser (collectives, states)
    country: str | None = None
    group: str | None = None  # collective group ("rebels"), for merging qualified forms
    kb_id: str | None = None  # the knowledge-base actor this mention names, when known
    yields: bool = False  # a knowledge-base match of the same words wins over this mention
    context: tuple[str, ...] = field(default=(), compare=False)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token bounds without a leading "the", a trailing possessive or "for", or edge punctuation."""
    articles = context_words("leading_articles")
    tail = context_words("possessive_tokens") | context_words("name_connectors")
    while start < end and (
        doc[start].lower_ in articles or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in tail or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return (start, end) if start < end else None


def context_of(span: Span) -> tuple[str, ...]:
    """Words around a name that hint at its kind: the noun it modifies, its apposition."""
    root = span.root
    found: list[str] = []
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i >= span.end:
        found.append(root.head.lower_)
    for child in root.children:
        if child.dep_ == "appos":
            found.append(child.lower_)
            found.extend(c.lower_ for c in child.children if c.dep_ in ("amod", "compound"))
    return tuple(found)


def select(mentions: Iterable[Mention]) -> list[Mention]:
    """The longest mentions that do not overlap (ties go to the more specific recogniser)."""
    ranked = sorted(
        mentions, key=lambda m: (-(m.end - m.start), -PRIORITY.get(m.source, 0), m.start)
    )
    taken: list[Mention] = []
    for mention in ranked:
        if all(mention.end <= t.start or mention.start >= t.end for t in taken):
            taken.append(mention)
    return sorted(taken, key=lambda m: m.start)
