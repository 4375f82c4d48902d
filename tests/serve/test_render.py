"""Annotated article text and snippets: escaped, well nested, and the text itself unchanged."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.record import Article, DateRef, Entity, Mention, Place, Quote
from newsdesk.serve.render import annotate, highlight
from newsdesk.store.queries import MARK_CLOSE, MARK_OPEN


class Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"</{tag}> closes nothing open")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(markup: str) -> Nesting:
    parser = Nesting()
    parser.feed(markup)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    return parser


def build() -> Article:
    text = '"We stay," Ana Lopes said in Porto on Monday. Lopes & co <b>left</b>.'
    quote_end = text.index(",") + 1
    return Article(
        text=text,
        entities=[
            Entity(
                "Ana Lopes",
                "PERSON",
                mentions=[Mention("Ana Lopes", 11, 20), Mention("Lopes", 47, 52)],
                id="e_ana",
            ),
            Entity("Porto", "GPE", mentions=[Mention("Porto", 29, 34)]),
        ],
        quotes=[
            Quote(
                text[1:quote_end],
                1,
                quote_end,
                "direct",
                speaker="Ana Lopes",
                speaker_entity="Ana Lopes",
                speaker_mention=Mention("Ana Lopes", 11, 20),
            )
        ],
        dates=[DateRef("on Monday", 35, 44, "2025-06-02", "DATE")],
        places=[Place("Porto", "Porto", 29, 34, "PT", 41.15, -8.61)],
    )


@pytest.mark.parametrize("article", [build()])
def test_annotate_keeps_the_text_and_nests(article: Article) -> None:
    markup = annotate(article)
    found = parsed(str(markup))
    assert "".join(found.text) == article.text
    assert "&lt;b&gt;left&lt;/b&gt;" in markup and "&amp;" in markup


@pytest.mark.parametrize("article", [build()])
def test_annotate_merges_and_links(article: Article) -> None:
    tags = parsed(str(annotate(article))).tags
    links = [a for t, a in tags if t == "a"]
    # The registry entity links to its page; the unregistered one to a search for it.
    assert links[0]["href"] == "/entities/e_ana"
    assert "speaker" in (links[0]["class"] or "")
    porto = next(a for a in links if "Porto" in (a["title"] or ""))
    assert porto["href"] == "/search?entity=Porto"
    assert "place" in (porto["class"] or "") and "PT" in (porto["title"] or "")
    assert any(t == "q" for t, _ in tags)
    assert any("date" in (a.get("class") or "") for _, a in tags)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40))
    spans = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted)

    def mentions() -> list[Mention]:
        out = []
        for start, end in draw(st.lists(spans, max_size=4)):
            if start < end:
                out.append(Mention(text[start:end], start, end))
        return out

    quotes = [Quote(m.text, m.start, m.end, "direct", speaker="<i>x</i>") for m in mentions()]
    dates = [DateRef(m.text, m.start, m.end, None, "DATE") for m in mentions()]
    places = [Place("<p>", m.text, m.start, m.end) for m in mentions()]
    return Article(
        text=text,
        entities=[Entity("<e>", "ORG", mentions=mentions())],
        quotes=quotes,
        dates=dates,
        places=places,
    )


@settings(max_examples=150, deadline=None)
@given(articles())
def test_annotate_any_overlap_keeps_text_and_nesting(article: Article) -> None:
    found = parsed(str(annotate(article)))
    assert "".join(found.text) == article.text


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        (f"a {MARK_OPEN}<b>{MARK_CLOSE} c", "a <mark>&lt;b&gt;</mark> c"),
        (f"{MARK_CLOSE}stray {MARK_OPEN}open", "stray <mark>open</mark>"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_highlight_escapes_before_marking(snippet: str, expected: str) -> None:
    assert str(highlight(snippet)) == expected
    assert html.unescape(str(highlight(snippet)).replace("<mark>", "").replace("</mark>", ""))
