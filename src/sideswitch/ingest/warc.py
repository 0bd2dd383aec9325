"""Web archives (WARC, gzipped or not): one document per archived HTML page.

Only successful (2xx) ``response`` records and ``resource`` records whose
content is HTML are read; requests, metadata, redirects, images and scripts
are passed over silently, since they are not articles. Each page goes through
the HTML reader (:func:`~sideswitch.ingest.html.document_from_html`), with the
record's target URI as the fallback URL.

``WARC-Date`` is when the page was *crawled*, not published, so it is kept as
``metadata['crawled']`` and never used as ``published``. ``source_line`` is
the record's number in the archive (from 1), ``metadata['warc_offset']`` its
byte offset in the file, for ``warcio extract``-style lookups.

An archive that stops making sense part-way (cut short by a failed download,
trailing garbage) raises :class:`~sideswitch.errors.InputError` after the
pages before the damage have been read. A last record cut inside its own
payload cannot be told from a short one and is read as it is.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import InputError
from ..models import Document
from .html import document_from_html
from .html import sniff as sniff_html

__all__ = ["read_warc", "sniff"]

# Larger payloads are not articles (archives, videos mislabelled as HTML);
# trafilatura itself refuses inputs above 20 MB.
MAX_PAYLOAD_BYTES = 20_000_000


def sniff(head: bytes) -> bool:
    """A WARC (or ARC) header at the start of the input."""
    return head.startswith(b"WARC/") or head.startswith(b"filedesc://")


def read_warc(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """One document per archived HTML page."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(stream, gzip.GzipFile):  # warcio must see the gzip members itself
        stream = stream.fileobj
    number = 0
    records = ArchiveIterator(stream, arc2warc=True)  # lazy: reads nothing yet
    try:
        for number, record in enumerate(records, 1):
            page = _html_payload(record)
            if page is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            meta = {"warc_offset": records.get_record_offset(), "crawled": record.rec_headers.get_header("WARC-Date")}
            meta = {k: v for k, v in meta.items() if v is not None}
            doc = document_from_html(page, url=url, format="warc", source_path=name, source_line=number, metadata=meta)
            yield (
                doc
                if doc is not None
                else InputError(
                    f"no article text found in the page for {url or 'an unnamed record'}", path=name, line=number
                )
            )
        if _unread_bytes(stream, records.offset):
            raise InputError(_damaged(number, records.offset), path=name, line=number + 1)
    except InputError:
        raise
    except ArchiveLoadFailed as e:
        raise InputError(f"not a readable web archive ({e})", path=name, line=number + 1 if number else None) from None
    except Exception as e:  # warcio fails on truncated input with assorted errors (even AttributeError)
        raise InputError(_damaged(number, records.offset), path=name, line=number + 1) from e


def _damaged(number: int, offset: int) -> str:
    return f"web archive is damaged or cut short after record {number} (at byte {offset})"


def _unread_bytes(stream: BinaryIO, offset: int) -> bool:
    """Whether anything but blank space follows ``offset``, where warcio stopped reading.

    warcio ends quietly at the first record it cannot parse; a complete archive
    ends exactly where its last record does.
    """
    if not (hasattr(stream, "seekable") and stream.seekable()):
        return False
    stream.seek(offset)
    while chunk := stream.read(1 << 16):
        if chunk.strip():
            return True
    return False


def _html_payload(record: Any) -> bytes | None:
    """The HTML bytes of a successful page record, or None for anything else."""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    ctype = ctype.lower()
    if ctype and "html" not in ctype:
        return None
    payload = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
    if len(payload) > MAX_PAYLOAD_BYTES or not payload.strip():
        return None
    if not ctype and not sniff_html(payload.lstrip()[:2048]):
        return None
    return bytes(payload)
