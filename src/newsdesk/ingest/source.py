"""Opening an input: a file path or ``-`` for standard input, decoded line by line.

Encodings: UTF-8 (with or without a BOM) is the default; UTF-16 and UTF-32 with a BOM are
decoded as such; a line that is not valid UTF-8 is decoded as Windows-1252 (a superset of
Latin-1 for printable text) and reported once per input as a warning. Binary files (NUL
bytes without a UTF-16/32 BOM) and empty inputs are refused with a clear error.

A gzip-compressed input (``.html.gz``, ``.warc.gz``, any kind) is recognised by its magic bytes
and read decompressed, so the kind is detected from the content inside; corrupt or cut-short
compressed data is an ``InputError`` naming the input, not a traceback.

An ``http://`` or ``https://`` URL is fetched (the standard library's HTTP client, a timeout,
redirects followed) and streamed like a file: a page, a feed, a WARC archive or JSON lines,
detected from the content as for files. An HTTP error or an unreachable host is an
``InputError`` naming the URL. This is the user's own input, asked for by name; nothing else is
ever fetched.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from newsdesk.errors import InputError

SNIFF_BYTES = 8192
FETCH_TIMEOUT = 30.0  # seconds without a byte from the server


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class InputSource:
    """One input, read as numbered text lines, with its read position for progress bars."""

    name: str
    stream: BinaryIO
    size: int | None
    warn: Callable[[str], None] = field(default=lambda message: None)
    position: int = 0
    encoding: str = "utf-8"
    compressed: bool = False
    url: str | None = None  # the address it was fetched from, for an http(s) input

    @classmethod
    def open(cls, path: str, *, warn: Callable[[str], None] | None = None) -> InputSource:
        url = None
        if path == "-":
            stream: BinaryIO = sys.stdin.buffer
            name, size = "<stdin>", None
        elif is_url(path):
            stream, size, url = _fetch(path)
            name = path
        else:
            if not os.path.exists(path):
                raise InputError("no such file", source=path)
            if os.path.isdir(path):
                raise InputError("is a folder; pass the files in it", source=path)
            try:
                stream = open(path, "rb")  # noqa: SIM115 - closed by close()
            except OSError as err:
                raise InputError(f"cannot open ({err.strerror})", source=path) from err
            name, size = path, os.path.getsize(path)
        source = cls(name=name, stream=_peekable(stream), size=size, url=url)
        if source.peek(2) == GZIP_MAGIC:
            source.stream = io.BufferedReader(_GunzipStream(source.stream, name))
            # The size on disk is the compressed size: no meaningful total for a progress bar.
            source.size, source.compressed = None, True
        if warn is not None:
            source.warn = warn
        source.encoding = source._sniff()
        return source

    def peek(self, n: int = SNIFF_BYTES) -> bytes:
        return self.stream.peek(n)[:n]  # type: ignore[attr-defined]

    def _sniff(self) -> str:
        head = self.peek()
        if not head.strip():
            raise InputError("the input is empty", source=self.name)
        for bom, encoding in _BOMS:
            if head.startswith(bom):
                return encoding
        # A WARC archive holds binary payloads (images, video) among its records: not text.
        if b"\x00" in head and not head.lstrip().startswith(b"WARC/"):
            raise InputError(
                "looks like a binary file (NUL bytes), not text, JSON lines, HTML or a feed",
                source=self.name,
            )
        return "utf-8"

    def lines(self) -> Iterator[str]:
        """The input's lines without line ends (``\\n``, ``\\r\\n`` or ``\\r``)."""
        if self.encoding != "utf-8":
            reader = io.TextIOWrapper(self.stream, encoding=self.encoding, newline=None)
            try:
                for line in reader:
                    self.position += len(line.encode("utf-8"))
                    yield line.rstrip("\r\n")
            except UnicodeDecodeError as err:
                raise InputError(
                    f"not valid {self.encoding}: {err.reason}", source=self.name
                ) from err
            return
        warned = False
        for number, raw in enumerate(self.stream, start=1):
            self.position += len(raw)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
                if not warned:
                    self.warn(
                        f"{self.name}, line {number}: not UTF-8; read as Windows-1252/Latin-1"
                    )
                    warned = True
            yield from line.rstrip("\r\n").split("\r")

    def read(self) -> str:
        return "\n".join(self.lines())

    def close(self) -> None:
        if self.stream is not sys.stdin.buffer:
            self.stream.close()


class _GunzipStream(io.RawIOBase):
    """A gzip stream (all members) whose read errors become ``InputError``s naming the input."""

    def __init__(self, raw: BinaryIO, name: str) -> None:
        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._name = name
        self._done = 0
        self._error: InputError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        # Member by member (read1), so what came before a corrupt or missing part is still
        # handed out; the error is raised on the read after it.
        if self._error is not None:
            raise self._error
        count = 0
        while count < len(buffer):
            try:
                data = self._gzip.read1(len(buffer) - count)
            except (OSError, EOFError, zlib.error) as err:
                self._error = InputError(
                    f"compressed data is corrupt or cut short after {self._done + count:,} "
                    f"bytes ({err})",
                    source=self._name,
                )
                if count:
                    break
                raise self._error from err
            if not data:
                break
            buffer[count : count + len(data)] = data
            count += len(data)
        self._done += count
        return count

    def close(self) -> None:
        self._gzip.close()
        if self._raw is not sys.stdin.buffer:
            self._raw.close()
        super().close()


def _fetch(url: str) -> tuple[BinaryIO, int | None, str]:
    """An open HTTP response for ``url``: (body stream, its length if told, the final URL)."""
    import urllib.error
    import urllib.request

    from newsdesk import __version__

    request = urllib.request.Request(
        url, headers={"User-Agent": f"newsdesk/{__version__}", "Accept-Encoding": "gzip"}
    )
    try:
        response = urllib.request.urlopen(request, timeout=FETCH_TIMEOUT)
    except urllib.error.HTTPError as err:
        raise InputError(f"the server answered HTTP {err.code} {err.reason}", source=url) from err
    except urllib.error.URLError as err:
        raise InputError(f"cannot fetch ({err.reason})", source=url) from err
    except (OSError, ValueError) as err:
        raise InputError(f"cannot fetch ({err})", source=url) from err
    length = response.headers.get("Content-Length")
    size = int(length) if length and length.isdigit() else None
    return response, size, response.geturl()


def _peekable(stream: BinaryIO) -> BinaryIO:
    if hasattr(stream, "peek"):
        return stream
    return io.BufferedReader(stream)  # type: ignore[type-var]
