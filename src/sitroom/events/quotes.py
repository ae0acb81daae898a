"""The `quotes.v1` stage: who said what, quoted directly or reported.

Direct quotes are the words between double quotes (straight or curly) that read as speech
(enough words, a verb), or a shorter phrase that is no title when a speaker is named in its
own sentence ("framed the fighting as an “existential battle”"). Their speaker is the subject
of the nearest speech verb outside the quote in the same sentence ("said Phillip Smyth",
"Smyth said", "CSM quoted a fighter ..., named Khaled, as saying", "according to X"); a quote
standing alone takes a bare attribution in the next sentence, else the speaker of the quote
before it in the same paragraph. Consecutive quoted sentences with one attribution in one
paragraph are one quote: its text runs from the first quoted word to the last, attribution
included, since a quote's text is always a stretch of its evidence.

Reported speech is the clause a speech verb governs ("experts said ...", "X insists that
..."), the infinitive or counted object of a claim ("commanders claim to have 40,000 men"),
what a speaker calls something ("hailed the capture as a decisive victory"), an estimate
("officials put the total at 80,000"), a person's appeal ("he called on the government to
...") or the statement "according to X" qualifies; "warn X to do" is a warning, no statement.

Speakers resolve to a person the people stage found (also one a naming clause gives: "a
commander, who gave his name as X"), else an actor (a group's leaders, commanders and
spokesmen speak for it: "Hezbollah's leaders", "rebel commanders"), else the whole noun phrase
naming them without its article ("people close to Hezbollah", "military sources and opposition
activists", "a medic in Arsal"). "He" and "she" point back to the nearest person or singular
speaker before them, "the official" to an earlier "a security official"; a document speaks for
its author ("a report by the Christian Science Monitor").
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
_LEFT_DEPS = ("compound", "amod", "nmod", "nummod", "det", "poss", "quantmod", "case", "predet")
_NOUNS = ("NOUN", "PROPN")
_VERBS = ("VERB", "AUX")
_DASHES = ("—", "–", "--")
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True)
class _Rules:
    verbs: frozenset[str]
    object_speaker: frozenset[str]
    as_verbs: frozenset[str]
    opinion_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    estimate_verbs: frozenset[str]
    estimate_nouns: frozenset[str]
    appeal_verbs: dict[str, str]
    document_verbs: frozenset[str]
    min_words: int
    min_words_without_verb: int
    min_words_attributed: int
    pronouns: frozenset[str]
    drop_words: frozenset[str]
    not_speakers: frozenset[str]
    group_voices: frozenset[str]
    naming_words: frozenset[str]

    def cue_verb(self, lemma: str) -> bool:
        """Whether a verb with this lemma can attribute words to its subject."""
        return (
            lemma in self.verbs
            or lemma in self.document_verbs
            or lemma in self.as_verbs
            or lemma in self.opinion_verbs
        )


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_json("quotes/speech.json")
    return _Rules(
        verbs=frozenset(raw["verbs"]),
        object_speaker=frozenset(raw["object_speaker_verbs"]),
        as_verbs=frozenset(raw["as_verbs"]),
        opinion_verbs=frozenset(raw["opinion_verbs"]),
        claim_verbs=frozenset(raw["claim_verbs"]),
        estimate_verbs=frozenset(raw["estimate_verbs"]),
        estimate_nouns=frozenset(raw["estimate_nouns"]),
        appeal_verbs=dict(raw["appeal_verbs"]),
        document_verbs=frozenset(raw["document_verbs"]),
        min_words=int(raw["min_words"]),
        min_words_without_verb=int(raw["min_words_without_verb"]),
        min_words_attributed=int(raw["min_words_attributed"]),
        pronouns=frozenset(raw["pronouns"]),
        drop_words=frozenset(raw["drop_words"]),
        not_speakers=frozenset(raw["not_speakers"]),
        group_voices=frozenset(raw["group_voices"]),
        naming_words=frozenset(raw["naming_words"]),
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


@dataclass(frozen=True)
class _Said:
    """A speaker met earlier: where the words naming them start, their head noun's lemma
    (empty for people and actors) and whether "he" or "she" may point back to them."""

    offset: int
    speaker: Speaker
    head: str
    singular: bool


# ---------------------------------------------------------------------------------------------
# naming the speaker


def _name_tokens(token: Token) -> list[Token]:
    """The words that describe a speaker, with a relative clause that names them ("who uses
    the name X"), but no other clause and no quote."""
    found = []
    naming = _rules().naming_words
    for child in token.children:
        if child.is_punct:
            continue
        if child.dep_ in _NAME_DEPS:
            found.append(child)
            found.extend(_name_tokens(child))
        elif child.dep_ == "relcl" and any(t.lemma_.lower() in naming for t in child.subtree):
            found.extend(t for t in child.subtree if not t.is_punct)
    return sorted(found, key=lambda t: t.i)


def _author(token: Token) -> Token | None:
    """Whose document it is: "a report by X", "a statement from X", "X's statement"."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            pobj = _child(child, "pobj")
            if pobj is not None:
                return pobj
    return None


def _plain(token: Token) -> bool:
    """A short modifier with no clause and no punctuation in it."""
    words = list(token.subtree)
    return len(words) <= 8 and not any(
        t.pos_ in _VERBS or t.is_punct or t.dep_ == "relcl" for t in words
    )


def _conjoined(token: Token) -> bool:
    return any(c.dep_ == "conj" for c in token.children)


class _Speakers:
    """Resolves the token naming a speaker to a person, an actor or a free name, and keeps
    the speakers already met so that pronouns and "the official" can point back to them."""

    def __init__(self, doc: Doc, people: list[Person], actors: list[Actor]) -> None:
        self.people = MentionIndex(people)
        self.actors = MentionIndex(actors)
        self._order = sorted((e, p) for p in people for _s, e in p.mentions)
        self._ends = [e for e, _p in self._order]
        self.history: list[_Said] = []
        # common-noun group names ("rebels"), so that "rebel commanders" find them
        self._by_lemma: dict[str, Actor] = {}
        for actor in actors:
            for start, end in actor.mentions:
                span = doc.char_span(start, end)
                if span is None or any(t.pos_ == "PROPN" for t in span):
                    continue
                # "rebels", "rebel factions": "rebel"; "the group" is no name for every group
                first = span[0]
                plural = len(span) > 1 or first.tag_ == "NNS"
                if plural and first.is_alpha and first.ent_type_ not in ("NORP", "GPE"):
                    self._by_lemma.setdefault(first.lemma_.lower(), actor)

    def person_at(self, token: Token) -> Person | None:
        return self.people.at(token.idx, token.idx + len(token.text))

    def actor_at(self, token: Token) -> Actor | None:
        return self.actors.at(token.idx, token.idx + len(token.text))

    def _group(self, token: Token) -> Actor | None:
        """The actor a modifier names: "Nusra commanders", "rebel commanders"."""
        return self.actor_at(token) or self._by_lemma.get(token.lemma_.lower())

    def _names_something(self, modifier: Token) -> bool:
        """Whether a modifier after a speaker's head names a place or group ("in Beirut",
        "close to the group") and is no clause: such modifiers belong to the speaker's name."""
        prep = modifier if modifier.dep_ == "prep" else _child(modifier, "prep")
        if prep is None or prep.lower_ == "of":
            return False
        pobj = _child(prep, "pobj")
        named = pobj is not None and (pobj.pos_ == "PROPN" or self.actor_at(pobj) is not None)
        return named and _plain(modifier)

    def _of_owner(self, token: Token) -> Token | None:
        """The named owner in "supporters of the group", "residents of Arsal"."""
        prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = _child(prep, "pobj") if prep is not None else None
        if pobj is None or not _plain(prep):
            return None
        return pobj if pobj.pos_ == "PROPN" or self.actor_at(pobj) is not None else None

    def _phrase_tokens(self, token: Token) -> list[Token]:
        keep = [token]
        for child in token.lefts:  # not a date before it: 'last week reports'
            dated = any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
            if child.dep_ in _LEFT_DEPS and not dated:
                keep.extend(child.subtree)
        conjuncts = [c for c in token.rights if c.dep_ == "conj" and c.pos_ in _NOUNS]
        for child in token.rights:
            if child.dep_ in ("prep", "amod") and self._names_something(child):
                keep.extend(child.subtree)
            elif child.dep_ == "conj" and child in conjuncts:
                keep.extend(self._phrase_tokens(child))
            elif conjuncts and child.dep_ in ("cc", "punct") and child.i < conjuncts[-1].i:
                keep.append(child)
        return keep

    def phrase(self, token: Token) -> list[Token]:
        """The noun phrase naming a speaker: modifiers before the head, a named place or group
        after it ("in Beirut", "close to Hezbollah"), and coordinated heads ("military sources
        and opposition activists"), without a leading article."""
        at = {t.i for t in self._phrase_tokens(token)}
        lo = hi = token.i
        while lo - 1 in at:
            lo -= 1
        while hi + 1 in at:
            hi += 1
        words = list(token.doc[lo : hi + 1])
        drop = _rules().drop_words
        while len(words) > 1 and (words[0].lower_ in drop or words[0].is_punct):
            words.pop(0)
        while len(words) > 1 and words[-1].is_punct:
            words.pop()
        return words

    def _render(self, words: list[Token]) -> str:
        """Words as written, but a group named by a common noun under its name ("close to the
        group" -> "close to Hezbollah") and without a possessive's "'s"."""
        named = {
            t.i: actor.name
            for t in words
            if t.pos_ == "NOUN" and t.dep_ in ("pobj", "poss")
            for actor in [self.actor_at(t)]
            if actor is not None
        }
        out = ""
        for t in words:
            if t.head.i in named and t.dep_ == "det":
                continue
            if t.dep_ == "case":
                out += t.whitespace_ or " "
            else:
                out += named.get(t.i, t.text) + t.whitespace_
        return out.strip()

    def free_name(self, token: Token) -> str:
        """The words naming a speaker who is neither a person nor an actor; an owner named by
        "of" comes first ("supporters of the group" -> "Hezbollah supporters")."""
        name = self._render(self.phrase(token))
        owner = self._of_owner(token)
        if owner is None:
            return name
        actor = self.actor_at(owner)
        first = actor.name if actor is not None else self._render(self.phrase(owner))
        if token.pos_ != "PROPN" and name[:1].isupper() and name[1:2].islower():
            name = name[:1].lower() + name[1:]
        return f"{first} {name}"

    def owner(self, token: Token) -> Actor | None:
        """The group a speaker belongs to: "Hezbollah's leaders", "supporters of the group",
        "a spokesman for the Nusra Front", "rebel commanders"."""
        for child in token.children:
            found: Actor | None = None
            if child.dep_ == "poss":
                found = next(filter(None, map(self.actor_at, child.subtree)), None)
            elif child.dep_ == "prep" and child.lower_ in ("of", "for"):
                words = [t for t in child.subtree if t.dep_ != "relcl" and t.pos_ not in _VERBS]
                found = next(filter(None, map(self.actor_at, words)), None)
            elif child.dep_ in ("compound", "amod") and child.i < token.i:
                found = self._group(child)
            if found is not None:
                return found
        return None

    def remember(self, token: Token | None, speaker: Speaker | None) -> None:
        if token is None or speaker is None:
            return
        person = speaker.id in self.people.items
        actor = speaker.id in self.actors.items
        free = not person and not actor
        singular = person or (free and token.tag_ == "NN" and not _conjoined(token))
        head = token.lemma_.lower() if free else ""
        self.history.append(_Said(token.idx, speaker, head, singular))

    def resolve(self, token: Token | None, cue: Token | None = None) -> Speaker | None:
        if token is None:
            return None
        rules = _rules()
        low = token.lower_
        if low in rules.pronouns:
            return self._pronoun(token)
        if token.pos_ == "PRON" or low in rules.not_speakers:
            author = _author(token) if token.pos_ != "PRON" else None
            if author is not None:
                return self.resolve(author)
            documented = cue is not None and cue.lemma_.lower() in rules.document_verbs
            if documented and token.pos_ in _NOUNS:
                return Speaker(self.free_name(token))
            return None
        name_tokens = _name_tokens(token)
        for item in [token, *name_tokens]:
            person = self.person_at(item)
            if person is not None:
                return Speaker(person.id, person.affiliation)
        actor = self.actor_at(token)
        if actor is not None:
            return Speaker(actor.id)
        owner = self.owner(token)
        if owner is not None and token.lemma_.lower() in rules.group_voices:
            return Speaker(owner.id)
        earlier = self._antecedent(token)
        if earlier is not None:
            return earlier
        affiliation = next(
            filter(None, map(self.actor_at, [*self.phrase(token), *name_tokens])), None
        )
        if affiliation is None:
            affiliation = owner
        return Speaker(self.free_name(token), affiliation.name if affiliation else None)

    def _pronoun(self, token: Token) -> Speaker | None:
        """The nearest person named, or singular speaker met, before a "he" or "she"."""
        best: tuple[int, Speaker] | None = None
        k = bisect_right(self._ends, token.idx)
        if k:
            end, person = self._order[k - 1]
            best = (end, Speaker(person.id, person.affiliation))
        said = next(
            (s for s in reversed(self.history) if s.singular and s.offset < token.idx), None
        )
        if said is not None and (best is None or said.offset > best[0]):
            best = (said.offset, said.speaker)
        return best[1] if best else None

    def _antecedent(self, token: Token) -> Speaker | None:
        """The speaker "the official" points back to: an earlier one with the same head."""
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.lefts)
        if not definite or any(t.pos_ == "PROPN" for t in self.phrase(token)):
            return None
        lemma = token.lemma_.lower()
        for said in reversed(self.history):
            if said.head == lemma and said.offset < token.idx:
                return said.speaker
        return None


