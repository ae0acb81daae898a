"""Runs the real spaCy pipeline and the actor, people, relation and quote stages on a text."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sitroom import contract, nlp
from sitroom.model import Article, Record
from sitroom.stages import StageContext, get_stage

ALL = ("actors.spacy.v1", "people.spacy.v1", "relations.patterns.v1", "quotes.v1")


def run(text: str, stages: Sequence[str] = ALL) -> Record:
    """The record the named stages fill for `text`, in order, each seeing the ones before."""
    article = Article(id="t", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
    ctx = StageContext(doc=nlp.load()(text), article=article, record=Record(article=article))
    for name in stages:
        found = get_stage(name)
        setattr(ctx.record, found.fills, list(found.func(ctx)))
    assert_exact(ctx.record)
    return ctx.record


def assert_exact(record: Record) -> None:
    """The record follows the contract and every span points at the words it claims."""
    data = record.to_json_dict()
    problems = contract.errors(data) + contract.span_errors(data)
    assert not problems, "\n".join(problems[:20])


def actor(record: Record, ident: str):
    """The actor with this id (fails the test, listing the ids found, when there is none)."""
    found = {a.id: a for a in record.actors}
    assert ident in found, f"no actor {ident!r}; found {sorted(found)}"
    return found[ident]


def person(record: Record, ident: str):
    found = {p.id: p for p in record.people}
    assert ident in found, f"no person {ident!r}; found {sorted(found)}"
    return found[ident]


def surfaces(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Every [start, end) at which `words` occur in `text`, for asserting exact offsets."""
    found, start = [], text.find(words)
    while start != -1:
        found.append((start, start + len(words)))
        start = text.find(words, start + 1)
    return found


def relations(record: Record) -> set[tuple[str, str, str]]:
    return {(r.source, r.kind, r.target) for r in record.relations}
