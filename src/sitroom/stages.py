"""The stage registry: every extraction step is a function registered under a versioned name.

A stage reads a `StageContext` (the spaCy doc, the article, and what earlier stages found)
and returns the records it adds to the one `Record` field it fills. The pipeline is a list
of stage names (setting `pipeline`), so a user can swap a stage or add one without editing
ours: register a function with `@stage("places.mine.v1", fills="places")` in an importable
module named by the `plugins` setting, and list its name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitroom.model import Article, Record

FILLABLE = ("actors", "people", "places", "events", "relations", "quotes", "claims")


@dataclass
class StageContext:
    """What a stage may read: the parsed text, the article, and earlier stages' output."""

    doc: Doc
    article: Article
    record: Record
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> date | None:
        return date.fromisoformat(self.article.published) if self.article.published else None


StageFunc = Callable[[StageContext], list]


@dataclass(frozen=True)
class Stage:
    name: str
    fills: str
    func: StageFunc
    doc: str


_REGISTRY: dict[str, Stage] = {}


def stage(name: str, fills: str) -> Callable[[StageFunc], StageFunc]:
    """Register `func` as stage `name` that fills the record field `fills`."""
    if fills not in FILLABLE:
        raise ValueError(f"stage {name}: cannot fill {fills!r}; choose one of {FILLABLE}")

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(name, fills, func, (func.__doc__ or "").strip().split("\n")[0])
        return func

    return register


def get_stage(name: str) -> Stage:
    _load_builtin_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"no such stage: {name} (known: {known})") from None


def all_stages() -> list[Stage]:
    _load_builtin_stages()
    return sorted(_REGISTRY.values(), key=lambda s: s.name)


def _load_builtin_stages() -> None:
    """Import our own stage modules so they register themselves (lazily, not at import)."""
    from sitroom import actors, events, places  # noqa: F401