# ---------------------------------------------------------------------------------------------
# speech cues


def _is_speech(token: Token) -> bool:
    return token.pos_ in _VERBS and _rules().cue_verb(token.lemma_.lower())


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
    """Who speaks: the verb's subject (its object for "quote"), or its governing verb's
    ("cited sources as confirming": the one who cites)."""
    for _ in range(3):
        if verb.lemma_.lower() in _rules().object_speaker:
            return next((c for c in verb.children if c.dep_ == "dobj"), None)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        named = [c for c in subjects if c.lower_ not in _RELATIVE]
        if named:  # "the engineer Hadi Jaber said": the name over the title
            return next((c for c in named if c.pos_ == "PROPN"), named[0])
        if subjects and verb.dep_ == "relcl":
            return verb.head  # "the officer who said": the officer
        if subjects:
            return subjects[0]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in _VERBS:
            verb = verb.head.head
            continue
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _source(token: Token) -> Token | None:
    """The speaker token a speech cue names, or None when the token is no speech cue."""
    if _is_speech(token):
        return _speech_subject(token)
    return _according(token)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


# ---------------------------------------------------------------------------------------------
# direct quotes


def _speaks_enough(doc: Doc, q: Quotation) -> bool:
    """Whether quoted words read as speech rather than a name or a scare quote."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha or t.like_num]
    rules = _rules()
    if len(words) < rules.min_words:
        return False
    has_verb = any(t.pos_ in _VERBS for t in span)
    long_enough = len(words) >= rules.min_words_without_verb and not _title(span)
    return has_verb or long_enough


def _title(span: Span) -> bool:
    """Words that read as a name or title: every word of four letters or more capitalised
    ("Battle of Spring", "al-Nusra Front", "Islamic State in Iraq and Levant")."""
    content = [t for t in span if t.is_alpha and len(t.text) > 3]
    return all(t.text[:1].isupper() for t in content)


def _may_be_phrase(doc: Doc, q: Quotation) -> bool:
    """Whether short quoted words may be a speaker's phrase: words enough and no title
    ("existential battle" may; "Battle of Spring" never)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    return len(words) >= _rules().min_words_attributed and not _title(span)


