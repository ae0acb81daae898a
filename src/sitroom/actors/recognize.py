"""Actor recognition: where the text names an armed group, force, state, party or outlet.

Sources: spaCy ORG entities, NORP entities that name a group (not "Syrian" or "Shiite"),
PERSON entities whose words mark a group ("Ahrar al-Sham" is often tagged PERSON), runs of
capitalised words around a group word the model missed ("Arab Democratic Party"),
collectives (collectives.py), acting states (states.py) and every alias in the knowledge base
(kb_match.py). Names the text also uses as places ("the Idlib area", "the town of Arsal") are
dropped. Each mention is then linked to its knowledge-base actor where one fits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitroom.actors import kb
from sitroom.actors.collectives import find_collectives
from sitroom.actors.data import context_words, countries, titles
from sitroom.actors.kb_match import find_kb_mentions, link
from sitroom.actors.kinds import kind_from_name
from sitroom.actors.mentions import Mention, context_of, select, trim
from sitroom.actors.states import country_named, find_states
from sitroom.places.guard import names_a_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Kinds whose name words are strong enough to override a PERSON tag or start a name run.
_GROUP_KINDS = ("rebel_group", "political_militia", "identity_militia", "political_party")
#: Parts of speech that do not start a name ("Besides Jaish al-Islam ...").
_NOT_NAME_POS = ("ADP", "SCONJ", "CCONJ", "DET", "ADV", "PRON", "AUX", "VERB", "PART")


def find_mentions(doc: Doc) -> list[Mention]:
    """Every actor mention in the doc, non-overlapping, in text order."""
    named = _entity_mentions(doc) + _name_runs(doc)
    places = place_names(doc)
    headlines = _headline_lines(doc)
    named = [
        m
        for m in named
        if (m.name.lower() not in places or kind_from_name(m.name))
        and not any(s <= m.start < e for s, e in headlines)
        and not _bare_place(m)
    ]
    known = find_kb_mentions(doc)
    spans = {m.span for m in known}
    collectives = [m for m in find_collectives(doc) if not (m.yields and m.span in spans)]
    found = select(named + collectives + find_states(doc) + known)
    credits = credit_spans(doc.text)
    found = [m for m in select(found + _sweep(doc, found)) if not within(m.start, m.end, credits)]
    return [link(m) for m in found]


#: A line's last words after its final sentence when they are only capitalised names: the
#: credit of a photo or map ("... fires a rocket. Reuters", "... of Damascus. CartoDB/IBTimes").
_CREDIT = re.compile(
    r"[.!?][\"”’']?[ \t]+((?:[A-Z][\w&'’.-]*)(?:(?:[ \t]*/[ \t]*|[ \t]+)(?:[A-Z][\w&'’.-]*"
    r"|(?:al|el|of|the|for)(?:-[A-Z][\w'’.-]*)?)){0,5})[ \t]*$",
    re.MULTILINE,
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of photo and map credits at line ends, which name no actor."""
    return [(m.start(1), m.end(1)) for m in _CREDIT.finditer(text)]


def within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of the spans."""
    return any(s <= start and end <= e for s, e in spans)


def _bare_place(mention: Mention) -> bool:
    """A name with no group word that the gazetteer knows and the knowledge base does not
    ("Government forces shelled Aleppo": the model's ORG is a town)."""
    if kind_from_name(mention.name) or kb.load().lookup(mention.name):
        return False
    return names_a_place(mention.name)


def _headline_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of Title Case Lines, where capitals say nothing about names.

    Names there are still found when the article uses them elsewhere (see `_sweep`).
    """
    ranges = []
    for line in re.finditer(r"[^\n]+", doc.text):
        words = re.findall(r"[^\W\d_]{4,}", line.group())
        if len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.9:
            ranges.append((line.start(), line.end()))
    return ranges


def _sweep(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Other uses of a name already recognised that the model did not tag ("Nusra fighters")."""
    names = {m.text for m in found if m.source in ("entity", "name")}
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i for t in doc}
    extra = []
    for name in names:
        for hit in re.finditer(re.escape(name), doc.text):
            if hit.start() in starts and hit.end() in ends:
                span = doc[starts[hit.start()] : ends[hit.end()] + 1]
                extra.append(_named(span, "entity"))
    return extra


