"""Cue verbs, their subjects, and the link from a speaker phrase to an entity of the article.

Works on the shared spaCy parse only. A speaker is the subject of a cue verb (or the object of
"according to"), cut down to its noun phrase; it is linked to the article entity whose mention
covers its head word, a pronoun to the most recent compatible entity before it, and a role noun
("the president") to the person the article names with that role.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass
from typing import Any

from newsdesk.record import Article, Entity, Mention
from newsdesk.stages.entities_names import TITLES, name_tokens

# Verbs that report speech (lemmas). Drawn from news usage: the cue frequency list of
# PolNeAR train and the reporting verbs of the Gender Gap Tracker, speech verbs only
# (no "think", "believe", "show").
_CUE_VERBS_TEXT = """
    say tell add ask announce claim state explain insist argue write declare note warn deny
    acknowledge admit suggest urge describe respond reply repeat testify tweet post confirm
    assert predict promise vow pledge complain contend comment remark recall joke quip concede
    report emphasize emphasise stress mention charge accuse allege boast brag mock criticize
    criticise praise blast slam call chant echo cite agree threaten demand propose recommend
    advise caution counter retort shout yell scream whisper tout dismiss reject disclose reveal
    lament decry denounce condemn thank apologize apologise estimate conclude answer plead
    observe continue maintain reiterate recount muse rant wonder quote exclaim interject scoff
    proclaim profess assure inform reassure speculate hint imply opine posit concur affirm attest
    swear guarantee fire shoot chime snap gush marvel thunder cry roar sneer read speak talk"""
CUE_VERBS = frozenset(_CUE_VERBS_TEXT.split())
# Cues that take a clause only in special frames: "continue" needs a quote beside it.
WEAK_CUES = frozenset(
    {
        "continue",
        "call",
        "answer",
        "wonder",
        "quote",
        "observe",
        "fire",
        "shoot",
        "read",
        "cry",
        "speak",
        "talk",
    }
)
# Nouns that introduce speech as a subject or in "in a statement".
CUE_NOUNS = frozenset({"statement", "interview", "tweet", "speech", "remarks", "post"})

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE = frozenset({"who", "which", "that"})
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_CUT_DEPS = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis"})


@dataclass(slots=True)
class Speaker:
    name: str
    entity: str | None
    mention: Mention


class EntityIndex:
    """Where each entity is mentioned, for linking speakers to it."""

    def __init__(self, article: Article, quoted: list[tuple[int, int]] | None = None) -> None:
        self.text = article.text
        # Stretches in quote marks: a name inside a quote is no antecedent for "he" outside.
        self.quoted = sorted(quoted or [])
        self._quoted_starts = [s for s, _ in self.quoted]
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            ((m.start, m.end, e) for e in article.entities for m in e.mentions),
            key=lambda t: (t[0], -t[1]),
        )
        self.roles = _roles(article, self.mentions)
        self.doc = article.doc

    def covering(self, start: int, end: int) -> Entity | None:
        best: Entity | None = None
        for s, e, entity in self.mentions:
            if s >= end:
                break
            if e > start and (best is None or _rank(entity) < _rank(best)):
                best = entity
        return best

    def by_surname(self, start: int, end: int) -> Entity | None:
        """The person whose name ends with (or is) the name at ``start:end`` ("Trump" for
        "Donald Trump"), the one mentioned last before it where two share it."""
        tokens = name_tokens(self.text[start:end])
        if not tokens:
            return None
        best: Entity | None = None
        for s, _, entity in self.mentions:
            if s >= start and best is not None:
                break
            if entity.type != "PERSON":
                continue
            full = name_tokens(entity.name)
            if len(full) >= len(tokens) and full[-len(tokens) :] == tokens:
                best = entity
        return best

    def add_mention(self, entity: Entity, start: int, end: int) -> None:
        """Count a mention the recognisers missed ("Trump described ...") for ``entity``."""
        if any(m.start == start and m.end == end for m in entity.mentions):
            return
        mention = Mention(text=self.text[start:end], start=start, end=end)
        entity.mentions.append(mention)
        entity.mentions.sort(key=lambda m: (m.start, m.end))
        form = " ".join(mention.text.split())
        if form not in entity.variants:
            entity.variants.append(form)
        insort(self.mentions, (start, end, entity), key=lambda t: (t[0], -t[1]))

    def in_quotes(self, pos: int) -> bool:
        i = bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def before(self, pos: int, types: tuple[str, ...], pronoun: str = "") -> Entity | None:
        """The entity a pronoun at ``pos`` most likely means: the latest one of ``types``
        mentioned as a subject in the few sentences before, else the latest mentioned."""
        latest: Entity | None = None
        subject: Entity | None = None
        doc = self.doc
        for s, e, entity in self.mentions:
            if s >= pos:
                break
            if entity.type not in types or not _gender_fits(self.text, s, pronoun):
                continue
            if self.in_quotes(s):
                continue
            latest = entity
            if doc is not None and pos - s < _PRONOUN_REACH:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                    subject = entity
        return subject or latest


# How far back (characters, about three sentences) a subject is preferred for a pronoun.
_PRONOUN_REACH = 600
_FEMALE = ("Mrs.", "Ms.", "Mrs ", "Ms ")


def _gender_fits(text: str, start: int, pronoun: str) -> bool:
    """Only an honorific tells gender here: "Mrs. Clinton" is not "he"."""
    before = text[max(0, start - 5) : start]
    if pronoun in ("he", "him") and before.endswith(_FEMALE):
        return False
    return not (pronoun in ("she", "her") and before.endswith(("Mr.", "Mr ")))


def _rank(entity: Entity) -> int:
    return SPEAKER_TYPES.index(entity.type) if entity.type in SPEAKER_TYPES else 9


# Abbreviated titles and the role nouns a later mention uses ("Gov. Chris Christie" ...
# "the New Jersey governor").
_ROLE_ABBREVIATIONS = {
    "sen": "senator",
    "gov": "governor",
    "rep": "representative",
    "gen": "general",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "lt": "lieutenant",
    "supt": "superintendent",
    "prof": "professor",
    "atty": "attorney",
}


def _roles(article: Article, mentions: list[tuple[int, int, Entity]]) -> dict[str, Entity | None]:
    """Role noun -> the one person the article gives that role ("President Obama",
    "Smith, the party chairman"); None where two people share it."""
    doc = article.doc
    roles: dict[str, Entity | None] = {}
    if doc is None:
        return roles
    for s, e, entity in mentions:
        if entity.type != "PERSON":
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        words: list[Any] = []
        if span.start > 0:
            words.append(doc[span.start - 1])
        words.extend(child for child in span.root.children if child.dep_ == "appos")
        for word in words:
            if word.pos_ not in ("NOUN", "PROPN") or word.ent_type_:
                continue
            lemma = word.lemma_.lower().rstrip(".")
            lemma = _ROLE_ABBREVIATIONS.get(lemma, lemma)
            if lemma in roles and roles[lemma] is not entity:
                roles[lemma] = None
            else:
                roles[lemma] = entity
    return roles


def subject_of(cue: Any) -> Any | None:
    """The subject of a cue verb, looking through "and said", "saying" and relative clauses."""
    if cue.lower_ == "according":
        for child in cue.children:
            if child.lower_ == "to":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    if cue.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        # "..., adding, “...”": the subject of the speech verb this participle continues.
        for ancestor in cue.ancestors:
            if is_cue(ancestor):
                found = subject_of(ancestor)
                if found is not None:
                    return found
    trailing = trailing_attribution(cue)
    if trailing is not None:
        return trailing[0]
    found = _subject_walk(cue)
    if found is not None and cue.dep_ == "conj" and not looks_like_speaker(found):
        # "He said risks existed and called for ...": the parser hung "called" on the
        # reported clause, whose subject ("risks") said nothing; the speaker is the
        # subject of the cue that reports that clause.
        outer = _reporting_cue(cue.head)
        if outer is not None:
            found = _subject_walk(outer) or found
    if found is None and cue.dep_ == "conj":
        # "Clark said X but said Y", misparsed: the subject of the cue before it.
        for token in reversed(cue.doc[cue.sent.start : cue.i]):
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_VERBS:
                found = _subject_walk(token)
                if found is not None:
                    break
    if found is None and cue.tag_ == "VBG":
        # "incurred boos upon saying, “...”": the subject of the clause the participle is in.
        for ancestor in cue.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                found = _subject_walk(ancestor)
                if found is not None:
                    break
    if found is not None and found.i < cue.i:
        found = _subject_past_break(found, cue)
    return found


def _subject_past_break(subject: Any, cue: Any) -> Any:
    """A subject in a headline run into the first sentence ("Fed chief warning on deficit",
    a blank line, "Federal Reserve chairman Alan Greenspan has warned"): the noun right before
    the cue, on the cue's own line."""
    doc = cue.doc
    if not any("\n" in t.text for t in doc[subject.i : cue.i]):
        return subject
    i = cue.i - 1
    while i > subject.i and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    near = doc[i]
    if near.pos_ in ("NOUN", "PROPN", "PRON") and not any(
        "\n" in t.text for t in doc[near.i : cue.i]
    ):
        return near
    return subject