class _Sentences:
    def __init__(self, doc: Doc) -> None:
        self.list: list[Span] = list(doc.sents)
        self._starts = [s.start_char for s in self.list]

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)


def _inside(token: Token, marks: list[Quotation]) -> bool:
    return any(q.open <= token.idx < q.close for q in marks)


@dataclass
class _Attribution:
    speaker: Speaker | None
    token: Token | None  # the words naming the speaker
    cue: Token | None
    first: int  # sentence range [first, last] of the evidence
    last: int
    own: bool  # named in the quote's own sentence


def _zone(q: Quotation, sents: _Sentences, marks: list[Quotation]) -> tuple[int, int, list]:
    first, last = sents.index(q.open), sents.index(q.close - 1)
    zone = [t for i in range(first, last + 1) for t in sents.list[i] if not _inside(t, marks)]
    return first, last, zone


def _own_cues(q: Quotation, zone: list[Token]) -> list[Token]:
    """Speech cues outside quotes in the quote's sentence, nearest first."""
    return sorted(
        (t for t in zone if _source(t) is not None),
        key=lambda t: t.idx - q.close if t.idx >= q.close else q.open - t.idx,
    )


def _attribute(
    q: Quotation, sents: _Sentences, marks: list[Quotation], speakers: _Speakers
) -> _Attribution:
    """The speaker of a quotation, and the sentence range its evidence covers."""
    first, last, zone = _zone(q, sents, marks)
    for cue in _own_cues(q, zone):
        source = _source(cue)
        speaker = speakers.resolve(source, cue)
        if speaker is not None:
            return _Attribution(speaker, source, cue, first, last, True)
    standalone = not any(t.is_alpha for t in zone)
    if standalone and last + 1 < len(sents.list):
        after = sents.list[last + 1]
        if not any(_inside(t, marks) for t in after):
            for cue in after:
                bare = not any(c.dep_ == "ccomp" for c in cue.children)
                if _source(cue) is not None and bare:
                    source = _source(cue)
                    speaker = speakers.resolve(source, cue)
                    if speaker is not None:
                        return _Attribution(speaker, source, cue, first, last + 1, False)
    return _Attribution(None, None, None, first, last, False)


