"""The `actors.spacy.v1` stage: actors recognised from spaCy's output and merged by name."""

from __future__ import annotations

from sitroom.actors.coref import add_back_references
from sitroom.actors.recognize import find_mentions
from sitroom.actors.resolve import resolve
from sitroom.model import Actor
from sitroom.stages import StageContext, stage


@stage("actors.spacy.v1", fills="actors")
def spacy_actors(ctx: StageContext) -> list[Actor]:
    """Armed groups, forces, states, parties, organisations and media named in the article."""
    return add_back_references(ctx.doc, resolve(find_mentions(ctx.doc)))
