"""Where and when: the place and date a trigger's sentence ties to its event.

The place is read from the dependency parse of the trigger's sentence and scored 3 (governed
by the trigger: 'fighting in Homs', 'shelled Homs', 'the battle of Aleppo'), 2 (governed
elsewhere in the trigger's own clause: 'attacked rebel positions in Qalamoun') or 1 (merely
near the trigger). Read so:

- a name is tied through the ground noun it names or modifies: 'in the city of Homs', 'the
  Rafah region', 'north of Baghdad', 'at a bus stop in a village outside Lyon';
- of two places in one phrase the finer wins: 'Azamiyah in Baghdad', 'the West Bank city of
  Nablus', 'the Kafr Souseh area of Damascus', 'Ramadi, west of Baghdad', 'Lucciana, in
  Corsica', and a country gives way to another place tied as closely;
- a name that only tells whose or what something is places nothing: 'a Baghdad resident',
  'Spain's Carlos Checa', 'the US embassy', 'a US airstrike', 'London's transport network';
  nor does an origin, a partner, a destination or an example: 'fighters from Syria',
  'collaborators with Israel', 'transferred to Bagram', 'cities such as Fallujah';
- a place in another clause places another event: what a relative clause tells of a person,
  a reported or parallel clause with its own subject, an adverbial clause of another time
  ('shot hours after the government agreed to move a plant in X'), and the reporting frame
  ('according to a source in Deir Ezzor', 'a police spokesman in the area said'). A
  participle or a verb sharing its subject is told in its head's clause ('blew up his car in
  X, killing eight'); a statement or a warning is about what it says ('warned that joining the
  battle would bring reprisals in the Bekaa').
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

from sitroom.actors.nationality import named
from sitroom.datafiles import load_json
from sitroom.dates import DateValue, resolve_date
from sitroom.events.parse import NEAR_TOKENS, Mention, Mentions
from sitroom.events.triggers import Match, patterns


@lru_cache(maxsize=1)
def _place_words() -> dict[str, frozenset[str]]:
    """Word lists of data/events/place_words.json (what each means is in its _doc)."""
    raw = load_json("events/place_words.json")
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


#: Clauses that tell of something else: what is reported, or said alongside.
_SUBCLAUSES = {"ccomp", "parataxis", "csubj"}
#: Dependency labels of a name that modifies the noun after it ('Baghdad residents').
_MODIFIER = {"compound", "amod", "nmod", "poss"}
_VERBS = ("VERB", "AUX")
_NOUNS = ("NOUN", "PROPN")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
#: How deep one place's tie may be read through the places that hold it.
_DEPTH = 4


def place_of(
    match: Match, doc: Doc, path: list[Token], places: Mentions, actors: Mentions
) -> tuple[str | None, int]:
    """The place of the event and how sure: 3 governed by the trigger, 2 governed elsewhere in
    its clause, 1 merely near it (see the module's notes). A place mention's kind, where the
    caller gives one, is the place's feature ('country', 'city', ...)."""
    trigger = doc[match.head]
    # the heads a trigger's arguments hang from ('launched an attack in X'); not the verb a
    # conjoined trigger follows, whose object is its own ('took X and then seized Y')
    heads = path[1:3] if trigger.dep_ == "conj" and trigger.pos_ in _VERBS else path[:3]
    near = {trigger, *heads}
    if match.trigger.heads and trigger.dep_ in ("nsubj", "nsubjpass"):
        near.add(trigger.head)  # 'rockets struck Hermel', 'shells landed in the hills'
    ctx = _Context(
        trigger=trigger,
        near=near,
        path=path,
        targets={o for t in near for o in t.children if o.dep_ in ("dobj", "pobj")},
        clause={*path, *_clause(match, trigger)},
        frame=_frame(trigger),
    )
    for m in places.items:
        if actors.overlapping(m.start, m.end):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            ctx.spans[m] = span
            if _is_country(m, span):
                ctx.countries.update(range(span.start, span.end))
    best: tuple[int, int, int, str] | None = None
    for m, span in ctx.spans.items():
        tie = _tie(span.root, ctx, 0)
        if tie is None:
            continue
        score, rank = tie
        distance = min(abs(span.root.i - match.start), abs(span.root.i - match.end))
        if score == 1 and distance > NEAR_TOKENS:
            continue
        # of two places tied alike, the finer: a country gives way to a place in it
        coarse = rank + int(span.start in ctx.countries)
        candidate = (score, -coarse, -distance, m.id)
        if best is None or candidate[:3] > best[:3]:
            best = candidate
    return (best[3], best[0]) if best else (None, 0)


@dataclass
class _Context:
    """What a place's tie is read against: the trigger, the heads whose arguments it governs
    (`near`), their objects (`targets`), the tokens of its clause and of the reporting frame,
    and the sentence's place mentions (token indexes of countries' names in `countries`)."""

    trigger: Token
    near: set[Token]
    path: list[Token]
    targets: set[Token]
    clause: set[Token]
    frame: set[int]
    spans: dict[Mention, Span] = field(default_factory=dict)
    countries: set[int] = field(default_factory=set)

    def place_at(self, token: Token) -> Span | None:
        """The place mention covering a token, if any."""
        for span in self.spans.values():
            if span.start <= token.i < span.end:
                return span
        return None


def _is_country(mention: Mention, span: Span) -> bool:
    """A country's name: by the place's feature when the caller gives it, else by the name."""
    if mention.kind is not None:
        return mention.kind == "country"
    return named(span.text) is not None


# --- clauses ---------------------------------------------------------------------------------


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _clause(match: Match, trigger: Token) -> set[Token]:
    """The tokens of the clause that tells the trigger's event. A statement, a warning or a
    demand is about what it says, the clause below it."""
    said = match.trigger.plover in patterns().placeless
    return _own_clause(_clause_head(trigger), said)


def _clause_head(trigger: Token) -> Token:
    """The verb whose clause tells the trigger's event: a participle or a verb sharing its
    subject is told in its head's clause ('blew up his car in X, killing eight')."""
    top = trigger
    for _ in range(4):
        if top.pos_ in _VERBS and top.dep_ in ("advcl", "conj", "xcomp") and not _has_subject(top):
            top = top.head
        else:
            break
    return top


def _other_clause(token: Token, said: bool) -> bool:
    """A clause below a word of the trigger's clause that tells of something else: another
    verb with its own subject; what a relative clause tells of a person; a reported clause; an
    adverbial clause of another time. For a statement, only another verb."""
    if token.dep_ == "conj" and token.pos_ in _VERBS:
        return _has_subject(token)
    if said:
        return False
    if token.dep_ == "relcl":
        head = token.head
        return head.ent_type_ == "PERSON" or head.lemma_.lower() in _place_words()["people"]
    if token.dep_ in _SUBCLAUSES:
        return True
    if token.dep_ == "advcl" and _has_subject(token):
        return any(
            c.dep_ == "mark" and c.lower_ in _place_words()["elsewhen"] for c in token.children
        )
    return False


def _own_clause(head: Token, said: bool) -> set[Token]:
    """The subtree of a clause's head less the clauses in it that tell of something else."""
    skip: set[int] = set()
    for tok in head.subtree:
        if tok != head and tok.i not in skip and _other_clause(tok, said):
            skip.update(t.i for t in tok.subtree)
    return {t for t in head.subtree if t.i not in skip}


def _frame(trigger: Token) -> set[int]:
    """Token indexes of the reporting frame around the trigger: who said it, to whom and where
    they are ('a military source in Deir Ezzor said', 'according to activists in Homs',
    'told reporters in Beirut'), not what was said."""
    frame: set[int] = set()
    for tok in trigger.sent:
        if tok == trigger or tok.lemma_.lower() not in _place_words()["reporting"]:
            continue
        if tok.lower_ == "according":
            if trigger not in tok.subtree:
                frame.update(t.i for t in tok.subtree)
        elif tok.pos_ in _VERBS:
            for child in tok.children:
                if trigger in child.subtree or child.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
                    continue
                frame.update(t.i for t in child.subtree)
    return frame


# --- names in noun phrases ---------------------------------------------------------------------


def _modified(token: Token) -> tuple[Token, str] | None:
    """The noun a name modifies or names ('Baghdad residents', 'Cairo's suburbs', 'the city of
    Homs') and how: its dependency label, or 'of'; None when the name is no such modifier."""
    if token.dep_ in _MODIFIER and token.head != token:
        return token.head, token.dep_
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.dep_ == "prep":
        head = token.head.head
        if head.pos_ in _NOUNS:
            return head, "of"
    return None


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _locative(token: Token) -> bool:
    return _is(token, _place_words()["ground"]) or token.lemma_.lower() in patterns().ground_nouns


def _described(token: Token) -> bool:
    """A noun of a person, a body or a vehicle."""
    word = token.lower_
    return (
        _is(token, _place_words()["described"])
        or word.endswith(tuple(_place_words()["person_endings"]))
        or token.ent_type_ in ("PERSON", "ORG", "NORP")
    )


def _named(ctx: _Context, noun: Token) -> bool:
    """An area noun that a place before it names: 'the Rafah region', 'the East Ghouta area'."""
    return _is(noun, _place_words()["areas"]) and any(
        c.dep_ in ("compound", "nmod", "amod") and ctx.place_at(c) is not None
        for c in noun.children
    )


def _named_of(ctx: _Context, noun: Token) -> bool:
    """A noun with a place after 'of': 'the city of Nablus'."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(ctx.place_at(g) is not None for g in c.children)
        for c in noun.children
    )


def _holds_place(ctx: _Context, noun: Token) -> bool:
    """A noun with a place in a phrase after it: 'the base at Baquba', 'the embassy in Kenya'."""
    return any(
        c.dep_ == "prep"
        and c.lower_ != "of"
        and any(ctx.place_at(t) is not None for t in c.subtree)
        for c in noun.children
    )


def _finer_name(ctx: _Context, noun: Token, how: str) -> bool:
    """Whether a name that names or modifies a ground noun (`how`: its dependency label, or
    'of') is coarser than another name of the same noun: a possessor ('Iraq's city of
    Kirkuk'), what holds a settlement ('the West Bank city of Nablus'), what holds an area
    named before it ('the Kafr Souseh area of Damascus'), whose a site is ('the U.S. base at
    Baquba')."""
    settlement = _is(noun, _place_words()["settlements"])
    if how == "poss":
        return True
    if how == "of":
        return _named(ctx, noun) and not settlement
    if settlement:
        return _named_of(ctx, noun)
    return not _is(noun, _place_words()["areas"]) and _holds_place(ctx, noun)


# --- the tie -----------------------------------------------------------------------------------


def _within(ctx: _Context, token: Token, depth: int, rank: int) -> tuple[int, int] | None:
    """The tie of the place covering `token`, `rank` steps coarser."""
    other = ctx.place_at(token)
    if other is None or depth >= _DEPTH:
        return None
    tie = _tie(other.root, ctx, depth + 1)
    return None if tie is None else (tie[0], tie[1] + rank)


def _tie(root: Token, ctx: _Context, depth: int) -> tuple[int, int] | None:
    """How the place (or ground noun) whose root is `root` is tied to the trigger: (score, how
    many steps coarser it is than the finest place of its phrase), or None when it places
    nothing."""
    trigger = ctx.trigger
    rank = 0
    token = root
    for _ in range(8):
        if token.dep_ == "conj" and token.head.pos_ in _NOUNS:
            token = token.head  # 'the villages of Mardes and Maharada' are tied alike
            continue
        found = _modified(token)
        if found is None or found[0] == trigger:
            break
        head, how = found
        if ctx.place_at(head) is not None:
            return _within(ctx, head, depth, rank + 1)  # 'India's Kashmir'
        if _locative(head):
            rank += int(_finer_name(ctx, head, how))
            token = head
            continue
        if _described(head):
            return None  # 'a Baghdad resident', 'Spain's Carlos Checa', 'the US embassy'
        if how != "of" and root.i in ctx.countries:
            return None  # a country's name before a noun tells whose it is: 'a US airstrike'
        if how in ("poss", "nmod"):
            return None  # 'London's transport network'
        break
    if root.i in ctx.frame:
        return None  # who told of it, and where they are: 'a source in Deir Ezzor said'
    if (
        token.dep_ == "pobj"
        and token.head.lower_ in _place_words()["not_where"]
        and ctx.place_at(root) is not None
    ):
        return None  # 'collaborators with Israel', 'cities such as Fallujah', 'sent to Bagram'
    if token.dep_ == "nsubj" and token.head in ctx.near:
        return None  # a place that acts is a government or a misread name: 'Washington captured'
    if token.dep_ == "appos" and ctx.place_at(token.head) is not None:
        return _within(ctx, token.head, depth, rank + 1)  # 'Ramadi, west of Baghdad'
    score = _score(token, root, ctx, depth, rank)
    if score is None or isinstance(score, tuple):
        return score
    if score == 1 and token in set(trigger.subtree) and token not in ctx.clause:
        return None  # in a clause below the trigger that tells of something else
    return score, rank


def _score(
    token: Token, root: Token, ctx: _Context, depth: int, rank: int
) -> int | tuple[int, int] | None:
    """The score of the word `token` that the place whose root is `root` is tied through, or
    the tie of the place or ground noun it lies in, or None when it places nothing."""
    trigger, near = ctx.trigger, ctx.near
    if token.dep_ == "compound" and token.head == trigger:
        if root.i in ctx.countries:
            return None  # 'a US airstrike' is whose, not where
        return 3  # 'the Baghdad bombing'
    if token.dep_ != "pobj":
        if token.dep_ == "dobj" and token.head in near and token.head.pos_ in _VERBS:
            return 3  # what is shelled, struck or taken is where it happens: 'shelled Homs'
        if token.dep_ in ("nsubj", "nsubjpass") and token.head in ctx.path:
            return 2  # 'the valley has seen clashes', 'the town was the site of attacks'
        if token.dep_ in ("npadvmod", "advmod") and token.head in near:
            return 2  # 'captured off Mogadishu', misread
        return 1
    prep = token.head
    governor = prep.head
    if prep.lower_ == "of" and governor == trigger:
        return 3  # 'the capture of Palmyra', 'the battle of Aleppo'
    if prep.lower_ == "from":
        return None  # where someone or something came from: 'fighters from Syria'
    if prep.lower_ not in patterns().place_preps:
        return 2 if governor in ctx.targets else 1  # 'attacked positions of Qalamoun'
    if prep.i >= 2 and prep.nbor(-1).text == ",":
        before = prep.nbor(-2)
        if ctx.place_at(before) is not None and ctx.place_at(before).root != token:
            return _within(ctx, before, depth, rank + 1)  # 'Lucciana, in upper Corsica'
    if ctx.place_at(governor) is not None:
        return _within(ctx, governor, depth, rank + 1)  # 'Azamiyah in Baghdad'
    if governor != trigger and _locative(governor) and depth < _DEPTH:
        # 'at a bus stop in a village outside Lyon': tied as the ground it lies in
        tie = _tie(governor, ctx, depth + 1)
        return None if tie is None else (tie[0], tie[1] + rank + int(_named(ctx, governor)))
    score = 3 if governor in near else 2 if governor in ctx.clause else 1
    if prep.lower_ == "for" and governor not in near:
        return None  # 'fighting for the Taliban in Afghanistan': not where
    if score == 1 and governor.pos_ in _NOUNS:
        return None  # 'the siege of Homs' places the siege, not another event
    return score


def date_of(
    match: Match, doc: Doc, path: list[Token], bounds: tuple[int, int], base: date | None
) -> DateValue | None:
    """The DATE entity of the sentence nearest the trigger (attached to it first), resolved."""
    trigger = doc[match.head]
    near = {trigger, *path[:3]}
    best: tuple[int, int, DateValue] | None = None
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.start_char < bounds[0] or ent.end_char > bounds[1]:
            continue
        phrase = ent.text
        if ent.start > 0 and doc[ent.start - 1].lower_ == "since":
            phrase = "since " + phrase
        value = resolve_date(phrase, base)
        if value is None:
            continue
        attached = ent.root.head in near or (
            ent.root.head.pos_ == "ADP" and ent.root.head.head in near
        )
        distance = min(abs(ent.start - match.start), abs(ent.end - match.end))
        candidate = (int(attached), -distance, value)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None
