"""Places: find every toponym, resolve it to the gazetteer, with honest precision.

Importing this package registers the `places.gazetteer.v1` stage; the gazetteer index and
spaCy are only touched when the stage first runs.
"""

from sitroom.places import stage  # noqa: F401  (registers places.gazetteer.v1)
