"""Bytes to text: UTF-8 (with or without BOM) and UTF-16/32 with a BOM; anything else is refused.

Guessing legacy encodings would put wrong characters into evidence without anyone noticing,
so a file that is not valid UTF-8 is reported with the byte offset where it stops being so.
"""

from __future__ import annotations

import codecs

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\v\x1b") + b"\x7f"
_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.05


class NotText(ValueError):
    """The bytes are not text sitroom can read; the message is the reason for the user."""


def _looks_binary(data: bytes) -> bool:
    """True when the start of `data` is full of control bytes, as images and archives are."""
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_SHARE


def decode(data: bytes) -> str:
    """The text in `data`, or NotText saying why not (binary, or where the encoding breaks)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)  # the codec drops the BOM itself
            except UnicodeDecodeError as exc:
                raise NotText(f"not valid {encoding.upper()} at byte {exc.start}") from None
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if b"\x00" in data:
        raise NotText("binary file (contains NUL bytes), not text")
    if _looks_binary(data):
        raise NotText("binary file (mostly non-text bytes), not text")
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = skip + exc.start  # offset in the file, BOM included
        raise NotText(
            f"not valid UTF-8 at byte {at} (0x{data[at]:02x}); save the file as UTF-8"
        ) from None
