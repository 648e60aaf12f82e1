"""Fewer bytes on a slow phone: compressed responses, and static files cached for a year.

A resident may answer on a weak mobile signal, so the first visit to the form
should be small and every later page should reuse what it already fetched.

- Static files get a content hash in their URL (`url_for('static', ...)` adds
  `?v=<hash>` by itself, so templates never name a version), and a URL carrying
  the file's current hash is cached for a year as immutable. A changed file gets
  a new URL, so nobody is left with an old stylesheet.
- Text responses are compressed with brotli, or gzip for browsers without it.
  Streamed responses (the CSV export) pass through untouched, so they still
  start at once, and so do PDFs, images and anything already encoded.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

import brotli
from flask import Flask, Response, current_app, request, session

YEAR = 31_536_000
IMMUTABLE = f"public, max-age={YEAR}, immutable"
VERSION_ARG = "v"

# Worth compressing: text formats. PDFs and PNGs are compressed already.
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/plain",
        "text/csv",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/xml",
        "image/svg+xml",
    }
)
# Below this a compressed body and its header cost about as much as they save.
MIN_BYTES = 500


def static_version(static_folder: str, filename: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256, or None when there is no such file."""
    path = Path(static_folder) / filename
    try:
        stat = path.stat()
    except OSError:
        return None
    return _hash_of(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _hash_of(path: str, _mtime_ns: int, _size: int) -> str:
    # mtime and size are in the key so an edited file is hashed again.
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _version_static_urls(endpoint: str, values: dict[str, object]) -> None:
    if endpoint != "static" or VERSION_ARG in values or "filename" not in values:
        return
    static_folder = current_app.static_folder
    if static_folder is None:
        return
    version = static_version(static_folder, str(values["filename"]))
    if version is not None:
        values[VERSION_ARG] = version


def _cache_static(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code != 200:
        return response
    filename = (request.view_args or {}).get("filename", "")
    version = request.args.get(VERSION_ARG)
    static_folder = current_app.static_folder
    if version and static_folder and version == static_version(static_folder, filename):
        response.headers["Cache-Control"] = IMMUTABLE
    else:
        # An old or missing version: serve it, but make the browser ask again next time.
        response.headers["Cache-Control"] = "no-cache"
    return response


def _accepted_encoding() -> str | None:
    accepted = request.accept_encodings
    if accepted["br"]:
        return "br"
    if accepted["gzip"]:
        return "gzip"
    return None


def compress_bytes(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        # Quality 5 is the fastest setting within a few hundred bytes of the best: on the
        # 13 KB form, 11 took 49 ms for 2,417 bytes and 5 takes under 1 ms for 2,733.
        return brotli.compress(data, quality=5)
    return gzip.compress(data, compresslevel=6)


@lru_cache(maxsize=64)
def _compressed_static(path: str, _mtime_ns: int, _size: int, encoding: str) -> bytes:
    # Static files are compressed once per version, at the best setting, and kept.
    data = Path(path).read_bytes()
    if encoding == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, compresslevel=9, mtime=0)


def _static_file(response: Response) -> bool:
    return response.direct_passthrough and request.endpoint == "static"


def _compress(response: Response) -> Response:
    if (
        response.status_code not in (200, 201, 400, 403, 404, 409, 429, 500, 503)
        or (response.is_streamed and not _static_file(response))
        or "Content-Encoding" in response.headers
        or response.mimetype not in COMPRESSIBLE
        or request.method == "HEAD"
    ):
        return response
    if response.mimetype == "text/html" and "_user_id" in session:
        # A staff page holds the CSRF token beside text a request can echo back:
        # compressing the two together would let a network observer guess the
        # token from response sizes (BREACH). Staff pages are small; residents have
        # no account to attack, so their pages are compressed.
        return response
    response.vary.add("Accept-Encoding")
    encoding = _accepted_encoding()
    if encoding is None:
        return response

    if _static_file(response):
        path = Path(current_app.static_folder or "") / (request.view_args or {})["filename"]
        stat = path.stat()
        if stat.st_size < MIN_BYTES:
            return response
        body = _compressed_static(str(path), stat.st_mtime_ns, stat.st_size, encoding)
        response.close()  # the file send_file opened
        response.direct_passthrough = False
    else:
        if response.direct_passthrough:
            return response  # a file sent some other way: leave it alone
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        body = compress_bytes(data, encoding)

    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    # Byte ranges would count the compressed bytes; a strong ETag names one encoding.
    response.headers.pop("Accept-Ranges", None)
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask) -> None:
    app.url_defaults(_version_static_urls)
    # after_request runs last-registered first: compress after the cache headers are set.
    app.after_request(_compress)
    app.after_request(_cache_static)
