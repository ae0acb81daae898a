"""A person's title and affiliation, read from the words around one mention of them.

Three shapes cover most news prose: an apposition ("Phillip Smyth, a University of Maryland
researcher"; "Rifaat Eid, head of the Arab Democratic Party"), a title before the name
("Jaish al-Islam commander Zahran Alloush", "Syrian President Bashar al-Assad"), and an
"of"/"at" phrase after it ("analyst Aron Lund of the Century Foundation"). Affiliations are
actors the actors stage found (so a town is never an affiliation), or a country named by a
nationality adjective before a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.actors.data import countries, titles
from sitroom.actors.lookup import MentionIndex
from sitroom.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_CLAUSES = ("acl", "relcl", "advcl", "ccomp")
_AFFILIATION_PREPS = ("of", "at", "with", "from", "for")
_NAMING = ("name", "call", "identify")


@dataclass(frozen=True)
class Role:
    title: str | None = None
    affiliation: str | None = None


def role_of(span: Span, actors: MentionIndex[Actor]) -> Role:
    """Title and affiliation given next to this mention of a person (either may be None)."""
    before = _title_before(span, actors)
    after = _apposition(span, actors)
    title = before.title or after.title
    affiliation = before.affiliation or after.affiliation or _of_phrase(span.root, actors)
    return Role(title, affiliation)


def _actor_in(tokens: list[Token], actors: MentionIndex[Actor]) -> str | None:
    for token in tokens:
        actor = actors.at(token.idx, token.idx + len(token.text))
        if actor is not None:
            return actor.name
    return None


def _subtree(token: Token) -> list[Token]:
    """Tokens under `token` without the clauses that hang off it ("focused on Lebanon")."""
    found = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSES:
            found.extend(_subtree(child))
    return sorted(found, key=lambda t: t.i)


def _apposition(span: Span, actors: MentionIndex[Actor]) -> Role:
    for child in span.root.children:
        if child.dep_ != "appos" or child.pos_ != "NOUN" or child.i < span.end:
            continue
        return Role(_title_of(child), _actor_in(_subtree(child), actors) or _named_at(child))
    return _named_as(span, actors)


def _title_of(noun: Token) -> str:
    """A role noun with the lowercase modifiers right before it ("University researcher"
    -> "researcher"; "rebel fighter")."""
    words = [noun]
    for mod in sorted(noun.children, key=lambda t: -t.i):
        adjacent = mod.i == words[0].i - 1
        if adjacent and mod.dep_ in ("amod", "compound") and mod.text.islower():
            words.insert(0, mod)
    return " ".join(t.text for t in words)


def _named_as(span: Span, actors: MentionIndex[Actor]) -> Role:
    """ "a rebel fighter of Lebanese origin, named Khaled": the noun the name is given to,
    even when the parser hangs "named" on the "of" phrase."""
    verb = span.root.head
    if span.root.dep_ not in ("oprd", "dobj", "attr") or verb.lemma_.lower() not in _NAMING:
        return Role()
    noun = verb.head
    if verb.dep_ != "acl" or noun.pos_ != "NOUN":
        return Role()
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return Role(_title_of(noun), _actor_in(_subtree(noun), actors))


def _named_at(noun: Token) -> str | None:
    """The proper name after "at" ("a researcher at Chatham House") when no actor is there."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "at":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN":
                words = [t for t in _subtree(obj) if t.pos_ == "PROPN" or t.dep_ == "prep"]
                while words and words[0].pos_ != "PROPN":
                    words.pop(0)
                while words and words[-1].pos_ != "PROPN":
                    words.pop()
                if words:
                    return noun.doc[words[0].i : words[-1].i + 1].text
    return None


def _title_before(span: Span, actors: MentionIndex[Actor]) -> Role:
    """Title words right before the name, and the actor or nationality right before those."""
    doc = span.doc
    known = titles()
    i = span.start - 1
    words: list[Token] = []
    while i >= 0 and doc[i].lower_ in known:
        words.insert(0, doc[i])
        i -= 1
    if not words:
        return Role()
    title = " ".join(t.text for t in words)
    if i < 0:
        return Role(title)
    before = doc[i]
    actor = actors.at(before.idx, before.idx + len(before.text))
    if actor is not None:
        return Role(title, actor.name)
    country = countries().by_adjective.get(before.lower_)
    return Role(title, country.name if country else None)


def _of_phrase(root: Token, actors: MentionIndex[Actor]) -> str | None:
    """An actor in an of/at phrase on the name ("Aron Lund of the Century Foundation")."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS:
            found = _actor_in(_subtree(child), actors)
            if found:
                return found
    return None
