"""Short news-like texts written for the serve tests, annotated by hand (offsets computed from
the text, so they always hold), and one article full of hostile HTML."""

from __future__ import annotations

from newsdesk.record import Article, DateRef, Entity, Mention, Place, Quote

HOSTILE = (
    'The mayor posted <script>alert("pwned")</script> on the town site. '
    "A second post read <img src=x onerror=alert(1)> and linked "
    '<a href="javascript:alert(2)">the minutes</a> before it was taken down.'
)


def mention(text: str, word: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(word, start, start + len(word))


def entity(text: str, name: str, type_: str, *words: str) -> Entity:
    mentions = [mention(text, w) for w in (words or (name,))]
    return Entity(name, type_, variants=sorted({m.text for m in mentions}), mentions=mentions)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def build_articles() -> list[Article]:
    """Short news-like texts written for these tests, annotated by hand."""
    one = (
        "Harbour talks resume in Valletta\n"
        "Port workers and the Maltese shipping board met in Valletta on Monday to resume "
        "talks over night shifts.\n"
        "\u201cWe will not sign anything that cuts a single job,\u201d said Maria Camilleri, "
        "who leads the dockers' union.\n"
        "Camilleri said the board had until Friday to answer."
    )
    body = one.split("\n", 1)[1]
    q_text = "We will not sign anything that cuts a single job,"
    qs, qe = span_of(body, q_text)
    camilleri = entity(body, "Maria Camilleri", "PERSON", "Maria Camilleri", "Camilleri")
    board = entity(body, "Maltese shipping board", "ORG")
    valletta = entity(body, "Valletta", "GPE")
    a1 = Article(
        text=body,
        id="art-harbour",
        title="Harbour talks resume in Valletta",
        published="2025-06-02",
        source="fixture",
        captions=["Dockers wait outside the board's offices. Photo: Test Desk"],
        entities=[camilleri, board, valletta],
        quotes=[
            Quote(
                q_text,
                qs,
                qe,
                "direct",
                speaker="Maria Camilleri",
                speaker_entity="Maria Camilleri",
                speaker_mention=mention(body, "Maria Camilleri"),
                cue="said",
            )
        ],
        dates=[
            DateRef("on Monday", *span_of(body, "on Monday"), "2025-06-02", "DATE"),
            DateRef("Friday", *span_of(body, "Friday"), "2025-06-06", "DATE"),
        ],
        places=[
            Place(
                "Valletta",
                "Valletta",
                *span_of(body, "Valletta"),
                country_code="MT",
                lat=35.9,
                lon=14.51,
                geonameid=2562305,
            )
        ],
        story="story-harbour",
    )
    two = (
        "Dockers in Valletta walked out for two hours on Tuesday after the shipping board "
        "refused to answer. Maria Camilleri said the strike would be repeated every week"
    )
    a2 = Article(
        text=two,
        id="art-strike",
        title="Valletta dockers stage two-hour strike",
        published="2025-06-03",
        source="fixture",
        truncated=True,
        entities=[entity(two, "Maria Camilleri", "PERSON"), entity(two, "Valletta", "GPE")],
        quotes=[
            Quote(
                "the strike would be repeated every week",
                *span_of(two, "the strike would be repeated every week"),
                "indirect",
                speaker="Maria Camilleri",
                speaker_entity="Maria Camilleri",
                speaker_mention=mention(two, "Maria Camilleri"),
                cue="said",
            )
        ],
        dates=[DateRef("on Tuesday", *span_of(two, "on Tuesday"), "2025-06-03", "DATE")],
        places=[
            Place("Valletta", "Valletta", *span_of(two, "Valletta"), "MT", 35.9, 14.51, 2562305)
        ],
        story="story-harbour",
    )
    three = (
        "Rain delayed the opening of the Lisbon book fair by a day, organisers said on "
        "Wednesday. The fair in Lisbon now opens on Thursday."
    )
    a3 = Article(
        text=three,
        id="art-bookfair",
        title="Rain delays Lisbon book fair",
        published="2025-05-28",
        source="fixture",
        entities=[entity(three, "Lisbon", "GPE", "Lisbon")],
        places=[Place("Lisbon", "Lisbon", *span_of(three, "Lisbon"), "PT", 38.72, -9.14, 2267057)],
    )
    hostile_entity = entity(HOSTILE, "mayor", "PERSON")
    a4 = Article(
        text=HOSTILE,
        id="art-hostile",
        title='<script>alert("title")</script> Town site defaced',
        published="2025-06-01",
        source="<b>fixture</b>",
        url="javascript:alert(3)",
        captions=['<img src=y onerror=alert("caption")>'],
        entities=[hostile_entity],
        quotes=[
            Quote(
                "<img src=x onerror=alert(1)>",
                *span_of(HOSTILE, "<img src=x onerror=alert(1)>"),
                "partial",
                speaker="<script>alert(4)</script>",
            )
        ],
    )
    return [a1, a2, a3, a4]
