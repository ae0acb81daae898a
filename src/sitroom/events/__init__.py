"""Events, relations, quotes and claims: what happened, who stands with whom, who said what."""

from sitroom.events import (  # noqa: F401  (registers stages)
    claims,
    detect,
    kb_relations,
    quotes,
    relations,
)
