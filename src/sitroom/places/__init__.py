"""Places: find every toponym, resolve it to the gazetteer, with honest precision."""

from sitroom.places import stage  # noqa: F401  (registers places.gazetteer.v1)
