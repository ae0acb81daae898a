"""An event's status (occurred, ongoing, anticipated, threatened) from the words that govern
its trigger: tense, modality and cue words of data/events/status_cues.json."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from sitroom.doccache import text_of
from sitroom.events.parse import CUE_DEPS, VERBS, children, copula_of, first_verb
from sitroom.events.triggers import Match, cues


def status_of(match: Match, doc: Doc, path: list[Token]) -> str | None:
    """occurred | ongoing | anticipated | threatened, or None when the trigger is negated."""
    c = cues()
    trigger = doc[match.head]
    words: set[str] = set()  # cue words from the governing clause
    own: set[str] = set()  # the trigger's own modifiers: 'upcoming', 'will'; not 'long-threatened'
    for child in trigger.children:
        if child.dep_ in CUE_DEPS and child.lemma_.lower() not in c.governing_only:
            own.add(child.lemma_.lower())
        if child.dep_ == "relcl":  # 'an offensive that both sides expect to begin soon'
            modals = {g.lemma_.lower() for g in child.children if g.dep_ == "aux"}
            if child.lemma_.lower() in c.expectation or modals & c.anticipated:
                own.add("expect")
    for token in path:
        if token.pos_ == "ADP":
            if token.lower_ in c.negation:  # 'took the town without a fight'
                return None
            continue
        words.add(token.lemma_.lower())
        words.update(ch.lemma_.lower() for ch in token.children if ch.dep_ in CUE_DEPS - {"det"})
        if token.pos_ in VERBS:  # 'fear grows of an offensive': the verb's subject sets the mood
            words.update(ch.lemma_.lower() for ch in children(token, "nsubj") if ch.pos_ == "NOUN")
    negated = (  # 'did not attack', 'no clashes were reported'
        ch.dep_ in ("neg", "det") and ch.lower_ in c.negation
        for t in [trigger, *path]
        for ch in t.children
    )
    if any(negated):
        return None
    if words & c.threatened:
        return "threatened"
    words |= own
    if words & c.anticipated or _unrealised_infinitive([trigger, *path]):
        return "anticipated"
    if match.trigger.status:
        return match.trigger.status
    if words & c.ongoing or _progressive(trigger, path) or _present(trigger, path):
        return "ongoing"
    if match.trigger.durative and _begun(trigger, path):
        return "ongoing"  # 'the offensive began on May 4': going on unless told it ended
    return "occurred"


_PRESENT_NOUN_DEPS = ("nsubj", "nsubjpass", "dobj")


def _in_title(token: Token) -> bool:
    """On the article's first line, where headlines tell past events in the present."""
    text = text_of(token.doc)
    return "\n" in text and token.idx < text.index("\n")


def _present(trigger: Token, path: list[Token]) -> bool:
    """Simple present, active or passive, outside a headline: 'Iran backs Assad', 'where
    Hezbollah recruits', 'fighters are deployed in Syria' tell what goes on."""
    if _in_title(trigger):
        return False
    copula = copula_of(trigger)
    if copula is not None:
        return copula.tag_ in ("VBZ", "VBP")  # 'Iran is the chief patron of Hezbollah'
    if trigger.pos_ in VERBS:
        verb = trigger
    else:
        verb = first_verb(path)
        if verb is None or path.index(verb) > 1 or trigger.dep_ not in _PRESENT_NOUN_DEPS:
            return False  # a noun the present verb is said of or takes: 'the offensive
            # continues', 'battalions receive their funding from Riyadh'
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() != "be":
        return True
    passive = verb.tag_ == "VBN" and any(
        a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in verb.children
    )
    return passive


def _begun(trigger: Token, path: list[Token]) -> bool:
    """A lasting event (an offensive, a battle) that the clause says began or was launched."""
    if trigger.pos_ in VERBS or trigger.dep_ not in ("nsubj", "nsubjpass") or not path:
        return False
    return path[0].pos_ in VERBS and path[0].lemma_.lower() in cues().inception_verbs


def _unrealised_infinitive(tokens: list[Token]) -> bool:
    """'to attack' is only intended, unless the verb above says it happened ('managed to')."""
    c = cues()
    for token in tokens:
        if token.lemma_.lower() in c.opaque:
            return False
        if token.tag_ == "VB" and any(ch.lower_ == "to" for ch in children(token, "aux")):
            head = token.head
            return head.lemma_.lower() not in c.implicative
    return False


def _progressive(trigger: Token, path: list[Token]) -> bool:
    """'are fighting', 'has been receiving', 'rebels fighting X', 'fighting which is occurring'."""
    candidates = [trigger]
    if trigger.pos_ not in VERBS:
        candidates += children(trigger, "relcl")
        verb = first_verb(path)
        if verb is not None:
            candidates.append(verb)
    for token in candidates:
        if token.tag_ != "VBG":
            continue
        auxes = children(token, "aux")
        if not auxes and token.dep_ == "acl":
            return True
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return True
    return False