def _is_descriptive(text: str) -> bool:
    """True for NORP words that describe people ("Syrian", "Sunni Muslim"), not a group."""
    table = countries()
    describing = context_words("not_groups")
    words = text.lower().replace("’", "'").replace("-", " ").split()
    return all(
        w in describing or w in table.by_adjective or w in table.by_demonym or w in table.by_name
        for w in words
    )


def _entity_mentions(doc: Doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP", "PERSON"):
            continue
        end = ent.end
        while end > ent.start and _starts_other_name(doc[end - 1]):  # "... Western-backed"
            end -= 1
        bounds = trim(doc, ent.start, end)
        if bounds is None:
            continue
        span = doc[bounds[0] : bounds[1]]
        if _is_descriptive(span.text) or country_named(span.text):
            continue
        if ent.label_ == "PERSON" and kind_from_name(span.text) not in _GROUP_KINDS:
            continue
        if ent.label_ == "NORP" and span.root.pos_ == "ADJ":
            continue
        if _part_of_a_title(span):
            continue
        found.append(_named(span, "entity"))
    return found


def _part_of_a_title(span: Span) -> bool:
    """One word after a title and "of" ("Secretary of State") is the title's, not an actor."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or kind_from_name(span.text):
        return False
    return doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in titles()


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


def _name_runs(doc: Doc) -> list[Mention]:
    """Runs of capitalised words (with "al", "of", hyphens inside) that hold a group word."""
    connectors = context_words("name_connectors")
    found = []
    i = 0
    while i < len(doc):
        if not _capitalised(doc[i]) or doc[i].pos_ in _NOT_NAME_POS:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and not _starts_other_name(doc[end]):
            if _capitalised(doc[end]):
                end += 1
            elif doc[end].lower_ in connectors and not doc[end].is_sent_start:
                nxt = end + 1
                while nxt < len(doc) and doc[nxt].lower_ in connectors:
                    nxt += 1
                if nxt < len(doc) and _capitalised(doc[nxt]):
                    end = nxt + 1
                else:
                    break
            else:
                break
        span = doc[i:end]
        capitals = [t for t in span if _capitalised(t)]
        standalone = len(span) == 1 and span[0].lower_ in context_words("standalone_names")
        if standalone or (len(capitals) >= 2 and kind_from_name(span.text) in _GROUP_KINDS):
            bounds = trim(doc, i, end)
            if bounds:
                found.append(_named(doc[bounds[0] : bounds[1]], "name"))
        i = end
    return found


def _starts_other_name(token: Token) -> bool:
    """A person's name, a title or an "X-backed" ends a group-name run."""
    if token.ent_iob_ == "B" and token.ent_type_ == "PERSON":
        return kind_from_name(token.text) not in _GROUP_KINDS
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-":  # "Western-backed rebels"
        return doc[token.i + 2].lower_ in context_words("agent_suffixes")
    return token.lower_ in titles()


def _named(span: Span, source: str) -> Mention:
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        source=source,
        name=" ".join(span.text.split()),
        context=context_of(span),
    )


def place_names(doc: Doc) -> set[str]:
    """Lowercased names the doc uses as places at least once."""
    places: set[str] = set()
    for ent in doc.ents:
        bounds = trim(doc, ent.start, ent.end)
        if bounds is None:
            continue
        span = doc[bounds[0] : bounds[1]]
        if ent.label_ in ("GPE", "LOC", "FAC") or _used_as_place(span):
            places.add(" ".join(span.text.split()).lower())
    return places


def _used_as_place(span: Span) -> bool:
    """Place use: "in Idlib", "the Idlib area", "the town of Arsal", "from Maydaa to ..."."""
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod"):
        return head.lower_ in context_words("place_nouns")
    if root.dep_ != "pobj":
        return False
    if head.lower_ in context_words("locative_prepositions"):
        return len(span) == 1
    if head.lower_ == "of":
        return head.head.lower_ in context_words("place_nouns")
    doc = span.doc
    return head.lower_ == "from" and span.end < len(doc) and doc[span.end].lower_ == "to"
