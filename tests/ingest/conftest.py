"""Small WARC archives built in the tests with warcio's writer (pages written for the tests)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = """<!DOCTYPE html><html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>
<p>{first}</p>
<p>The council will publish the full report next week, a spokesman for the city said.</p>
<p>Residents can send comments by letter or online until the end of the month.</p>
</article><footer><p>Copyright 2025 Valley Courier</p></footer></body></html>
"""


def page(title: str, first: str) -> bytes:
    return PAGE.format(title=title, first=first).encode("utf-8")


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    date: str = "2025-06-05T10:00:00Z",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def build_warc(path: Path, *, gzip: bool = False, broken: bool = False) -> Path:
    """Two article pages, plus records to skip (request, image, 404); ``broken`` adds a page
    with no text and bytes that are no record (a wrong Content-Length leaves such bytes)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        response(
            writer,
            "https://courier.example/dam",
            page(
                "Dam inspection finds no damage",
                "Inspectors found no damage at the Stonebrook dam after the storm, "
                "the regional water authority said on Wednesday.",
            ),
        )
        if broken:
            response(writer, "https://courier.example/empty", b"<html><body></body></html>")
            handle.write(b"this line is no WARC header\r\nnor this one\r\n\r\n")
        request = writer.create_warc_record(
            "https://courier.example/ferry", "request", payload=io.BytesIO(b"GET /ferry\r\n\r\n")
        )
        writer.write_record(request)
        response(
            writer, "https://courier.example/logo.png", b"\x89PNG....", content_type="image/png"
        )
        response(
            writer,
            "https://courier.example/gone",
            page("Gone", "Nothing here."),
            status="404 Not Found",
        )
        response(
            writer,
            "https://courier.example/ferry",
            page(
                "Ferry service resumes",
                "The lake ferry resumed its normal timetable on Tuesday after a two-day halt "
                "caused by high winds, the operator said.",
            ),
            date="2025-06-04T08:00:00Z",
        )
    return path


@pytest.fixture()
def warc() -> Callable[..., Path]:
    return build_warc


@pytest.fixture()
def warc_response() -> Callable[..., None]:
    return response
