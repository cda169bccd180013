"""A local web server for ``renders/`` that honours HTTP Range requests, so videos can seek.

Python's ``http.server`` answers every request with the whole file, and a
browser cannot seek a video it cannot ask a byte range of. This server answers
``Range: bytes=a-b`` (also ``a-`` and ``-n``) with ``206 Partial Content`` and
``Content-Range``, an unsatisfiable range with ``416``, and announces
``Accept-Ranges: bytes``; several ranges in one request get the whole file
(as RFC 9110 allows). It serves one folder, read-only, with the MIME types a
gallery and decks need (``.mp4``, ``.webm``, ``.vtt``, ``.srt``, ``.pptx``).
"""

from __future__ import annotations

import os
import re
import shutil
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["RangeHandler", "make_server", "parse_range"]

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_CHUNK = 64 * 1024


def parse_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The inclusive byte span ``(first, last)`` that ``header`` asks of a ``size``-byte file.

    Returns None when the whole file should be sent (no usable single range)
    and False when the range cannot be satisfied (416).
    """
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last n bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return False
    return start, end


class RangeHandler(SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` with byte ranges, keep-alive (HTTP/1.1) and quiet logs."""

    protocol_version = "HTTP/1.1"

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mp4": "video/mp4",
        ".webm": "video/webm",
        ".mov": "video/quicktime",
        ".vtt": "text/vtt; charset=utf-8",
        ".srt": "application/x-subrip; charset=utf-8",
        ".json": "application/json",
        ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pdf": "application/pdf",
        ".html": "text/html; charset=utf-8",
    }
    _span: tuple[int, int] | None = None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002, D102
        if os.environ.get("LECTURE_SERVE_LOG"):
            super().log_message(format, *args)

    def send_head(self) -> BinaryIO | None:  # noqa: D102
        self._span = None
        header = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if header is None or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        span = parse_range(header, size)
        if span is None:
            return super().send_head()
        if span is False:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        assert isinstance(span, tuple)
        handle = path.open("rb")
        first, last = self._span = span
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        handle.seek(first)
        return handle

    def end_headers(self) -> None:  # noqa: D102
        if self._span is None:
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:  # noqa: D102
        if self._span is None:
            shutil.copyfileobj(source, outputfile, _CHUNK)
            return
        left = self._span[1] - self._span[0] + 1
        while left > 0:
            chunk = source.read(min(_CHUNK, left))
            if not chunk:
                break
            outputfile.write(chunk)
            left -= len(chunk)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A threading HTTP server of ``root`` on ``host:port`` (port 0: any free port)."""
    handler = partial(RangeHandler, directory=str(root))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
