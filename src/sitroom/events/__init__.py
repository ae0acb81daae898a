"""Events, relations, quotes and claims: what happened, who stands with whom, who said what."""

from sitroom.events import claims, detect, quotes, relations  # noqa: F401  (registers stages)
