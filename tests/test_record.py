from __future__ import annotations

import pytest

from newsdesk.record import Article, DateRef, Entity, Mention, Place, Quote, content_hash


@pytest.mark.parametrize("text", ["Kyiv said on Sunday it was ready.", "  spaced   out  "])
def test_record_id_defaults_to_content_hash(text: str) -> None:
    article = Article(text=text)
    assert article.id == content_hash(text)
    assert article.id == Article(text=" ".join(text.split())).id


@pytest.mark.parametrize("given_id", ["wire-001"])
def test_record_roundtrip_keeps_every_field(given_id: str) -> None:
    text = 'Zelensky said "we are ready" in Istanbul yesterday.'
    article = Article(
        text=text,
        id=given_id,
        title="Talks",
        published="2025-06-03",
        captions=["Photo: AP"],
        truncated=False,
        entities=[
            Entity(
                name="Volodymyr Zelenskiy",
                type="PERSON",
                variants=["Zelensky"],
                mentions=[Mention("Zelensky", 0, 8)],
            )
        ],
        quotes=[
            Quote(
                text="we are ready",
                start=15,
                end=27,
                kind="partial",
                speaker="Volodymyr Zelenskiy",
                speaker_entity="Volodymyr Zelenskiy",
                speaker_mention=Mention("Zelensky", 0, 8),
                cue="said",
            )
        ],
        dates=[DateRef("yesterday", 41, 50, "2025-06-02", "DATE")],
        places=[Place("Istanbul", "Istanbul", 32, 40, "TR", 41.01, 28.95, 745044)],
    )
    record = article.to_dict()
    assert list(record)[:7] == ["id", "source", "url", "title", "published", "language", "text"]
    assert Article.from_dict(record).to_dict() == record
    for span_text, start, end in Article.from_dict(record).spans():
        assert text[start:end] == span_text
