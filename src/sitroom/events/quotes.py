"""The `quotes.v1` stage: who said what, quoted directly or reported.

Direct quotes are the words between double quotes (straight or curly) that read as speech
(enough words, a verb). Their speaker is the subject of the nearest speech verb outside the
quote in the same sentence ("said Phillip Smyth", "Smyth said", "CSM quoted a fighter ...,
named Khaled, as saying", "according to X"); a quote standing alone takes a bare attribution
in the next sentence, else the speaker of the quote before it in the same paragraph.
Reported speech is the clause a speech verb governs ("experts said ...", "X insists that
...") or the statement "according to X" qualifies. Speakers resolve to a person the people
stage found, else an actor, else the words naming them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitroom.actors.lookup import MentionIndex
from sitroom.datafiles import load_json
from sitroom.model import Actor, Person, Quote
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_QUOTED = re.compile(r"“[^“”\n]+”|\"[^\"\n]+\"")
_NAME_DEPS = ("compound", "amod", "nmod", "poss", "appos", "acl", "oprd", "prep", "pobj", "det")
_DETERMINERS = frozenset({"a", "an", "the", "some", "several", "many"})


@dataclass(frozen=True)
class _Rules:
    verbs: frozenset[str]
    object_speaker: frozenset[str]
    min_words: int
    min_words_without_verb: int
    pronouns: frozenset[str]
    not_speakers: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_json("quotes/speech.json")
    return _Rules(
        verbs=frozenset(raw["verbs"]),
        object_speaker=frozenset(raw["object_speaker_verbs"]),
        min_words=int(raw["min_words"]),
        min_words_without_verb=int(raw["min_words_without_verb"]),
        pronouns=frozenset(raw["pronouns"]),
        not_speakers=frozenset(raw["not_speakers"]),
    )


@dataclass(frozen=True)
class Quotation:
    """Words between quote marks: marks at [open, close), words at [start, end)."""

    open: int
    close: int
    start: int
    end: int


def quotations(text: str) -> list[Quotation]:
    """Every pair of double quotes in the text, with the quoted words trimmed of edge commas."""
    found = []
    for hit in _QUOTED.finditer(text):
        start, end = hit.start() + 1, hit.end() - 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if start < end:
            found.append(Quotation(hit.start(), hit.end(), start, end))
    return found


@dataclass(frozen=True)
class Speaker:
    id: str
    affiliation: str | None = None


class _Speakers:
    """Resolves the token naming a speaker to a person, an actor or a free name."""

    def __init__(self, people: list[Person], actors: list[Actor]) -> None:
        self.people = MentionIndex(people)
        self.actors = MentionIndex(actors)
        self._order = sorted((e, p) for p in people for _s, e in p.mentions)
        self._ends = [e for e, _p in self._order]

    def person_at(self, token: Token) -> Person | None:
        return self.people.at(token.idx, token.idx + len(token.text))

    def resolve(self, token: Token | None) -> Speaker | None:
        if token is None:
            return None
        if token.lower_ in _rules().pronouns:
            k = bisect_right(self._ends, token.idx)
            if k == 0:
                return None
            person = self._order[k - 1][1]
            return Speaker(person.id, person.affiliation)
        if token.pos_ == "PRON" or token.lower_ in _rules().not_speakers:
            return None
        name_tokens = _name_tokens(token)
        for item in [token, *name_tokens]:
            person = self.person_at(item)
            if person is not None:
                return Speaker(person.id, person.affiliation)
        actor = self.actors.at(token.idx, token.idx + len(token.text))
        if actor is not None:
            return Speaker(actor.id)
        affiliation = None
        for item in name_tokens:
            found = self.actors.at(item.idx, item.idx + len(item.text))
            if found is not None:
                affiliation = found.name
                break
        return Speaker(_free_name(token), affiliation)


def _name_tokens(token: Token) -> list[Token]:
    """The words that make up a speaker's description, without clauses or quotes."""
    found = []
    for child in token.children:
        if child.dep_ in _NAME_DEPS and not child.is_punct:
            found.append(child)
            found.extend(_name_tokens(child))
    return sorted(found, key=lambda t: t.i)


def _free_name(token: Token) -> str:
    """The head noun and its close modifiers: "rebel sources on the ground" -> "rebel sources"."""
    words = [token]
    for child in sorted(token.children, key=lambda t: -t.i):
        if child.i == words[0].i - 1 and child.dep_ in ("compound", "amod", "nmod", "nummod"):
            words.insert(0, child)
    while len(words) > 1 and words[0].lower_ in _DETERMINERS:
        words.pop(0)
    return " ".join(t.text for t in words)


def _is_speech(token: Token) -> bool:
    return token.lemma_.lower() in _rules().verbs and token.pos_ in ("VERB", "AUX")


def _according(token: Token) -> Token | None:
    """The source in "according to X", when `token` is "according"."""
    if token.lower_ != "according":
        return None
    for prep in token.children:
        if prep.lower_ == "to":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
        return doc[token.i + 2]
    return None