def _reporting_cue(verb: Any) -> Any | None:
    """The cue verb whose reported clause ``verb`` is (its ccomp), if any."""
    if verb.dep_ == "ccomp" and is_cue(verb.head) and verb.head is not verb:
        return verb.head
    return None


def trailing_attribution(cue: Any) -> tuple[Any, int] | None:
    """ "..., the mayor of the city said today." parsed with no subject for "said": the noun
    phrase between the last comma and the cue is the speaker. Gives its head and the comma."""
    if cue.i == 0 or cue.dep_ not in ("conj", "parataxis", "ROOT", "ccomp"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "dobj") for c in cue.children):
        return None
    doc, sent = cue.doc, cue.sent
    for token in doc[cue.i + 1 : sent.end]:
        if not (
            token.is_punct
            or token.is_space
            or token.dep_ in ("npadvmod", "advmod", "prep", "pobj", "det", "amod")
        ):
            return None
    comma = next((i for i in range(cue.i - 1, sent.start, -1) if doc[i].text == ","), None)
    if comma is None or comma + 1 >= cue.i:
        return None
    head = doc[cue.i - 1]
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    while comma < head.head.i < cue.i and head.head is not head:
        head = head.head
    return head, comma


def _subject_walk(cue: Any) -> Any | None:
    verb = cue
    for _ in range(3):
        children = list(verb.children)
        inverted = [
            c for c in children if c.dep_ == "nsubj" and c.left_edge.i == cue.i + 1 and c.i > cue.i
        ]
        if verb is cue and inverted and any(c.dep_ == "nsubj" and c.i < cue.i for c in children):
            # "The rejection signals “the end”, said Geert Wilders": two subjects parsed;
            # the one right after the cue is the speaker.
            return inverted[0]
        for child in children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != cue.i:
                if child.dep_ == "nsubjpass":
                    agent = _agent(verb)
                    if agent is not None:
                        return agent
                    continue
                return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        break
    return None


