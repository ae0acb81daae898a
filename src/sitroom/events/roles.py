"""Who acts and on whom: actor1, actor2 and associated actors of a trigger, from the parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from sitroom.doccache import text_of
from sitroom.events.parse import (
    ARG_CLIMB,
    BETWEEN,
    BY,
    FROM,
    VERBS,
    Mention,
    Mentions,
    actor_for,
    children,
    copula_of,
    is_passive,
    prep_objects,
    reporter,
    subject_of,
    with_conjuncts,
)
from sitroom.events.triggers import Match, patterns

_FIRST_PERSONS = {"i", "we", "you"}
_THIRD_PERSON = {"it", "they", "its", "their"}


@dataclass
class Roles:
    actor1: Mention | None = None
    actor2: Mention | None = None
    associated: list[str] = field(default_factory=list)
    subject: Token | None = None
    victim: Token | None = None


def read_roles(
    match: Match, doc: Doc, path: list[Token], actors: Mentions, sides: Sides | None = None
) -> Roles:
    """actor1 from the subject side, actor2 from the object side, read from the parse; a
    target named only by a side's word ('rebel positions', 'a regime checkpoint') is that
    side's actor (`sides`)."""
    p = patterns()
    trigger = doc[match.head]
    roles = Roles()
    if match.trigger.roles:
        return _explicit_roles(match.trigger.roles, trigger, actors)
    if trigger.pos_ in VERBS:
        if is_passive(trigger):
            agents = prep_objects(trigger, BY)
            roles.subject = agents[0] if agents else None
            patients = children(trigger, "nsubjpass")
            roles.victim = (
                patients[0] if patients else (trigger.head if trigger.dep_ == "acl" else None)
            )
        else:
            roles.subject = subject_of(trigger)
            objects = children(trigger, "dobj")
            roles.victim = objects[0] if objects else None
        if roles.subject is not None and roles.subject.pos_ == "PRON":
            roles.subject = reporter(trigger, actors) or roles.subject
        roles.actor1 = actor_for(roles.subject, actors, avoid=trigger)
        if roles.actor1 is None:
            roles.actor1 = _antecedent(roles.subject, trigger, actors)
        roles.actor2 = actor_for(roles.victim, actors, avoid=trigger)
        if match.trigger.territory:
            losers = prep_objects(trigger, p.loser_preps)
            if roles.victim is not None:
                for token in roles.victim.subtree:
                    losers += prep_objects(token, p.loser_preps)
            roles.actor2 = next(filter(None, (actor_for(t, actors) for t in losers)), None)
    else:
        roles = _noun_roles(trigger, path, actors)
    if roles.actor2 is None and not match.trigger.territory:
        for obj in prep_objects(trigger, p.object_preps):
            roles.actor2 = roles.actor2 or actor_for(obj, actors)
        for acl in children(trigger, "acl"):
            for obj in children(acl, "dobj"):
                roles.actor2 = roles.actor2 or actor_for(obj, actors)
    if roles.actor1 is None and sides is not None and trigger.pos_ == "NOUN":
        roles.actor1 = _side_of([trigger], trigger, sides)  # 'rebel shelling of Damascus'
    if roles.actor2 is None and sides is not None:
        targets = [roles.victim] if roles.victim is not None else []
        targets += prep_objects(trigger, p.object_preps) + prep_objects(trigger, p.loser_preps)
        roles.actor2 = _side_of(targets, trigger, sides)
    if roles.actor1 is not None and roles.actor2 is not None and roles.actor1.id == roles.actor2.id:
        roles.actor2 = None
    if roles.subject is not None:
        taken = {m.id for m in (roles.actor1, roles.actor2) if m}
        lo = roles.subject.left_edge.idx
        hi = roles.subject.right_edge.idx + len(roles.subject.right_edge.text)
        for m in actors.items:
            if lo <= m.start and m.end <= hi and m.id not in taken:
                roles.associated.append(m.id)
                taken.add(m.id)
    return roles


def _antecedent(subject: Token | None, trigger: Token, actors: Mentions) -> Mention | None:
    """The actor a third-person pronoun subject ('... and it warned Hezbollah') or possessor
    ('its units had taken the hill') stands for: the last actor named before it. Not inside
    a reported clause whose speaker is no actor ('the army said it had captured X': 'it' is
    the army, which the article may not name as an actor)."""
    if subject is None:
        return None
    pronoun = subject if subject.pos_ == "PRON" else None
    if pronoun is None:
        pronoun = next((c for c in subject.children if c.dep_ == "poss"), None)
    if pronoun is None or pronoun.lower_ not in _THIRD_PERSON or _reported(trigger):
        return None
    window = [m for m in actors.items if m.end <= pronoun.idx]
    if not window:
        return None
    doc = pronoun.doc
    first = doc.char_span(min(m.start for m in window), pronoun.idx, alignment_mode="expand")
    # the subject of the nearest clause before, if an actor names it: 'Saudi Arabia is running
    # the battle ... it warned Hezbollah'; not the region in 'Qalamoun ... It is the corridor'
    for token in reversed(doc[first.start : pronoun.i]):
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
            continue
        start, end = token.left_edge.idx, token.idx + len(token.text)
        named = [m for m in window if m.start < end and start < m.end]
        if not named:
            return None  # the nearest subject before is no actor
        mention = max(named, key=lambda m: m.start)
        last = text_of(doc)[mention.start : mention.end].split()[-1]
        plural = last.islower() and last.endswith("s")  # 'the rebels', 'regime forces'
        return None if pronoun.lower_ in ("it", "its") and plural else mention
    return None


