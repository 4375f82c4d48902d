"""People the recognisers miss in common news patterns, found from the words around a name.

- A title right before two or three capitalised words: "Mayor Ana Ruiz opened the bridge",
  "“...,” Sheriff Tom Vance said". The person is the name without the title.
- A name followed by an appositive role or an age: "Ana Ruiz, the mayor of Seville, opened
  ...", "Ana Ruiz, a spokeswoman for the council, said ...", "Ana Ruiz, 58, said ...".

A name some recogniser already typed as something else (an organisation, a place) is left
alone; a person found only in part ("Ruiz" of "Mayor Ana Ruiz") is widened to the whole name.
Each rule was measured on CoNLL-2003 dev and MEANTIME (docs/EVAL.md, ner and entities).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.stages.entities import Candidate

# Titles written before a person's name in news copy, lower-cased ("Mayor", "Sheriff",
# "Dr."), capitalised or not ("said head coach Ron Beasley"). "General" is not one ("General
# Motors"), nor "Chief" alone. Two or three name words must follow: with one ("Mayor Ruiz",
# which the recognisers find anyway) "Coach Class" became a person.
_TITLES_TEXT = """
    mayor president minister sheriff judge coach dr dr. governor senator sen. rep. chancellor
    premier secretary ambassador commissioner chairman chairwoman professor prof. mr mr. mrs
    mrs. ms ms. councillor councilman councilwoman superintendent detective sergeant sgt.
    lieutenant lt. captain capt. colonel col. gen. admiral inspector pastor rev. reverend
    bishop archbishop rabbi imam spokesman spokeswoman spokesperson justice sir dame lord
    lady valedictorian principal manager"""
TITLE_WORDS = frozenset(_TITLES_TEXT.split())
# Role nouns that, after "X Y, the/a ...", make X Y a person ("Ana Ruiz, the mayor of").
_ROLES_TEXT = """
    mayor president minister sheriff judge coach governor senator chancellor premier secretary
    ambassador commissioner chairman chairwoman chair professor spokesman spokeswoman
    spokesperson director founder co-founder executive chief head leader manager lawyer
    attorney prosecutor official officer analyst economist researcher scientist author
    owner captain commander lecturer teacher councillor councilman councilwoman
    superintendent detective inspector pastor bishop priest rabbi imam mother father
    daughter son wife husband widow resident farmer student activist campaigner candidate"""
ROLE_WORDS = frozenset(_ROLES_TEXT.split())
# Words that make a capitalised run an institution or a place, not a person ("Queen Mary
# Hospital", "President Street").
_INSTITUTION_TEXT = """
    hospital university college school street road avenue bridge party council committee
    airport station stadium cup prize award foundation institute center centre court house
    hall square park church cathedral museum library bank group company club league
    association office ministry department agency county city island river lake mountain"""
_INSTITUTION_WORDS = frozenset(_INSTITUTION_TEXT.split())
_NOT_NAME_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "NORP", "FAC", "CARDINAL", "ORDINAL"})
_DETERMINERS = frozenset({"the", "a", "an"})
_MAX_NAME = 3


def _name_word(token: Any) -> bool:
    word = token.text
    return (
        len(word) > 1
        and word[:1].isupper()
        and any(c.islower() for c in word[1:])
        and token.pos_ == "PROPN"
        and token.lower_ not in TITLE_WORDS
        and token.lower_ not in _INSTITUTION_WORDS
        and token.ent_type_ not in _NOT_NAME_ENTS
    )


def _name_run(doc: Any, first: int) -> int:
    """Index after the run of name words starting at ``first`` (``first`` when none)."""
    end = first
    sent_end = doc[first].sent.end if first < len(doc) else first
    while end < sent_end and _name_word(doc[end]):
        end += 1
    return end


def titled_names(doc: Any) -> list[tuple[int, int, int]]:
    """Names right after a title ("Mayor Ana Ruiz" -> "Ana Ruiz"): where the title starts,
    where the name starts and ends (characters)."""
    spans: list[tuple[int, int, int]] = []
    for token in doc:
        if token.lower_ not in TITLE_WORDS:
            continue
        end = _name_run(doc, token.i + 1)
        if 2 <= end - token.i - 1 <= _MAX_NAME:
            last = doc[end - 1]
            spans.append((token.idx, doc[token.i + 1].idx, last.idx + len(last)))
    return spans


def appositive_names(doc: Any) -> list[tuple[int, int]]:
    """Character spans of names followed by ", the mayor of ..." or ", a spokeswoman"."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _name_word(doc[i]) or (i > 0 and _name_word(doc[i - 1])):
            i += 1
            continue
        end = _name_run(doc, i)
        if 2 <= end - i <= _MAX_NAME and (_role_follows(doc, end) or _age_follows(doc, end)):
            spans.append((doc[i].idx, doc[end - 1].idx + len(doc[end - 1])))
        i = max(end, i + 1)
    return spans


def _role_follows(doc: Any, comma: int) -> bool:
    """ ", the mayor of", ", a senior official", ", the city's chief executive"."""
    if comma + 2 >= len(doc) or doc[comma].text != ",":
        return False
    if doc[comma + 1].lower_ not in _DETERMINERS:
        return False
    for token in doc[comma + 2 : min(len(doc), comma + 6)]:
        if token.is_punct and token.text not in ("-", "'s", "’s"):
            return False
        if token.lower_ in ROLE_WORDS and token.pos_ == "NOUN":
            return True
    return False


def _age_follows(doc: Any, comma: int) -> bool:
    """ "Ana Ruiz, 58, said": an age between commas after a name."""
    if comma + 2 >= len(doc) or doc[comma].text != ",":
        return False
    age = doc[comma + 1].text
    return age.isdigit() and 1 < len(age) < 3 and doc[comma + 2].text == ","


def add_titled_people(doc: Any, text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates with the people the title and appositive rules find added."""
    if doc is None:
        return candidates
    from newsdesk.stages.entities import Candidate

    found = sorted(set(titled_names(doc) + [(s, s, e) for s, e in appositive_names(doc)]))
    if not found:
        return candidates
    out = list(candidates)
    for title, start, end in found:
        overlapping = [c for c in out if c.start < end and title < c.end]
        if any(
            c.start < title or c.end > end or (c.type != "PERSON" and c.start >= start)
            for c in overlapping
        ):
            # A longer name, or the name alone typed as something else: the recognisers'
            # call. A span with the title in it is the title's person ("Superintendent
            # Mia Torvik" typed ORG), and a span of the title alone is no name
            # ("Valedictorian" typed NORP).
            continue
        if any(c.alias_of is o for c in out for o in overlapping):
            continue
        same = [c for c in overlapping if c.start == start and c.end == end]
        dropped = {id(c) for c in overlapping} - {id(c) for c in same}
        out = [c for c in out if id(c) not in dropped]
        if not same:
            out.append(Candidate(start, end, "PERSON"))
    return sorted(out, key=lambda c: (c.start, c.end))
