"""Knowledge-base recognition and linking: the entity ruler beside spaCy's NER.

A PhraseMatcher built from every alias in the knowledge base (data/actors/kb/) finds the
names the statistical model mislabels or misses ("Jaish al Islam" as PERSON); mentions the
other recognisers found are linked to a knowledge-base actor by exact alias, then by fuzzy
match for transliteration variants ("Hizbullah"). A linked mention carries `kb_id`, so
resolution names the actor as the knowledge base does, with its kind, country and parent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitroom import nlp
from sitroom.actors import kb
from sitroom.actors.data import countries
from sitroom.actors.mentions import Mention, context_of, trim

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

#: Shortest name we try to link by fuzzy matching (short names fuzz into each other).
FUZZY_MIN_CHARS = 6


_MATCHERS: dict[int, tuple[kb.KnowledgeBase, PhraseMatcher, dict[int, list[str]]]] = {}


def _matcher() -> tuple[PhraseMatcher, dict[int, list[str]]]:
    """The matcher over every alias of the current knowledge base (built once per base)."""
    base = kb.load()
    if id(base) not in _MATCHERS:
        _MATCHERS[id(base)] = (base, *_build_matcher(base))
    _, matcher, spellings = _MATCHERS[id(base)]
    return matcher, spellings


def _build_matcher(base: kb.KnowledgeBase) -> tuple[PhraseMatcher, dict[int, list[str]]]:
    """The matcher, and for each rule key the aliases' own spellings."""
    from spacy.matcher import PhraseMatcher

    language = nlp.load()
    matcher = PhraseMatcher(language.vocab, attr="LOWER")
    spellings: dict[int, list[str]] = {}
    by_actor: dict[str, list[str]] = {}
    for alias, actor_id in base.aliases():
        actor = base.actors[actor_id]
        # States act only where the sentence makes them (states.py); collectives have their own
        # recogniser; both are linked to the knowledge base afterwards.
        if actor.kind == "state" or getattr(actor, "generic", False):
            continue
        spellings_of = by_actor.setdefault(actor_id, [])
        for form in {alias, alias.replace("'", "’"), alias.replace("’", "'")}:  # "Da’esh"
            if form not in spellings_of:
                spellings_of.append(form)
    for actor_id, aliases in by_actor.items():
        matcher.add(actor_id, [language.make_doc(a) for a in aliases])
        spellings[language.vocab.strings[actor_id]] = aliases
    return matcher, spellings


def _cased_like_a_name(text: str, aliases: list[str], cased: tuple[str, ...]) -> bool:
    """Lower-case matches count only where the alias itself is lower-case ("al-Qaeda");
    aliases the knowledge base marks as cased ("AQ") must match exactly."""
    if any(text == a for a in aliases):
        return True
    if any(text.lower() == c.lower() for c in cased):
        return False
    if text[:1].isupper():
        return True
    return any(a[:1].islower() and a.lower() == text.lower() for a in aliases)


def find_kb_mentions(doc: Doc) -> list[Mention]:
    """Every stretch of text that is an alias of a knowledge-base actor."""
    matcher, spellings = _matcher()
    base = kb.load()
    found = []
    for rule, start, end in matcher(doc):
        bounds = trim(doc, start, end)
        if bounds is None:
            continue
        span = doc[bounds[0] : bounds[1]]
        actor = base.actors[doc.vocab.strings[rule]]
        if not _cased_like_a_name(span.text, spellings[rule], actor.cased_aliases):
            continue
        found.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                source="kb",
                name=actor.name,
                kind=actor.kind,
                country=actor.country,
                kb_id=actor.id,
                context=context_of(span),
            )
        )
    return found


def link(mention: Mention) -> Mention:
    """The mention linked to the knowledge-base actor it names, when one clearly fits.

    A country's collective ("Israeli soldiers", "Serbian military police") is linked to the
    country's armed forces by their usual names ("Israeli forces", "Israeli army"), and never
    by fuzzy matching: "Serbian government forces" is spelt like "Syrian government forces".
    """
    if mention.kb_id:
        return mention
    base = kb.load()
    national = mention.source in ("collective", "state") and mention.country is not None
    if national:
        hits = _national(mention)
    else:
        hits = base.lookup(mention.name) or base.lookup(mention.text)  # "Lebanese army"
    if len(hits) != 1 and len(mention.name) >= FUZZY_MIN_CHARS and not national:
        fuzzy = base.fuzzy(mention.name)
        hits = [fuzzy[0][0]] if fuzzy and (len(fuzzy) == 1 or fuzzy[0][1] > fuzzy[1][1]) else []
    if len(hits) != 1 or hits[0].generic:  # collectives are named by collectives.py
        return mention
    actor = hits[0]
    # a state's mention the knowledge base knows as another body no longer merges as the state
    same = (actor.kind == "state") == (mention.kind == "state")
    return replace(
        mention,
        kb_id=actor.id,
        name=actor.name,
        kind=actor.kind,
        country=actor.country or mention.country,
        group=mention.group if same or not national else None,
    )


#: How news names a country's armed forces, after its adjective ("Israeli forces").
_FORCES = ("forces", "armed forces", "army", "military", "troops")


def _national(mention: Mention) -> list[kb.KBActor]:
    """The actor a country's collective or state mention names: the one the knowledge base
    knows by the words themselves ("Russian Defense Ministry", "Syrian warplanes"), else by
    the proposed name ("Syria", "Israeli government forces"), else the country's armed forces
    by their usual names ("Israeli forces"). The state answers only for a mention of the
    state: "US" in "US and British forces" and "the Syrian government" that rebels fight are
    their forces."""
    base = kb.load()

    def fits(actors: list[kb.KBActor]) -> list[kb.KBActor]:
        return [
            a for a in actors if not a.generic and (a.kind == "state") <= (mention.kind == "state")
        ]

    hits = fits(base.lookup(mention.text)) or fits(base.lookup(mention.name))
    if hits or not mention.name.endswith("government forces"):
        return hits
    country = countries().by_code.get(mention.country or "")
    if country is None:
        return []
    for noun in _FORCES:
        hits = [
            a
            for a in base.lookup(f"{country.adjective} {noun}")
            if a.kind == "state_forces" and a.country == country.code
        ]
        if len(hits) == 1:
            return hits
    return []