@dataclass
class _Open:
    """A direct quote being built: quoted words [start, end), evidence sentences
    [first, last], and the quotation and cue that ended it."""

    start: int
    end: int
    first: int
    last: int
    speaker: Speaker | None
    quotation: Quotation
    cue: Token | None


def _accepted(doc: Doc, marks: list[Quotation], sents: _Sentences) -> list[Quotation]:
    """The quotations that read as speech: long enough, or short with a speaker named in
    their own sentence."""
    found = []
    for q in marks:
        phrase = _may_be_phrase(doc, q) and bool(_own_cues(q, _zone(q, sents, marks)[2]))
        if phrase or _speaks_enough(doc, q):
            found.append(q)
    return found


def _direct(
    q: Quotation,
    ctx: StageContext,
    sents: _Sentences,
    marks: list[Quotation],
    speakers: _Speakers,
    built: list[_Open],
) -> None:
    """Attribute one quotation, extending the quote before it when it carries it on."""
    att = _attribute(q, sents, marks, speakers)
    short = not _speaks_enough(ctx.doc, q)
    if short and not att.own:
        return
    prev = built[-1] if built else None
    same_paragraph = prev is not None and "\n" not in ctx.text[prev.quotation.close : q.open]
    if prev is not None and same_paragraph and prev.speaker is not None:
        carried = att.speaker is None and att.first <= prev.last + 1
        same_cue = att.cue is not None and prev.cue is not None and att.cue.i == prev.cue.i
        if carried or same_cue:
            prev.end, prev.last, prev.quotation = q.end, max(prev.last, att.last), q
            return
        if att.speaker is None:
            att.speaker = prev.speaker  # a quote carried on in the same paragraph
    speakers.remember(att.token, att.speaker)
    built.append(_Open(q.start, q.end, att.first, att.last, att.speaker, q, att.cue))


