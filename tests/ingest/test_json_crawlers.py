"""JSON inputs as crawlers write them: one document per file (pretty-printed), a list of
articles, news-please and schema.org field names, publication dates as pages print them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.ingest import read_articles
from newsdesk.ingest.published import publication_day

PAGE = {
    "authors": ["Ines Kalder"],
    "date_download": "2025-06-04 08:12:40",
    "date_modify": None,
    "date_publish": "Posted : June 3, 2025 at 4 : 15 PM | Updated : June 4, 2025",
    "description": "The port's night shift walked out over pay.",
    "maintext": "Dock workers at the Port of Velden walked out on Tuesday night over pay.",
    "source_domain": "harbourdaily.example",
    "title": "Velden dock workers strike",
    "url": "https://harbourdaily.example/2025/06/velden-strike",
}


def read(path: Path) -> tuple[list, list[NewsdeskError]]:  # type: ignore[type-arg]
    errors: list[NewsdeskError] = []
    return list(read_articles([str(path)], report=errors.append)), errors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-03", "2025-06-03"),
        ("2025-06-03T16:15:00+02:00", "2025-06-03"),
        ("2025-06-03T23:30:00-05:00", "2025-06-03"),  # the day as written, no UTC shift
        ("Tue, 03 Jun 2025 23:30:00 -0500", "2025-06-03"),
        ("20250603", "2025-06-03"),
        ("Tue, 03 Jun 2025 16:15:00 GMT", "2025-06-03"),
        ("Posted : June 3, 2025 at 4 : 15 PM | Updated : June 4, 2025", "2025-06-03"),
        ("Last updated: Tuesday, 3 June 2025, 16:15 BST", "2025-06-03"),
        ("PUBLISHED: TUESDAY, JUNE 3, 2025, 4:15 PM", "2025-06-03"),
        ("Jun. 3rd, 2025 - 4 : 15 pm", "2025-06-03"),
        ("4 : 15PM BST 3 Jun 2025", "2025-06-03"),
        ("Tuesday, June 3 - 2025 at 16 : 15", "2025-06-03"),
        ("06 / 03 / 25 4 : 15 PM EDT", "2025-06-03"),  # month first where both can be
        ("13 / 06 / 2025", "2025-06-13"),  # the first number cannot be a month
        ("2025 - 06 - 03 16 : 15", "2025-06-03"),
        ("Published : 2025.06.03 16 : 15", "2025-06-03"),
        # no full date: no publication date
        ("JUN 3", None),
        ("4 : 15 pm :", None),
        ("In 2019, the port handled a record tonnage.", None),
        ("She was 91.", None),
        ("2025-02-30", None),
        ("2025-13-40", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_publication_day_reads_date_lines(value: str, expected: str | None) -> None:
    assert publication_day(value) == expected


@pytest.mark.parametrize("indent", [None, 2])
def test_news_please_document_is_read_with_its_fields(tmp_path: Path, indent: int | None) -> None:
    path = tmp_path / "velden.json"
    path.write_text(json.dumps(PAGE, indent=indent), encoding="utf-8")
    articles, errors = read(path)
    assert errors == []
    assert [(a.title, a.published, a.url, a.source, a.text) for a in articles] == [
        (
            "Velden dock workers strike",
            "2025-06-03",
            "https://harbourdaily.example/2025/06/velden-strike",
            "harbourdaily.example",
            PAGE["maintext"],
        )
    ]


@pytest.mark.parametrize(("count", "indent"), [(3, 2), (3, None)])
def test_json_list_of_articles_is_read_item_by_item(
    tmp_path: Path, count: int, indent: int | None
) -> None:
    items = [
        {"headline": f"Ferry timetable {n}", "articleBody": f"The ferry leaves at {n} pm."}
        for n in range(count)
    ]
    items.insert(1, {"headline": "No body"})
    path = tmp_path / "list.json"
    path.write_text(json.dumps(items, indent=indent), encoding="utf-8")
    articles, errors = read(path)
    assert [a.title for a in articles] == [f"Ferry timetable {n}" for n in range(count)]
    assert [(e.where, "text" in str(e)) for e in errors] == [("item 2", True)]


@pytest.mark.parametrize("junk", ["She was 91.", "APR 28"])
def test_crawled_date_without_a_date_keeps_the_article(tmp_path: Path, junk: str) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps({**PAGE, "date_publish": junk}), encoding="utf-8")
    articles, errors = read(path)
    assert errors == []
    assert [a.published for a in articles] == [None]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("June 3, 2025", "2025-06-03"), ("2025-06-03T16:15:00Z", "2025-06-03T16:15:00Z")],
)
def test_published_field_takes_a_date_line_or_iso_as_written(
    tmp_path: Path, published: str, expected: str
) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text(json.dumps({"text": "The bridge reopened.", "published": published}) + "\n")
    articles, errors = read(path)
    assert errors == []
    assert [a.published for a in articles] == [expected]


@pytest.mark.parametrize("published", ["soon", "JUN 3"])
def test_published_field_naming_no_date_is_a_warning_and_the_article_kept(
    tmp_path: Path, published: str
) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [
        {"text": "The bridge reopened.", "published": "2025-06-03"},
        {"text": "The ferry was late.", "published": published},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    warnings: list[str] = []
    articles = list(read_articles([str(path)], warn=warnings.append))
    assert [(a.text, a.published) for a in articles] == [
        ("The bridge reopened.", "2025-06-03"),
        ("The ferry was late.", None),
    ]
    assert [(str(path) in w, "line 2" in w, repr(published) in w) for w in warnings] == [
        (True, True, True)
    ]


@pytest.mark.parametrize(
    "content",
    [
        "{not json\n" + json.dumps({"text": "The ferry was late."}) + "\n",
        json.dumps({"text": "The ferry was late."}) + "\n{not json\n",
    ],
)
def test_broken_json_lines_are_reported_and_the_rest_kept(tmp_path: Path, content: str) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text(content, encoding="utf-8")
    articles, errors = read(path)
    assert [a.text for a in articles] == ["The ferry was late."]
    assert len(errors) == 1 and "not valid JSON" in str(errors[0])


@pytest.mark.parametrize("first_line", ["[Updated] Ferry strike called off", "[Photo] The pier"])
def test_text_dump_opening_with_a_bracket_is_text(tmp_path: Path, first_line: str) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(f"{first_line}\nThe union said the ferries would run on Friday.\n")
    articles, errors = read(path)
    assert errors == []
    assert articles and "ferries would run" in articles[-1].text


@pytest.mark.parametrize(
    "names", [("b.json", "a.json", "sub/c.json", ".hidden/d.json", "sub/notes.conll")]
)
def test_folder_is_read_as_its_files(tmp_path: Path, names: tuple[str, ...]) -> None:
    for name in names:
        path = tmp_path / "crawl" / name  # a .conll file is no article: not read
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**PAGE, "title": name}), encoding="utf-8")
    articles, errors = read(tmp_path / "crawl")
    assert errors == []
    assert [a.title for a in articles] == ["a.json", "b.json", "sub/c.json"]


@pytest.mark.parametrize("hidden", [".DS_Store", "index.csv"])
def test_folder_without_files_is_an_error_naming_it(tmp_path: Path, hidden: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / hidden).write_text("x")
    with pytest.raises(NewsdeskError, match="holds no article files") as err:
        read(tmp_path / "empty")
    assert str(tmp_path / "empty") in str(err.value)


@pytest.mark.parametrize("count", [40])
def test_json_list_without_articles_is_one_error(tmp_path: Path, count: int) -> None:
    path = tmp_path / "mentions.json"
    path.write_text(json.dumps([{"mention": "Velden", "start": n} for n in range(count)]))
    articles, errors = read(path)
    assert articles == []
    assert [(e.where, f"{count} items" in str(e)) for e in errors] == [("document", True)]