def _reported(verb: Token) -> bool:
    """The verb stands in a clause reported by another verb ('X said it had captured')."""
    current = verb
    for _ in range(4):
        if current.dep_ == "ccomp":
            # 'we have information that it warned X': a first or second person reports
            speakers = children(current.head, "nsubj")
            return not (speakers and speakers[0].lower_ in _FIRST_PERSONS)
        if current.dep_ not in ("xcomp", "conj", "advcl", "relcl") or current.head == current:
            return False
        current = current.head
    return False


def _noun_roles(noun: Token, path: list[Token], actors: Mentions) -> Roles:
    p = patterns()
    roles = Roles()
    owners = [c for c in children(noun, "poss") if c.pos_ != "PRON"] + [
        c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") and actors.covering(c)
    ]
    owners += prep_objects(noun, BY)
    between = prep_objects(noun, BETWEEN)
    if owners:
        roles.subject = owners[0]
    elif between:
        sides = with_conjuncts(between[0])
        roles.subject = sides[0]
        if len(sides) > 1:
            roles.actor2 = actor_for(sides[1], actors)
    elif (copula := _copula_subject(noun)) is not None:
        roles.subject = copula  # 'Saudi Arabia is one of the key backers of the rebels'
    else:
        verb = _governing_verb(noun, path)
        if verb is not None:
            lemma = verb.lemma_.lower()
            if lemma in p.recipient_verbs:
                givers = prep_objects(noun, FROM) + prep_objects(verb, FROM)
                roles.subject = givers[0] if givers else None
                roles.actor2 = actor_for(subject_of(verb), actors)
            elif lemma in p.agent_verbs:
                if is_passive(verb):
                    agents = prep_objects(verb, BY)
                    roles.subject = agents[0] if agents else None
                else:
                    roles.subject = subject_of(verb)
    roles.actor1 = actor_for(roles.subject, actors, avoid=noun)
    return roles


def _governing_verb(noun: Token, path: list[Token]) -> Token | None:
    """The verb a noun trigger is the object of ('launched attacks', 'preparing for what is
    likely to be a battle', 'held a graduation ceremony'), through copulas, prepositions and
    the noun a trigger is a compound of; None past a subject."""
    current = noun
    for head in path:
        if current.dep_ not in ARG_CLIMB and not (current is noun and noun.dep_ == "compound"):
            return None
        if head.pos_ in VERBS and head.lemma_.lower() != "be":
            return head
        current = head
    return None


def _explicit_roles(spec: dict[str, tuple[str, ...]], trigger: Token, actors: Mentions) -> Roles:
    """Roles read from the dependency labels a trigger names ('pit X against Y')."""
    roles = Roles()
    for role, labels in spec.items():
        for label in labels:
            if label.startswith("prep:"):
                tokens = prep_objects(trigger, frozenset({label[5:]}))
            else:
                tokens = children(trigger, label)
            mention = next(filter(None, (actor_for(t, actors) for t in tokens)), None)
            if mention is not None:
                setattr(roles, role, mention)
                if role == "actor1":
                    roles.subject = tokens[0]
                break
    if "actor1" not in spec:
        roles.subject = subject_of(trigger) or _copula_subject(trigger)
        roles.actor1 = actor_for(roles.subject, actors, avoid=trigger) or _antecedent(
            roles.subject, trigger, actors
        )
    return roles


class Sides:
    """The actor a side's word stands for in one article: 'rebel' for its rebel group,
    'regime' or 'army' for the state forces named last before the word."""

    def __init__(self, actors: list[tuple[str, str, list[tuple[int, int]]]]) -> None:
        self.words: dict[str, frozenset[str]] = {
            w: frozenset(kinds) for w, kinds in patterns().side_words.items()
        }
        self.actors = actors  # (id, kind, mentions)

    def actor(self, word: str, offset: int) -> Mention | None:
        kinds = self.words.get(word)
        if not kinds:
            return None
        fitting = [(i, k, m) for i, k, m in self.actors if k in kinds and m]
        named = [a for a in fitting if word in a[0]]  # 'rebel' -> 'syrian-rebels'
        pool = named or fitting
        if not pool:
            return None
        if "rebel_group" in kinds:
            ident, kind, _ = max(pool, key=lambda a: len(a[2]))
        else:
            before = [(s, i, k) for i, k, m in pool for s, _ in m if s < offset]
            if not before:
                return None
            _, ident, kind = max(before)
        return Mention(ident, offset, offset, kind)


def _side_of(targets: list[Token], trigger: Token, sides: Sides) -> Mention | None:
    """The side a target noun's modifier names: 'attacked rebel positions'."""
    for target in targets:
        for mod in target.children:
            if mod.dep_ in ("amod", "compound", "nmod") and mod.i != trigger.i:
                found = sides.actor(mod.lemma_.lower(), mod.idx)
                if found is not None:
                    return found
    return None


def _copula_subject(noun: Token) -> Token | None:
    """The subject a predicate noun is said of: 'Iran is the chief patron of Hezbollah'."""
    verb = copula_of(noun)
    return subject_of(verb) if verb is not None else None
