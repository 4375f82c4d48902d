"""Build the derived files of the bundled sample corpus.

Reads ``src/newsdesk/data/sample/articles.json`` and writes, deterministically:

* ``dump.txt``: all articles as one plain-text dump (title, optional deck,
  optional byline, one paragraph per line, caption lines in between);
* ``articles.jsonl``: one clean article per line (paragraphs joined by a blank line);
* ``gold.jsonl``: where each article sits in ``dump.txt`` plus its metadata.

Run from anywhere: ``python tools/build_sample.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "src" / "newsdesk" / "data" / "sample"
SOURCE_FILE = SAMPLE_DIR / "articles.json"
DUMP_FILE = SAMPLE_DIR / "dump.txt"
ARTICLES_JSONL = SAMPLE_DIR / "articles.jsonl"
GOLD_JSONL = SAMPLE_DIR / "gold.jsonl"


@dataclass(frozen=True)
class Caption:
    after_paragraph: int
    text: str


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    published: str
    source: str
    deck: str | None
    byline: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[Caption, ...]
    truncated: bool

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Article:
        paragraphs = tuple(str(p) for p in raw["paragraphs"])
        captions = tuple(
            Caption(int(c["after_paragraph"]), str(c["text"])) for c in raw.get("captions", [])
        )
        article = cls(
            id=str(raw["id"]),
            title=str(raw["title"]),
            published=str(raw["published"]),
            source=str(raw["source"]),
            deck=raw.get("deck"),
            byline=raw.get("byline"),
            paragraphs=paragraphs,
            captions=captions,
            truncated=bool(raw.get("truncated", False)),
        )
        article.validate()
        return article

    def validate(self) -> None:
        if not self.paragraphs:
            raise ValueError(f"{self.id}: no paragraphs")
        texts = [self.title, *self.paragraphs, *(c.text for c in self.captions)]
        texts += [t for t in (self.deck, self.byline) if t is not None]
        for text in texts:
            if not text.strip() or "\n" in text:
                raise ValueError(f"{self.id}: empty or multi-line string {text!r}")
        for caption in self.captions:
            if not 0 <= caption.after_paragraph <= len(self.paragraphs):
                raise ValueError(f"{self.id}: caption after_paragraph out of range")

    def lines(self) -> tuple[list[str], list[int]]:
        """Return the article's dump lines and the offsets of its caption lines.

        ``after_paragraph`` counts the paragraphs that precede a caption:
        0 puts it right under the headline block, 1 after the first paragraph.
        """
        lines = [self.title]
        lines += [t for t in (self.deck, self.byline) if t is not None]
        caption_offsets: list[int] = []

        def add_captions(after: int) -> None:
            for caption in self.captions:
                if caption.after_paragraph == after:
                    caption_offsets.append(len(lines))
                    lines.append(caption.text)

        add_captions(0)
        for number, paragraph in enumerate(self.paragraphs, start=1):
            lines.append(paragraph)
            add_captions(number)
        return lines, caption_offsets


def blank_line_after(index: int) -> bool:
    """Whether a blank line separates article ``index`` from the next one (about 1 in 3)."""
    return index % 3 == 2


def load_articles(path: Path) -> list[Article]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    articles = [Article.from_json(item) for item in raw]
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate article ids")
    return articles


def build(articles: list[Article]) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    dump: list[str] = []
    clean: list[dict[str, Any]] = []
    gold: list[dict[str, Any]] = []
    for index, article in enumerate(articles):
        lines, caption_offsets = article.lines()
        first = len(dump)
        dump.extend(lines)
        gold.append(
            {
                "id": article.id,
                "first_line": first,
                "last_line": len(dump) - 1,
                "caption_lines": [first + offset for offset in caption_offsets],
                "title": article.title,
                "deck": article.deck,
                "byline": article.byline,
                "truncated": article.truncated,
            }
        )
        clean.append(
            {
                "id": article.id,
                "title": article.title,
                "published": article.published,
                "source": article.source,
                "text": "\n\n".join(article.paragraphs),
            }
        )
        if index < len(articles) - 1 and blank_line_after(index):
            dump.append("")
    return dump, clean, gold


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    articles = load_articles(SOURCE_FILE)
    dump, clean, gold = build(articles)
    DUMP_FILE.write_text("\n".join(dump) + "\n", encoding="utf-8", newline="\n")
    write_jsonl(ARTICLES_JSONL, clean)
    write_jsonl(GOLD_JSONL, gold)
    print(f"{len(articles)} articles, {len(dump)} dump lines -> {SAMPLE_DIR}")


if __name__ == "__main__":
    main()
