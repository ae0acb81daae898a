"""Actors and people: who the article names, recognised, typed and merged.

Recognition (recognize.py, collectives.py, states.py), kind and country inference
(kinds.py) and resolution (resolve.py) are separate steps so that the actor knowledge base
can take over any of them. Importing the package registers the `actors.spacy.v1` and
`people.spacy.v1` stages.
"""

from sitroom.actors import people, stage  # noqa: F401  (registers stages)
