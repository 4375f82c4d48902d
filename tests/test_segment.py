"""Dumps into articles: boundaries, heads, captions, truncation, bad input, streaming."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.segment import Segment, detect_truncation, is_caption, segment_lines, segment_text
from newsdesk.segment.lines import clean_line, dateline, is_byline, is_separator
from newsdesk.segment.segmenter import LOOKAHEAD

HARBOUR = [
    "Harbour fire destroys three warehouses in Port Avel",
    "A fire tore through three warehouses at the port of Avel on Tuesday night, destroying "
    "stocks of grain and timber and forcing the evacuation of nearby homes, officials said.",
    "Firefighters from four towns fought the blaze for more than seven hours before bringing "
    "it under control shortly after dawn, the regional fire service said.",
    "No one was injured. Port director Mira Castell said the cause was not yet known and that "
    "shipping would resume on Thursday.",
]
COUNCIL = [
    "Councillors back plan for new tram line across Velden",
    "Velden city council voted on Monday to build a tram line linking the university campus "
    "with the central railway station, ending a decade of debate over the project.",
    "The line, which will cost an estimated 240 million euros, is due to open in 2029. "
    "Opposition councillors said the budget was unrealistic.",
    "Mayor Tomas Brink said construction would begin next spring.",
]
ORCHESTRA = [
    "Youth orchestra wins European prize",
    "The Nordvik Youth Orchestra has won the European Young Ensembles award, the jury "
    "announced in Vienna on Saturday, beating 40 orchestras from 19 countries.",
    "Conductor Ilse Marr said the prize money would pay for a tour of schools in the north.",
]
CUT = [
    "Storm closes mountain pass for third day",
    "Heavy snow kept the Drava pass closed for a third day on Sunday, stranding hundreds of "
    "lorries on both sides of the border while road crews worked to clear drifts that",
]


def _segments(lines: list[str]) -> list[Segment]:
    return list(segment_lines(lines))


@pytest.mark.parametrize("articles", [[HARBOUR, COUNCIL, ORCHESTRA, CUT]])
def test_segment_lines_splits_run_on_articles_with_headlines(articles: list[list[str]]) -> None:
    lines = [line for article in articles for line in article]
    segments = _segments(lines)
    starts = list(itertools.accumulate([0] + [len(a) for a in articles[:-1]]))
    assert [s.first_line for s in segments] == starts
    assert [s.title for s in segments] == [a[0] for a in articles]
    assert [s.truncated for s in segments] == [False, False, False, True]


@pytest.mark.parametrize("article", [HARBOUR, COUNCIL, ORCHESTRA, CUT, HARBOUR[1:]])
def test_segment_lines_keeps_one_article_as_one(article: list[str]) -> None:
    segments = _segments(article)
    assert len(segments) == 1
    assert segments[0].first_line == 0
    assert segments[0].last_line == len(article) - 1


@pytest.mark.parametrize("separator", ["", "* * *", "-----"])
def test_segment_lines_uses_blank_and_separator_lines(separator: str) -> None:
    lines = [*HARBOUR[1:], separator, *COUNCIL[1:]]
    segments = _segments(lines)
    assert [s.first_line for s in segments] == [0, len(HARBOUR)]
    assert separator not in [p for s in segments for p in s.paragraphs]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_segment_text_reads_any_line_end(newline: str) -> None:
    text = newline.join([*HARBOUR, *COUNCIL])
    segments = segment_text(text)
    assert [(s.first_line, s.last_line) for s in segments] == [(0, 3), (4, 7)]
    assert all("\r" not in p for s in segments for p in s.paragraphs)


@pytest.mark.parametrize("junk", ["   ", "\t\t", "\x00\x07", "\u200b\ufeff", "\x0c"])
def test_segment_lines_skips_whitespace_and_control_lines(junk: str) -> None:
    lines = [HARBOUR[0], junk, *HARBOUR[1:]]
    (segment,) = _segments(lines)
    assert segment.title == HARBOUR[0]
    assert segment.paragraphs == HARBOUR[1:]


@pytest.mark.parametrize("line", ["Mayor\x00 Tomas\x07 Brink said so.\r"])
def test_clean_line_drops_control_characters(line: str) -> None:
    assert clean_line(line) == "Mayor Tomas Brink said so."


@pytest.mark.parametrize("size", [200_000])
def test_segment_lines_takes_one_huge_line(size: int) -> None:
    line = ("The council met again. " * (size // 23)).strip()
    (segment,) = _segments([line])
    assert segment.paragraphs == [line]
    assert not segment.truncated


@pytest.mark.parametrize(
    ("text", "truncated"),
    [
        ("The mayor said the line would open in 2029.", False),
        ('"We will rebuild," the mayor said.', False),
        ("“We will rebuild,” the mayor said.", False),
        ("The council said it would meet again on", True),
        ("The council said it would meet again...", True),
        ("The council said it would meet again\u2026", True),
        ("The council said it would meet again [\u2026]", True),
        ('The mayor said: "We will not give up. We will rebuild the port.', True),
        ("She said the plan was \u201cthe best we have. It will work.", True),
        # A quote run on over sentences, closed at the end: not cut.
        ('He said: "It is over. "We lost, and we know why."', False),
        ("Results\n\nAnna Berg (Norway)\n\nIlse Marr (Austria)", False),
        ("The review found that", True),
    ],
)
def test_detect_truncation_finds_cuts(text: str, truncated: bool) -> None:
    assert detect_truncation(text) is truncated


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Reuters",
        "(Photo: Mira Castell/AFP)",
        "Picture: Jon Obi/Getty Images",
        "Image caption Firefighters at the port of Avel on Tuesday",
        "FILE PHOTO: A tram in Velden, May 3, 2024. REUTERS/Jon Obi/File Photo",
        "Jon Obi/Reuters",
        "Credit: Velden city council",
        "Councillors leave the town hall after the vote on Monday. (AP Photo/Ana Ruiz)",
        "Firefighters work at the scene in Port Avel (Photo by Jon Obi/Getty Images)",
        "Photograph: Ana Ruiz/The Guardian",
        "The Drava pass on Sunday. Photo: Alamy",
        "Photo courtesy of the Nordvik Youth Orchestra",
        "Image copyright EPA",
        "Ana Ruiz / AFP via Getty Images",
        "[Photo: Handout]",
        "Pictured: the new tram design",
        "AFP",
        "© Reuters",
        "Courtesy of the artist",
        "Supplied: Mira Castell",
        "Source: Reuters",
        "Image source, Getty Images",
        "Credit...Jon Obi/The New York Times",
    ],
)
def test_is_caption_accepts_caption_and_credit_styles(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "The mayor told Reuters the port would reopen on Thursday.",
        "The latest Reuters/Ipsos poll shows the council ahead.",
        "Weak dollar hits Reuters",
        "Photography exhibition opens in Velden next week, organisers said on Monday as "
        "the gallery unveiled its spring programme of events and talks.",
        "By the end of the year, the line will be half built.",
        "The firm, which is backed by AP Moller, said profits rose.",
        "Off the stage, the mayor dominated the news, as well as his favourite venue, Twitter.",
        "X.",
    ],
)
def test_is_caption_rejects_body_lines(line: str) -> None:
    assert not is_caption(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Mira Castell", True),
        ("By MIRA CASTELL, Reuters", True),
        ("Mira Castell | AP", True),
        ("By the end of the week the pass had reopened.", False),
    ],
)
def test_is_byline_reads_bylines(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("VELDEN (Reuters) - The city council voted on Monday ...", "VELDEN (Reuters) -"),
        (
            "PORT AVEL, Norland, May 3 (AP) \u2014 A fire tore through ...",
            "PORT AVEL, Norland, May 3 (AP) \u2014",
        ),
        ("The man - who was not named - said", None),
        ("DENIAL: The mayor said the plan was not dead.", None),
    ],
)
def test_dateline_reads_datelines(line: str, expected: str | None) -> None:
    assert dateline(line) == expected


@pytest.mark.parametrize("line", ["* * *", "-----", "#####", "======"])
def test_is_separator_reads_separator_lines(line: str) -> None:
    assert is_separator(line)


@pytest.mark.parametrize(
    "caption", ["Photo: Reuters", "Firefighters at the port. (AP Photo/Jon Obi)"]
)
def test_segment_lines_moves_captions_out_of_the_body(caption: str) -> None:
    lines = [*HARBOUR[:2], caption, *HARBOUR[2:]]
    (segment,) = _segments(lines)
    assert segment.captions == [caption]
    assert segment.caption_lines == [2]
    assert caption not in segment.text


@pytest.mark.parametrize("deck", ["BLAZE: Grain and timber stocks lost as fire spreads"])
def test_segment_lines_reads_deck_byline_and_dateline(deck: str) -> None:
    lede = "PORT AVEL (Reuters) - " + HARBOUR[1]
    lines = [HARBOUR[0], deck, "By Mira Castell", lede, *HARBOUR[2:], *COUNCIL]
    first, second = _segments(lines)
    assert (first.title, first.deck, first.byline) == (HARBOUR[0], deck, "By Mira Castell")
    assert first.dateline == "PORT AVEL (Reuters) -"
    assert first.paragraphs[0] == lede
    assert second.first_line == len(HARBOUR) + 2


@pytest.mark.parametrize("opener", ['"', "\u201c"])
def test_segment_lines_never_splits_inside_an_open_quote(opener: str) -> None:
    lines = [
        HARBOUR[0],
        HARBOUR[1],
        f"Mayor Tomas Brink said: {opener}We have lost three warehouses and a year of work.",
        f"{opener}Velden City Council will vote on Monday on a tram line for the university.",
        f"{opener}Nobody should think this port is finished. We will rebuild it.\u201d",
    ]
    (segment,) = _segments(lines)
    assert segment.last_line == 4


def test_segment_lines_streams_with_a_small_window() -> None:
    consumed = 0
    articles = [HARBOUR, COUNCIL, ORCHESTRA] * 2000

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in itertools.chain.from_iterable(articles):
            consumed += 1
            yield line

    stream = segment_lines(lines())
    first = next(stream)
    assert first.last_line == len(HARBOUR) - 1
    # The article, its successor's first line and the lookahead behind it: nothing more.
    assert consumed <= len(HARBOUR) + 1 + LOOKAHEAD
    assert sum(1 for _ in stream) >= 1000


_LINES = st.one_of(
    st.sampled_from(HARBOUR + COUNCIL + ORCHESTRA + CUT),
    st.sampled_from(["", "   ", "\t", "\x00", "* * *", "Photo: AP", "By Mira Castell"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_LINES, max_size=40))
def test_segment_lines_tiles_the_dump(lines: list[str]) -> None:
    # No line end inside a line: a dump is already split.
    lines = [line.replace("\r", " ").replace("\n", " ") for line in lines]
    segments = _segments(lines)
    placed: list[int] = []
    for seg in segments:
        assert seg.first_line <= seg.last_line
        heads = [
            (seg.title_line, seg.title),
            (seg.deck_line, seg.deck),
            (seg.byline_line, seg.byline),
        ]
        for number, text in heads:
            if number is not None:
                assert text == clean_line(lines[number])
                placed.append(number)
        for number, text in zip(seg.paragraph_lines, seg.paragraphs, strict=True):
            assert text == clean_line(lines[number])
            placed.append(number)
        for number, text in zip(seg.caption_lines, seg.captions, strict=True):
            assert text == clean_line(lines[number])
            placed.append(number)
        assert all(seg.first_line <= n <= seg.last_line for n in placed[-len(seg.paragraphs) :])
    content = [
        n for n, line in enumerate(lines) if clean_line(line) and not is_separator(clean_line(line))
    ]
    assert sorted(placed) == content
    for before, after in itertools.pairwise(segments):
        assert before.last_line < after.first_line


def test_segment_lines_splits_the_sample_exactly(sample_dump: Path) -> None:
    gold = [
        json.loads(line)
        for line in (sample_dump.parent / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines = sample_dump.read_text(encoding="utf-8").split("\n")
    segments = _segments(lines)
    got = [
        {
            "first_line": s.first_line,
            "last_line": s.last_line,
            "caption_lines": s.caption_lines,
            "title": s.title,
            "deck": s.deck,
            "byline": s.byline,
            "truncated": s.truncated,
        }
        for s in segments
    ]
    want = [{k: g[k] for k in got[0]} for g in gold]
    assert got == want
