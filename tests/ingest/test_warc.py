"""The WARC reader: HTML responses become articles; other records are skipped, broken ones
reported, and the rest of the archive is still read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.ingest import read_articles


@pytest.mark.parametrize("gzip", [False, True])
def test_read_warc_html_responses_become_articles(
    tmp_path: Path, warc: Callable[..., Path], gzip: bool
) -> None:
    path = warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    errors: list[NewsdeskError] = []
    articles = list(read_articles([str(path)], report=errors.append))
    assert errors == []
    # warcinfo, request, image and 404 records are skipped quietly.
    assert [(a.origin, a.url) for a in articles] == [
        ("record 2", "https://courier.example/dam"),
        ("record 6", "https://courier.example/ferry"),
    ]
    dam, ferry = articles
    assert dam.title == "Dam inspection finds no damage"
    assert dam.text.startswith("Inspectors found no damage")
    assert "Copyright" not in dam.text
    # The pages give no date: the day they were fetched (WARC-Date).
    assert (dam.published, ferry.published) == ("2025-06-05", "2025-06-04")
    assert dam.source == str(path)


@pytest.mark.parametrize("gzip", [False])
def test_read_warc_reports_broken_records_and_goes_on(
    tmp_path: Path, warc: Callable[..., Path], gzip: bool
) -> None:
    path = warc(tmp_path / "broken.warc", gzip=gzip, broken=True)
    errors: list[NewsdeskError] = []
    articles = list(read_articles([str(path)], report=errors.append))
    assert [a.url for a in articles] == [
        "https://courier.example/dam",
        "https://courier.example/ferry",
    ]
    assert [(e.source, e.where) for e in errors] == [
        (str(path), "record 3"),
        (str(path), "after record 3"),
    ]
    assert "no article text" in str(errors[0])


@pytest.mark.parametrize("cut", [200])
def test_read_warc_gz_cut_short_keeps_earlier_records(
    tmp_path: Path, warc: Callable[..., Path], cut: int
) -> None:
    whole = warc(tmp_path / "whole.warc.gz", gzip=True).read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[:-cut])
    seen: list[str | None] = []
    with pytest.raises(InputError, match="cut short"):
        for article in read_articles([str(path)], report=lambda err: None):
            seen.append(article.url)
    assert seen == ["https://courier.example/dam"]


@pytest.mark.parametrize("header", [b"WARC/1.0\r\nWARC-Type: response\r\n\r\n"])
def test_read_warc_record_without_length_is_reported(
    tmp_path: Path, warc: Callable[..., Path], header: bytes
) -> None:
    good = warc(tmp_path / "good.warc").read_bytes()
    path = tmp_path / "nolength.warc"
    path.write_bytes(header + b"<html>stray</html>\r\n\r\n" + good)
    errors: list[NewsdeskError] = []
    articles = list(read_articles([str(path)], report=errors.append))
    assert len(articles) == 2
    assert errors[0].where == "record 1"
    assert "Content-Length" in str(errors[0])


@pytest.mark.parametrize("limit", [100])
def test_read_warc_oversized_page_is_reported_unread(
    tmp_path: Path, warc: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr("newsdesk.ingest.warc.MAX_RECORD_BYTES", limit)
    path = warc(tmp_path / "big.warc")
    errors: list[NewsdeskError] = []
    assert list(read_articles([str(path)], report=errors.append)) == []
    # Only HTML pages are reported (the image, the 404, warcinfo and request are skipped).
    assert [e.where for e in errors] == ["record 2", "record 6"]
    assert all("too large" in str(e) for e in errors)


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_binary_payload_first_is_still_a_warc(
    tmp_path: Path, warc: Callable[..., Path], warc_response: Callable[..., None], gz: bool
) -> None:
    from warcio.warcwriter import WARCWriter

    path = tmp_path / ("media.warc.gz" if gz else "media.warc")
    with path.open("wb") as handle:
        warc_response(
            WARCWriter(handle, gzip=gz),
            "https://courier.example/a.png",
            b"\x00" * 4096,
            content_type="image/png",
        )
        handle.write(warc(tmp_path / "pages.warc", gzip=gz).read_bytes())
    articles = list(read_articles([str(path)]))
    assert [a.origin for a in articles] == ["record 3", "record 7"]