def _speech_subject(verb: Token) -> Token | None:
    """Who speaks: the verb's subject (its object for "quote"), or its governing verb's."""
    for _ in range(3):
        if verb.lemma_.lower() in _rules().object_speaker:
            return next((c for c in verb.children if c.dep_ == "dobj"), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _source(token: Token) -> Token | None:
    """The speaker token a speech cue names, or None when the token is no speech cue."""
    if _is_speech(token):
        return _speech_subject(token)
    return _according(token)


def _speaks_enough(doc: Doc, q: Quotation) -> bool:
    """Whether quoted words read as speech rather than a name or a scare quote."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha or t.like_num]
    rules = _rules()
    if len(words) < rules.min_words:
        return False
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return has_verb or len(words) >= rules.min_words_without_verb


class _Sentences:
    def __init__(self, doc: Doc) -> None:
        self.list: list[Span] = list(doc.sents)
        self._starts = [s.start_char for s in self.list]

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)


def _inside(token: Token, marks: list[Quotation]) -> bool:
    return any(q.open <= token.idx < q.close for q in marks)


def _attribute(
    q: Quotation, sents: _Sentences, marks: list[Quotation], speakers: _Speakers
) -> tuple[Speaker | None, int, int]:
    """The speaker of a quotation, and the sentence range [first, last] its evidence covers."""
    first, last = sents.index(q.open), sents.index(q.close - 1)
    zone = [t for i in range(first, last + 1) for t in sents.list[i] if not _inside(t, marks)]
    cues = sorted(
        (t for t in zone if _source(t) is not None),
        key=lambda t: t.idx - q.close if t.idx >= q.close else q.open - t.idx,
    )
    for cue in cues:
        speaker = speakers.resolve(_source(cue))
        if speaker is not None:
            return speaker, first, last
    standalone = not any(t.is_alpha for t in zone)
    if standalone and last + 1 < len(sents.list):
        after = sents.list[last + 1]
        if not any(_inside(t, marks) for t in after):
            for cue in after:
                bare = not any(c.dep_ == "ccomp" for c in cue.children)
                if _source(cue) is not None and bare:
                    speaker = speakers.resolve(_source(cue))
                    if speaker is not None:
                        return speaker, first, last + 1
    return None, first, last


def _direct(ctx: StageContext, sents: _Sentences, speakers: _Speakers) -> list[Quote]:
    text = ctx.text
    marks = quotations(text)
    quotes: list[Quote] = []
    previous: tuple[Quotation, Speaker] | None = None
    for q in marks:
        if not _speaks_enough(ctx.doc, q):
            continue
        speaker, first, last = _attribute(q, sents, marks, speakers)
        if speaker is None and previous and "\n" not in text[previous[0].close : q.open]:
            speaker = previous[1]  # a quote carried on in the same paragraph
        if speaker is not None:
            previous = (q, speaker)
        proof = evidence(text, sents.list[first].start_char, sents.list[last].end_char)
        if not proof.start <= q.start < q.end <= proof.end:
            continue
        quotes.append(
            Quote(
                speaker=speaker.id if speaker else None,
                affiliation=speaker.affiliation if speaker else None,
                text=text[q.start : q.end],
                direct=True,
                evidence=proof,
            )
        )
    return quotes


def _clause_text(clause: Token) -> tuple[int, int] | None:
    """Character bounds of a reported clause, without its "that" and final punctuation."""
    tokens = list(clause.subtree)
    while tokens and tokens[0].dep_ == "mark":
        tokens.pop(0)
    return _bounds(tokens)


def _bounds(tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of tokens without edge punctuation or spaces, if words enough remain."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if len([t for t in tokens if t.is_alpha]) < _rules().min_words:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _according_text(sent: Span, cue: Token) -> tuple[int, int] | None:
    """The statement an "according to X" phrase qualifies: the rest of its sentence."""
    phrase = list(cue.subtree)
    before = [t for t in sent if t.i < phrase[0].i]
    after = [t for t in sent if t.i > phrase[-1].i]
    return _bounds(before) or _bounds(after)


def _reported(ctx: StageContext, sents: _Sentences, speakers: _Speakers) -> list[Quote]:
    text = ctx.text
    marks = [q for q in quotations(text) if _speaks_enough(ctx.doc, q)]
    quotes = []
    for sent in sents.list:
        quoted = any(q.open < sent.end_char and sent.start_char < q.close for q in marks)
        for cue in sent:
            bounds = None
            if _is_speech(cue) and not _inside(cue, marks):
                clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
                if clause is not None:
                    bounds = _clause_text(clause)
            elif _according(cue) is not None and not quoted:
                bounds = _according_text(sent, cue)
            if bounds is None or any(q.open < bounds[1] and bounds[0] < q.close for q in marks):
                continue
            speaker = speakers.resolve(_source(cue))
            proof = evidence(text, sent.start_char, sent.end_char)
            if speaker is None or not proof.start <= bounds[0] < bounds[1] <= proof.end:
                continue
            quotes.append(
                Quote(
                    speaker=speaker.id,
                    affiliation=speaker.affiliation,
                    text=text[bounds[0] : bounds[1]],
                    direct=False,
                    evidence=proof,
                )
            )
    return quotes


@stage("quotes.v1", fills="quotes")
def find_quotes(ctx: StageContext) -> list[Quote]:
    """Direct quotes and reported speech, each with its speaker and sentence as evidence."""
    sents = _Sentences(ctx.doc)
    speakers = _Speakers(ctx.record.people, ctx.record.actors)
    quotes = _direct(ctx, sents, speakers) + _reported(ctx, sents, speakers)
    return sorted(quotes, key=lambda q: q.evidence.start)
