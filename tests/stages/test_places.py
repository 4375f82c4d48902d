"""The places stage: mentions resolved in context, demonyms apart, offsets kept."""

from __future__ import annotations

import pytest

from newsdesk.record import Article
from newsdesk.stages.entities import EntityRecognizer
from newsdesk.stages.places import PlaceResolver
from newsdesk.stages.places_demonyms import country_of_demonym
from newsdesk.stages.places_gazetteer import load_gazetteer, normalize_name


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


@pytest.fixture()
def locate(parse, resolver):  # type: ignore[no-untyped-def]
    entities = EntityRecognizer()

    def _locate(text: str) -> Article:
        return resolver(entities(parse(text)))

    return _locate


def _by_text(article: Article) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {p.text: (p.name, p.country_code, p.feature) for p in article.places}


@pytest.mark.parametrize(
    ("text", "mention", "country", "name"),
    [
        (
            "Police in Kowloon said the man was arrested in Jordan, a busy district of Hong Kong.",
            "Jordan",
            "HK",
            "Jordan",
        ),
        (
            "Paris is a small city in Lamar County, Texas. The mayor of Paris met officials "
            "from Tyler and Dallas on Monday.",
            "Paris",
            "US",
            "Paris",
        ),
        ("The minister flew from Paris to Lyon and then on to Marseille.", "Paris", "FR", "Paris"),
        (
            "The fair in Paris drew crowds from Dallas and Tyler, Texas officials said.",
            "Paris",
            "US",
            "Paris",
        ),
        ("Talks between Israel and Jordan resumed in Amman.", "Jordan", "JO", "Jordan"),
        ("He runs a shop in Kowloon City, a short walk from Jordan.", "Jordan", "HK", "Jordan"),
    ],
)
def test_places_context_picks_the_local_sense(
    locate, text: str, mention: str, country: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    article = locate(text)
    found = [p for p in article.places if p.text == mention]
    assert found, _by_text(article)
    assert all(p.country_code == country and p.name == name for p in found), _by_text(article)


@pytest.mark.parametrize(
    "text",
    ["Russian shelling hit the northeastern Sumy region overnight, officials in Kyiv said."],
)
def test_places_region_named_with_its_type_resolves_to_the_region(locate, text: str) -> None:  # type: ignore[no-untyped-def]
    places = _by_text(locate(text))
    assert places["Sumy"] == ("Sumy", "UA", "admin1")
    assert places["Kyiv"][1] == "UA"


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Talks in Turkey and Jordan ended without a deal.", "Turkey", ("Turkey", "TR", "country")),
        ("Rain is expected across Europe this week.", "Europe", ("Europe", None, "continent")),
        ("The governor of Texas spoke in Austin.", "Texas", ("Texas", "US", "admin1")),
    ],
)
def test_places_countries_continents_and_states_resolve(
    locate, text: str, mention: str, expected: tuple[str, str | None, str]
) -> None:  # type: ignore[no-untyped-def]
    assert _by_text(locate(text))[mention] == expected


@pytest.mark.parametrize(
    "text", ["Turkish and Swiss mediators met Syrian officials in Geneva on Tuesday."]
)
def test_places_demonyms_are_linked_apart(locate, text: str) -> None:  # type: ignore[no-untyped-def]
    article = locate(text)
    demonyms = {d.text: d.country_code for d in article.demonyms}
    assert demonyms == {"Turkish": "TR", "Swiss": "CH", "Syrian": "SY"}
    assert not {p.text for p in article.places} & set(demonyms)


@pytest.mark.parametrize(
    "text",
    [
        "Alexandria woman charged. Jane Doe, 19, of Alexandria, La., was arrested on Main "
        "Street, Rapides Parish deputies said.",
        "In \u201cKyiv\u201d, the mayor\u2019s office said the Dnipro region was calm.",
    ],
)
def test_places_offsets_index_the_article_text(locate, text: str) -> None:  # type: ignore[no-untyped-def]
    article = locate(text)
    assert article.places
    for text_, start, end in article.spans():
        assert article.text[start:end] == text_
    assert article.text == text


@pytest.mark.parametrize(
    "text",
    ["Jane Doe of Alexandria, La., was arrested at her home on Orchard Street on Friday."],
)
def test_places_town_with_state_abbreviation_and_street(locate, text: str) -> None:  # type: ignore[no-untyped-def]
    article = locate(text)
    places = {p.text: p for p in article.places}
    assert places["Alexandria"].country_code == "US"
    assert places["La."].name == "Louisiana"
    street = places["Orchard Street"]
    assert street.lat is None and street.geonameid is None


@pytest.mark.parametrize(("name", "expected"), [("Kiev", "Kyiv"), ("Kyiv", "Kyiv")])
def test_gazetteer_alternate_names(name: str, expected: str) -> None:
    gaz = load_gazetteer()
    names = {gaz.entries[i].name for i in gaz.lookup(name)}
    assert expected in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [("São Tomé", "sao tome"), ("St. Louis", "st louis"), ("Winston-Salem", "winston salem")],
)
def test_gazetteer_normalize_name(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [("Iraqis", "IQ"), ("Swiss", "CH"), ("South Korean", "KR"), ("Dutch", "NL"), ("Paris", None)],
)
def test_demonyms_country_of_demonym(text: str, code: str | None) -> None:
    link = country_of_demonym(text)
    assert (link.code if link else None) == code


@pytest.mark.parametrize("text", ["Bob Jones said Mary Smith would visit Jones on Friday."])
def test_places_person_names_are_not_places(locate, text: str) -> None:  # type: ignore[no-untyped-def]
    assert locate(text).places == []


@pytest.mark.parametrize("text", ["He runs a shop in Kowloon City, a short walk from Jordan."])
def test_places_city_not_a_region_of_unknown_cities(locate, text: str) -> None:  # type: ignore[no-untyped-def]
    # GeoNames gives some Hong Kong cities no region (code "00"); they are no region of their own.
    (kowloon,) = [p for p in locate(text).places if p.text == "Kowloon City"]
    assert (kowloon.feature, kowloon.country_code) == ("city", "HK")
    assert abs(kowloon.lat - 22.33) < 0.02 and abs(kowloon.lon - 114.19) < 0.02
    regions = [
        e for e in load_gazetteer().entries if e.feature == "admin1" and e.country_code == "HK"
    ]
    assert max(e.population for e in regions) < 2_000_000  # no region holds all of Hong Kong
