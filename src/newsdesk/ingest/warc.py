"""WARC archives: every HTML page a crawler saved (a ``response`` record, status 200,
``text/html``) is one article, read by the HTML reader; other records are skipped quietly.

The archive is streamed one record at a time (memory stays bounded by the largest record kept,
at most ``MAX_RECORD_BYTES``). Records are cut out of the stream here, from each header's
``Content-Length``, and each one is parsed by warcio's ``ArchiveIterator`` (HTTP headers,
chunked transfer, gzip/deflate content encoding). Cutting first is what lets one broken record
be reported and skipped: after a header with no length, or a block that is not followed by
the next ``WARC/`` header, reading resumes at the next line that starts a record, where a
single ``ArchiveIterator`` over the whole stream would stop. ``.warc.gz`` is decompressed by
``InputSource`` (gzip members, one per record or one for all).

``url`` is ``WARC-Target-URI``; ``published`` is the page's own date, else the day of
``WARC-Date`` (when the page was fetched: the best date there is for a page that gives none).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsdesk.errors import NewsdeskError, RecordError
from newsdesk.ingest.html import decode_html, extract_page, page_article
from newsdesk.ingest.source import InputSource
from newsdesk.record import Article

# A saved page bigger than this is not a news article (media, data dumps): skipped unread.
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_HEADER_LINE = 64 * 1024
_CHUNK = 1024 * 1024
_HTTP_HEAD = 8192  # enough for the HTTP status line and headers of a response
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class RawRecord:
    """One record cut from the stream: where it is, WARC headers, bytes (None if skipped)."""

    where: str
    headers: dict[str, str]
    data: bytes | None = None
    error: str | None = None


def read_warc(source: InputSource, *, report: Callable[[NewsdeskError], None]) -> Iterator[Article]:
    for raw in split_records(source):
        where = raw.where
        _track(source)
        if raw.error:
            report(RecordError(raw.error, source=source.name, where=where))
            continue
        if raw.data is None:
            continue
        try:
            article = record_article(raw, source=source.name, origin=where)
        except NewsdeskError as err:
            report(err)
            continue
        except Exception as err:  # warcio raises plain exceptions on malformed records
            report(
                RecordError(
                    f"malformed record ({type(err).__name__}: {err})",
                    source=source.name,
                    where=where,
                )
            )
            continue
        if article is not None:
            yield article


def record_article(raw: RawRecord, *, source: str, origin: str) -> Article | None:
    """The article of one response record; None for records that are not an HTML page."""
    from warcio.archiveiterator import ArchiveIterator

    assert raw.data is not None
    record = next(iter(ArchiveIterator(io.BytesIO(raw.data))), None)
    if record is None or record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or not content_type.startswith(_HTML_TYPES):
        return None
    payload = record.content_stream().read()
    html = _decode(payload, content_type)
    url = record.rec_headers.get_header("WARC-Target-URI")
    page = extract_page(html, url=url)
    if page is None:
        raise RecordError("no article text found in the page", source=source, where=origin)
    page.url = url or page.url
    if page.published is None:
        fetched = record.rec_headers.get_header("WARC-Date") or ""
        page.published = fetched[:10] if len(fetched) >= 10 else None
    return page_article(page, source=source, origin=origin)


def _decode(payload: bytes, content_type: str) -> str:
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'")
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_html(payload)


def split_records(source: InputSource) -> Iterator[RawRecord]:
    """Cut the stream into records; broken ones come back with ``error`` set."""
    stream = source.stream
    number = 0
    line = stream.readline(MAX_HEADER_LINE)
    lost = False  # reading past bytes that belong to no record, looking for the next one
    while line:
        if not line.startswith(b"WARC/"):
            if line.strip() and not lost:
                lost = True
                where = f"after record {number}" if number else "start"
                yield RawRecord(
                    where,
                    {},
                    error="expected a WARC record header (WARC/1.0 ...), as a wrong "
                    "Content-Length leaves; skipped to the next record",
                )
            line = stream.readline(MAX_HEADER_LINE)
            continue
        lost = False
        number += 1
        where = f"record {number}"
        headers: dict[str, str] = {}
        lines = [line]
        while True:
            line = stream.readline(MAX_HEADER_LINE)
            if not line.strip():
                break
            lines.append(line)
            name, _, value = line.decode("utf-8", errors="replace").partition(":")
            headers[name.strip().lower()] = value.strip()
        if not line:
            yield RawRecord(where, headers, error="the archive ends inside a record header")
            return
        lines.append(line)
        try:
            length = int(headers.get("content-length", ""))
            if length < 0:
                raise ValueError
        except ValueError:
            yield RawRecord(where, headers, error="record header has no valid Content-Length")
            lost = True
            line = stream.readline(MAX_HEADER_LINE)
            continue
        wanted = headers.get("warc-type") == "response"
        if not wanted or length > MAX_RECORD_BYTES:
            # Too large: only an HTML page is worth a report (media are skipped quietly).
            head = stream.read(min(length, _HTTP_HEAD)) if wanted else b""
            http_head = head.split(b"\r\n\r\n", 1)[0].lower()
            skipped = len(head) + _skip(stream, length - len(head))
            status = http_head.split(b" ", 2)[1:2]
            if status == [b"200"] and (b"text/html" in http_head or b"xhtml" in http_head):
                yield RawRecord(
                    where, headers, error=f"record of {length:,} bytes is too large; skipped"
                )
            if skipped < length:
                yield RawRecord(where, headers, error="the archive ends inside this record")
                return
        else:
            block = stream.read(length)
            if len(block) < length:
                yield RawRecord(where, headers, error="the archive ends inside this record")
                return
            yield RawRecord(where, headers, data=b"".join(lines) + block)
        line = stream.readline(MAX_HEADER_LINE)


def _skip(stream: BinaryIO, length: int) -> int:
    done = 0
    while done < length:
        chunk = stream.read(min(_CHUNK, length - done))
        if not chunk:
            break
        done += len(chunk)
    return done


def _track(source: InputSource) -> None:
    """Progress in bytes read, where the stream can tell (not stdin, not compressed)."""
    if source.compressed:
        return
    with contextlib.suppress(OSError, ValueError):
        source.position = source.stream.tell()
