"""Text helpers shared by the readers: decoding, cleaning, HTML fragments, language.

Two kinds of text reach the store, and they are treated differently:

* **given text** (a JSONL record's ``text``, a plain-text file) is kept exactly
  as written, because event spans are character offsets into it;
* **derived text** (extracted from HTML, a feed entry or a WARC payload) is
  produced by us, so it is cleaned with :func:`clean_text`.

>>> clean_text("  Forty\\u00a0fighters   left.\\r\\n\\r\\n\\r\\n\\r\\nThey  walked. ")
'Forty fighters left.\\n\\nThey walked.'
>>> html_to_text("<p>First <b>para</b>.</p><p>Second<br>line</p><script>x()</script>")
'First para.\\n\\nSecond\\nline'
>>> guess_language("The rebels said that they were leaving the front with the army.")
'en'
>>> guess_language("Los rebeldes dijeron que se entregaron con sus armas en la ciudad.")
'es'
>>> guess_language("Les rebelles ont déclaré qu'ils se sont rendus avec leurs armes dans la ville.")
'fr'
>>> guess_language("Kessel 1994") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..lexicon.languages import SAMPLE_CHARS, detect_language

__all__ = ["decode_bytes", "clean_text", "html_to_text", "guess_language"]


_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section "
    "article header footer pre figure figcaption dd dt hr".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg")
_INLINE_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")


def decode_bytes(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252, else Latin-1.

    The fallback is fixed rather than guessed: the supported languages (en, es, fr)
    are Western, and statistical charset guessers misread short Latin-1 texts.

    >>> decode_bytes("caf\\u00e9".encode("utf-8-sig"))
    'café'
    >>> decode_bytes("caf\\u00e9 y ni\\u00f1os \\u2013 dijo".encode("cp1252"))
    'café y niños – dijo'
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")  # an odd byte count ends in U+FFFD, not an error
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def clean_text(text: str) -> str:
    """Tidy derived text: NFC, one kind of newline, single spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text or "")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, with block elements on their own lines."""
    if not fragment or "<" not in fragment:
        return clean_text(_unescape(fragment or ""))
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):  # hopeless markup (ParserError), control characters (ValueError)
        return clean_text(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    parts: list[str] = []
    _walk(root, parts)
    return clean_text("".join(parts))


def _walk(el: Any, parts: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n\n" if tag not in ("br", "li", "tr") else "\n")
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block and tag != "br":
        parts.append("\n\n" if tag not in ("li", "tr") else "\n")


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def guess_language(text: str, candidates: tuple[str, ...] | None = None, sample: int = SAMPLE_CHARS) -> str | None:
    """The candidate language whose function words dominate ``text``; None when unsure
    (``sideswitch.lexicon.languages.detect_language`` over the first ``sample`` characters).
    ``candidates`` None: every language of ``lexicon/data/languages.yaml``."""
    return detect_language(text, tuple(candidates) if candidates else None, default=None, sample=sample)