def _quote_of(text: str, sents: _Sentences, item: _Open) -> Quote | None:
    proof = evidence(text, sents.list[item.first].start_char, sents.list[item.last].end_char)
    if not proof.start <= item.start < item.end <= proof.end:
        return None
    speaker = item.speaker
    return Quote(
        speaker=speaker.id if speaker else None,
        affiliation=speaker.affiliation if speaker else None,
        text=text[item.start : item.end],
        direct=True,
        evidence=proof,
    )


# ---------------------------------------------------------------------------------------------
# reported speech


def _clause_text(clause: Token) -> tuple[int, int] | None:
    """Character bounds of a reported clause, without its "that", "to" and final punctuation;
    a clause whose subject is a relative pronoun runs from the noun it stands for ("an
    assault that both sides say is imminent", "a number that analysts consider inflated")."""
    cue = clause.head
    subject = _child(clause, "nsubj", "nsubjpass")
    if subject is None:  # "a fight that rebels said cost them heavily"
        subject = next((c for c in cue.children if c.lower_ in _RELATIVE), None)
    if subject is not None and subject.lower_ in _RELATIVE and cue.dep_ == "relcl":
        return _span_bounds(cue.head.left_edge, clause.right_edge)
    tokens = list(clause.subtree)
    while tokens and (
        tokens[0].dep_ == "mark" or (tokens[0].lower_ == "to" and tokens[0].dep_ == "aux")
    ):
        tokens.pop(0)
    return _bounds(tokens)


