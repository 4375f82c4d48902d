"""Gzip-compressed inputs are read decompressed, their kind detected from the content."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import detect_kind
from newsdesk.ingest.source import InputSource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("article.html", "html"), ("feed.rss", "feed"), ("feed.atom", "feed")],
)
def test_detect_kind_sees_through_gzip(tmp_path: Path, name: str, kind: str) -> None:
    # A misleading name on purpose: the content decides.
    path = tmp_path / "download.bin"
    path.write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    source = InputSource.open(str(path))
    try:
        assert source.compressed
        assert detect_kind(source) == kind
        assert source.stream.read() == (FIXTURES / name).read_bytes()
    finally:
        source.close()


@pytest.mark.parametrize("text", ["First line\nSecond line\n"])
def test_gzip_text_reads_lines(tmp_path: Path, text: str) -> None:
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    source = InputSource.open(str(path))
    try:
        assert list(source.lines()) == ["First line", "Second line"]
    finally:
        source.close()


@pytest.mark.parametrize("keep", [12])
def test_gzip_cut_short_is_an_input_error(tmp_path: Path, keep: int) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes())[:keep])
    with pytest.raises(InputError, match="cut short") as caught:
        InputSource.open(str(path))
    assert caught.value.source == str(path)
