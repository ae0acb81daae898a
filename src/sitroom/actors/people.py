"""The `people.spacy.v1` stage: named people, their titles and affiliations.

People come from spaCy PERSON entities, minus those that are really groups or places the
model mis-tagged (a name the actors stage claimed, a sect word, a name the text uses as a
place, one word that is a curated place or a sizeable town). Later surname-only mentions join
the one full name they end ("Smyth" -> "Phillip Smyth"); title and affiliation come from
roles.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.actors import kb
from sitroom.actors.data import context_words, countries, titles
from sitroom.actors.lookup import MentionIndex
from sitroom.actors.mentions import trim
from sitroom.actors.nationality import named as country_named
from sitroom.actors.recognize import credit_spans, place_names, within
from sitroom.actors.roles import Role, role_of
from sitroom.doccache import text_of
from sitroom.model import Actor, Person
from sitroom.places.guard import names_a_place
from sitroom.spans import slugify
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_PARTS = re.compile(r"[\s\-–]+")


@dataclass
class _Named:
    name: str
    spans: list[Span] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        return name_parts(self.name)


def name_parts(name: str) -> list[str]:
    """The words of a person's name that identify them, lowercase ("al-Assad" -> ["assad"])."""
    words = [w.strip(".,'’").lower() for w in _PARTS.split(name)]
    particles = context_words("name_particles")
    return [w for w in words if w and w not in particles]


@stage("people.spacy.v1", fills="people")
def spacy_people(ctx: StageContext) -> list[Person]:
    """People named in the article, with the title and affiliation the text gives them."""
    actors = MentionIndex(ctx.record.actors)
    text = ctx.doc.text
    spans = [
        s for s in person_spans(ctx.doc) if not claimed(actors, text, s.start_char, s.end_char)
    ]
    people = _join_surnames(spans)
    _sweep(ctx.doc, people, actors)
    found: dict[str, Person] = {}
    for named in people:
        person = _known(_person(named, actors))
        if person.id in found:  # two spellings that slugify alike are one person
            mentions = sorted(set(found[person.id].mentions) | set(person.mentions))
            person = found[person.id].model_copy(update={"mentions": mentions})
        found[person.id] = person
    return list(found.values())


def claimed(actors: MentionIndex[Actor], text: str, start: int, end: int) -> bool:
    """Whether an actor's mention takes the name: a group the model tagged as a person
    ("Ahrar al-Sham"), a country ("Benin"). A head of state who stands for his state
    ("Serbian President Vojislav Kostunica", "Putin") stays a person too."""
    actor = actors.at(start, end)
    if actor is None:
        return False
    if actor.kind != "state":
        return True
    words = " ".join(text[start:end].split())
    table = countries()
    return bool(
        country_named(words) or table.any_word(words) or table.by_capital.get(words.lower())
    )


def _known(person: Person) -> Person:
    """A person the knowledge base knows keeps its id and name across articles, and is linked
    to the group it leads when the text names no affiliation. Titles stay the text's own."""
    base = kb.load()
    hits = base.lookup_person(person.name)
    if len(hits) != 1:
        return person
    entry = hits[0]
    affiliation = person.affiliation
    if affiliation is None and entry.affiliation in base.actors:
        affiliation = base.actors[entry.affiliation].name
    return person.model_copy(
        update={"id": entry.id, "name": entry.name, "affiliation": affiliation}
    )


def person_spans(doc: Doc) -> list[Span]:
    """PERSON entities that are plausibly people, trimmed of titles and possessives."""
    places = place_names(doc)
    credits = credit_spans(text_of(doc))
    describing = context_words("not_groups") | set(countries().by_adjective)
    known_titles = titles()
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        first = start - 1 if start > 0 and doc[start - 1].lower_ in known_titles else start
        if doc[first].lower_ in known_titles and names_a_place(doc[first : ent.end].text.strip()):
            continue  # "Sheikh Maqsoud" is a district of Aleppo, not a sheikh
        while start < ent.end and doc[start].lower_ in known_titles:
            start += 1
        bounds = trim(doc, start, ent.end)
        if bounds is None:
            continue
        span = doc[bounds[0] : bounds[1]]
        name = " ".join(span.text.split())
        if name.lower() in describing or name.lower() in places:
            continue
        if within(span.start_char, span.end_char, credits):
            continue  # "... April 29, 2015. Jaish al Islam": a photo credit
        found.append(span)
    surnames = {" ".join(s.text.split()).split()[-1].lower() for s in found if len(s) > 1}
    return [s for s in found if not _known_place(" ".join(s.text.split()), surnames)]


def _known_place(name: str, surnames: set[str]) -> bool:
    """A one-word name that is a place ("Qalamoun is not Qusayr"), and neither a surname of
    someone named in full nor a person the knowledge base knows."""
    if len(name.split()) != 1 or name.lower() in surnames:
        return False
    return names_a_place(name) and not kb.load().lookup_person(name)


def _join_surnames(spans: list[Span]) -> list[_Named]:
    """Full names first; then each short mention joins the one full name it ends."""
    people: dict[tuple[str, ...], _Named] = {}
    short: list[Span] = []
    for span in spans:
        name = " ".join(span.text.split())
        parts = name_parts(name)
        if not parts:
            continue
        if len(parts) == 1:
            short.append(span)
            continue
        people.setdefault(tuple(parts), _Named(name)).spans.append(span)
    for span in short:
        part = name_parts(span.text)[0]
        homes = [p for key, p in people.items() if key[-1] == part]
        if len(homes) == 1:
            homes[0].spans.append(span)
        else:
            people.setdefault((part,), _Named(" ".join(span.text.split()))).spans.append(span)
    return sorted(people.values(), key=lambda p: min(s.start_char for s in p.spans))


def _sweep(doc: Doc, people: list[_Named], actors: MentionIndex[Actor]) -> None:
    """Add later uses of a full name or its surname that the model did not tag ("Ghalioun")."""
    taken = {(s.start_char, s.end_char) for p in people for s in p.spans}
    surnames = Counter(p.parts[-1] for p in people)
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i for t in doc}
    for person in people:
        forms = {person.name}
        words = _PARTS.split(person.name)
        if len(person.parts) > 1 and surnames[person.parts[-1]] == 1:
            forms.add(words[-1])
        for form in forms:
            for hit in re.finditer(re.escape(form), text_of(doc)):
                if hit.start() not in starts or hit.end() not in ends:
                    continue
                if any(s < hit.end() and hit.start() < e for s, e in taken):
                    continue
                if claimed(actors, text_of(doc), hit.start(), hit.end()):
                    continue
                person.spans.append(doc[starts[hit.start()] : ends[hit.end()] + 1])
                taken.add((hit.start(), hit.end()))


def _person(named: _Named, actors: MentionIndex[Actor]) -> Person:
    ordered = sorted(named.spans, key=lambda s: s.start_char)
    full = max(ordered, key=lambda s: len(name_parts(s.text)))
    name = " ".join(full.text.split())
    role = Role()
    for span in ordered:
        found = role_of(span, actors)
        role = Role(role.title or found.title, role.affiliation or found.affiliation)
    return Person(
        id=slugify(name),
        name=name,
        title=role.title,
        affiliation=role.affiliation,
        mentions=[(s.start_char, s.end_char) for s in ordered],
    )