def _bounds(tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of tokens without a dateline ("BEIRUT —"), edge punctuation or
    spaces, if words enough remain."""
    dash = next((k for k, t in enumerate(tokens[:10]) if t.text in _DASHES), None)
    if dash is not None:
        alpha = [t for t in tokens[:dash] if t.is_alpha]
        if alpha and alpha[0].text.isupper() and len(alpha[0].text) > 1:
            tokens = tokens[dash + 1 :]
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


def _span_bounds(first: Token, last: Token) -> tuple[int, int] | None:
    return _bounds(list(first.doc[first.i : last.i + 1]))


def _statement(cue: Token) -> tuple[tuple[int, int] | None, bool]:
    """What a verb reports (character bounds, or None), and whether only a person's words
    count (an appeal)."""
    rules = _rules()
    lemma = cue.lemma_.lower()
    if lemma in rules.verbs or lemma in rules.document_verbs:
        clause = _child(cue, "ccomp")
        if clause is not None:
            if _infinitive(clause):  # "warn Hezbollah to stay out": a warning, no statement
                return None, False
            return _clause_text(clause), False
        xcomp = _child(cue, "xcomp")
        if xcomp is not None and (lemma in rules.claim_verbs or not _infinitive(xcomp)):
            return _clause_text(xcomp), False  # "claim to have ...", "that rebels said cost ..."
        # a claimed figure ("claim several thousand men"), not a claimed attack or the lives
        # a battle claimed ("claimed the lives of 129 fighters")
        dobj = _child(cue, "dobj")
        figure = dobj is not None and any(c.dep_ == "nummod" for c in dobj.children)
        if figure and lemma in rules.claim_verbs:
            return _bounds(list(dobj.subtree)), False
        return None, False
    if lemma in rules.as_verbs:
        dobj = _child(cue, "dobj")
        heads = [cue] if dobj is None else [cue, dobj]
        prep = next(
            (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "as"), None
        )
        pobj = _child(prep, "pobj") if prep is not None else None
        return (_bounds(list(pobj.subtree)) if pobj is not None else None), False
    if lemma in rules.opinion_verbs:
        clause = _child(cue, "ccomp")
        return (_clause_text(clause) if clause is not None else None), False
    if lemma in rules.estimate_verbs:
        dobj = _child(cue, "dobj")
        at = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        if dobj is not None and at is not None and dobj.lemma_.lower() in rules.estimate_nouns:
            return _span_bounds(dobj.left_edge, at.right_edge), False
        return None, False
    if lemma in rules.appeal_verbs:
        particle = rules.appeal_verbs[lemma]
        if particle:
            prep = next(
                (c for c in cue.children if c.dep_ == "prep" and c.lower_ == particle), None
            )
            addressee = _child(prep, "pobj") if prep is not None else None
        else:
            addressee = _child(cue, "dobj")
        xcomp = _child(cue, "xcomp")
        if addressee is None or xcomp is None:
            return None, True
        return _span_bounds(addressee.left_edge, xcomp.right_edge), True
    return None, False


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _reported(
    sent: Span,
    ctx: StageContext,
    marks: list[Quotation],
    speakers: _Speakers,
    people: set[str],
) -> list[Quote]:
    text = ctx.text
    quoted = any(q.open < sent.end_char and sent.start_char < q.close for q in marks)
    quotes = []
    for cue in sent:
        if _inside(cue, marks):
            continue
        bounds, person_only, source = None, False, None
        if _according(cue) is not None:
            if not quoted:
                bounds, source = _according_text(sent, cue), _according(cue)
        elif cue.pos_ in _VERBS:
            bounds, person_only = _statement(cue)
            source = _speech_subject(cue) if bounds is not None else None
        if bounds is None or any(q.open < bounds[1] and bounds[0] < q.close for q in marks):
            continue
        speaker = speakers.resolve(source, cue)
        proof = evidence(text, sent.start_char, sent.end_char)
        if speaker is None or not proof.start <= bounds[0] < bounds[1] <= proof.end:
            continue
        if person_only and speaker.id not in people:
            continue
        speakers.remember(source, speaker)
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
    speakers = _Speakers(ctx.doc, ctx.record.people, ctx.record.actors)
    people = {p.id for p in ctx.record.people}
    marks = _accepted(ctx.doc, quotations(ctx.text), sents)
    # one pass in reading order, so that "he" and "the official" find who spoke before
    jobs: list[tuple[int, int, Quotation | Span]] = [(q.open, 1, q) for q in marks]
    jobs += [(s.start_char, 0, s) for s in sents.list]
    built: list[_Open] = []
    reported: list[Quote] = []
    for _offset, kind, item in sorted(jobs, key=lambda j: (j[0], j[1])):
        if kind == 1:
            _direct(item, ctx, sents, marks, speakers, built)  # type: ignore[arg-type]
        else:
            reported.extend(_reported(item, ctx, marks, speakers, people))  # type: ignore[arg-type]
    direct = [q for q in (_quote_of(ctx.text, sents, b) for b in built) if q is not None]
    return sorted(direct + reported, key=lambda q: q.evidence.start)
