"""Runs the extraction stages over documents: the one code path behind extract, ingest and scale.

`prepare` turns a reader's Document into the contract's Article (normalised text, hash,
publication date given or inferred) without any NLP, so callers can skip unchanged articles
cheaply; `extract` parses prepared articles in spaCy batches and runs the configured stages.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitroom import dates, nlp
from sitroom.ingest import content_hash, normalise
from sitroom.model import Article, Document, Record
from sitroom.settings import DEFAULT_PIPELINE
from sitroom.stages import Stage, StageContext, get_stage


@dataclass(frozen=True)
class ExtractionError:
    """One article whose extraction failed; the batch goes on without it."""

    article_id: str
    origin: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.origin or self.article_id}: extraction failed: {self.reason}"


def prepare(document: Document) -> Article:
    """The Article for a Document: normalised text, its hash, and a publication date."""
    text = normalise(document.text)
    published = document.published
    inferred = False
    if published is None:
        published = dates.infer_published(text)
        inferred = published is not None
    return Article(
        id=document.id,
        title=document.title,
        source=document.source,
        url=document.url,
        published=published.isoformat() if published else None,
        published_inferred=inferred,
        language=document.language,
        sha256=content_hash(text),
        text=text,
    )


def load_stages(
    names: Sequence[str] = DEFAULT_PIPELINE, plugins: Sequence[str] = ()
) -> list[Stage]:
    """The stages named in the `pipeline` setting, after importing any plugin modules."""
    for module in plugins:
        importlib.import_module(module)
    return [get_stage(name) for name in names]


def run_stages(ctx: StageContext, stages: Sequence[Stage]) -> Record:
    """Fill the context's record stage by stage, each seeing what earlier ones found.

    Stages that fill the same field add to it (relations from the text, then from the
    knowledge base).
    """
    for stage in stages:
        getattr(ctx.record, stage.fills).extend(stage.func(ctx))
    return ctx.record


def extract(
    articles: Iterable[Article],
    *,
    stages: Sequence[Stage] | None = None,
    batch_size: int = 64,
) -> Iterator[Record | ExtractionError]:
    """Parse articles in spaCy batches and run the stages; one failure never stops the rest."""
    stages = load_stages() if stages is None else stages
    language = nlp.load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in language.pipe(pairs, as_tuples=True, batch_size=batch_size):
        ctx = StageContext(doc=doc, article=article, record=Record(article=article))
        try:
            yield run_stages(ctx, stages)
        except Exception as exc:  # a bug in one stage must not lose the batch
            yield ExtractionError(article.id, None, f"{type(exc).__name__}: {exc}")


def extract_one(document: Document) -> Record:
    """Convenience for library users: one Document in, its Record out (raises on failure)."""
    outcome = next(extract([prepare(document)]))
    if isinstance(outcome, ExtractionError):
        raise RuntimeError(str(outcome))
    return outcome
