"""The `relations.kb.v1` stage: parent links the knowledge base asserts, between actors named.

When an article names both an actor and the group it is a branch or member of (Jabhat
al-Nusra and al-Qaeda), the knowledge base's link is reported with origin "knowledge_base";
its evidence is the child's first mention, the words that brought the link in. Links the
text already states are not repeated, and nothing is reported for actors the text omits.
"""

from __future__ import annotations

from sitroom.actors import kb
from sitroom.model import Relation
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage


@stage("relations.kb.v1", fills="relations")
def kb_relations(ctx: StageContext) -> list[Relation]:
    """branch_of / member_of links from the knowledge base between actors the article names."""
    named = {a.id: a for a in ctx.record.actors}
    stated = {(r.source, r.target, r.kind) for r in ctx.record.relations}
    base = kb.load()
    found = []
    for actor in named.values():
        entry = base.actors.get(actor.id)
        if entry is None or actor.inferred or not entry.parent or entry.parent not in named:
            continue
        kind = entry.parent_relation or "member_of"
        if (actor.id, entry.parent, kind) in stated or not actor.mentions:
            continue
        start, end = actor.mentions[0]
        found.append(
            Relation(
                source=actor.id,
                target=entry.parent,
                kind=kind,
                origin="knowledge_base",
                evidence=evidence(ctx.text, start, end),
            )
        )
    return found