def _agent(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def phrase(head: Any) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without appositions and clauses."""
    left, right = head.i, head.i
    for child in head.children:
        if child.dep_ in _CUT_DEPS:
            continue
        sub = list(child.subtree)
        if child.i < head.i:
            left = min(left, sub[0].i)
        else:
            right = max(right, sub[-1].i)
    doc = head.doc
    # A phrase never runs over a line break (a headline parsed into the first sentence).
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text:
            left = i + 1
            break
    # A comma inside what is left means an apposition the parser attached elsewhere.
    for i in range(head.i + 1, right + 1):
        if (
            doc[i].text in (",", "(", ";")
            or "\n" in doc[i].text
            or (doc[i].text == "-" and doc[i - 1].whitespace_)
        ):
            right = i - 1
            break
    start = doc[left].idx
    end = doc[right].idx + len(doc[right])
    return start, end


def resolve(head: Any, index: EntityIndex, article: Article) -> Speaker:
    """Name the speaker whose phrase is headed by ``head``."""
    start, end = phrase(head)
    named = _name_after_role(head, index)
    if named is not None:
        # "said co-founder and chief executive Simone Gerber": the role words and the name.
        end = max(end, phrase(named)[1])
        head = named
    mention = Mention(text=article.text[start:end], start=start, end=end)
    lower = head.lower_
    entity: Entity | None = None
    if lower in RELATIVE and head.head.dep_ == "relcl":
        noun = head.head.head
        if noun.dep_ == "appos":
            noun = noun.head  # "Rick Wilson, a strategist who said": the name
        start, end = phrase(noun)
        entity = index.covering(noun.idx, noun.idx + len(noun))
        if entity is None:
            return Speaker(
                name=" ".join(article.text[start:end].split()), entity=None, mention=mention
            )
    elif lower in PERSON_PRONOUNS:
        entity = index.before(head.idx, ("PERSON",), lower)
    elif lower in THING_PRONOUNS:
        entity = index.before(head.idx, ("ORG", "GPE", "NORP"))
    else:
        entity = index.covering(head.idx, head.idx + len(head))
        if entity is None and head.pos_ in ("PROPN", "NOUN"):
            # A sentence's first word may be parsed as a common noun ("Trump described").
            name = _proper_name(head)
            if name is not None:
                entity = index.by_surname(*name)
                if entity is not None:
                    # "Trump described ..." where only "Donald Trump" was tagged: the
                    # surname is that person's mention.
                    index.add_mention(entity, *name)
        if entity is None and head.pos_ == "NOUN":
            role = index.roles.get(head.lemma_.lower())
            has_det = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            if role is not None and has_det:
                entity = role
    if entity is not None:
        return Speaker(name=entity.name, entity=entity.name, mention=mention)
    return Speaker(name=" ".join(mention.text.split()), entity=None, mention=mention)


def _proper_name(head: Any) -> tuple[int, int] | None:
    """Character span of the capitalised name ending at ``head`` ("Trump", "Ana Ruiz"),
    without a title before it ("President Trump")."""
    if not head.text[:1].isupper():
        return None
    first = head.i
    doc = head.doc
    while (
        first > head.sent.start
        and doc[first - 1].pos_ == "PROPN"
        and doc[first - 1].text[:1].isupper()
        and doc[first - 1].lower_ not in TITLES
        and doc[first - 1].head.i == head.i
    ):
        first -= 1
    return doc[first].idx, head.idx + len(head)


# Parts of speech that keep a role and the name after it in one phrase ("co-founder and chief
# executive Simone Gerber"); a preposition, a determiner or a verb ends the run ("a spokesman
# for Donald Trump" is the spokesman).
_ROLE_RUN_POS = frozenset({"NOUN", "ADJ", "CCONJ", "PROPN"})


def _name_after_role(head: Any, index: EntityIndex) -> Any | None:
    """The person named right after a role word the parser took for the subject ("said
    co-founder and chief executive Simone Gerber", with "co" as the subject)."""
    if head.pos_ not in ("NOUN", "PROPN") or index.covering(head.idx, head.idx + len(head)):
        return None
    for child in head.children:
        # "Scottish Finance Minister, Tom McCabe, said": the person in apposition.
        entity = index.covering(child.idx, child.idx + len(child))
        if child.dep_ == "appos" and entity is not None and entity.type == "PERSON":
            return child
    if head.pos_ != "NOUN" or not head.text[:1].islower():
        return None
    doc = head.doc
    found: Any | None = None
    for token in doc[head.i + 1 : min(head.sent.end, head.i + 10)]:
        entity = index.covering(token.idx, token.idx + len(token))
        if entity is not None and entity.type == "PERSON":
            found = token
            continue
        if found is not None:
            break
        if token.text in ("-", "–") and not doc[token.i - 1].whitespace_:
            continue
        if token.pos_ not in _ROLE_RUN_POS:
            return None  # an organisation may qualify the role: "GOP strategist"
    return found


# Common nouns that name someone who speaks ("the source said", "officials said").
_SPEAKER_NOUNS_TEXT = """
    source official spokesman spokeswoman spokesperson aide adviser advisor expert analyst
    president senator governor mayor minister chairman chairwoman chair director leader
    secretary candidate campaign reporter lawyer attorney judge prosecutor police officer
    statement report person people man woman resident voter supporter critic member group
    committee agency department ministry government administration office team party
    representative lawmaker legislator congressman congresswoman ambassador diplomat
    commander general chief executive founder author economist professor researcher study
    poll survey survey witness activist protester organizer strategist pollster"""
SPEAKER_NOUNS = frozenset(_SPEAKER_NOUNS_TEXT.split())


def looks_like_speaker(token: Any) -> bool:
    """Could this subject be a speaker (a person, organisation, place, pronoun, role)?"""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.pos_ == "PROPN":
        return True
    if token.lower_ in PERSON_PRONOUNS or token.lower_ in ("they", "i", "we", "who", "it"):
        return True
    return token.lemma_.lower() in SPEAKER_NOUNS


def is_cue(token: Any) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        )
    if token.lemma_ == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
        return True  # "she went on"
    if token.dep_ in ("amod", "compound") or (
        token.i >= 2
        and token.doc[token.i - 2].lower_ == "so"
        and token.doc[token.i - 1].text == "-"
    ):
        return False  # "the so-called ..." describes, it does not report
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_VERBS
