"""Decode the bytes of a text file whose encoding nobody recorded.

Tries a byte-order mark, UTF-8, western Windows-1252 (most pages a clinic saves), charset
detection, and finally Latin-1, which never fails.
"""

from __future__ import annotations

import unicodedata

import charset_normalizer

MAX_ACCENTED_SHARE = 0.3
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name). A BOM, UTF-8, western cp1252, charset detection, latin-1.

    Never raises: latin-1 maps every byte to a character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western_reading(data)
    if western is not None:
        return western, "cp1252"
    if b"\x00" not in data:
        # Without a BOM, a UTF-16/32 guess on NUL-free bytes is always a misreading.
        guesses = charset_normalizer.from_bytes(data)
        best = next((m for m in guesses if not m.encoding.startswith("utf")), None)
        if best is not None:
            return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def _western_reading(data: bytes) -> str | None:
    """The cp1252 reading when it looks like western text: few accented letters among many.

    Most pages a clinic saves are English or western European, written on Windows, and
    charset detection often misreads such short texts as a relative code page (cp1250, cp775).
    Cyrillic or Greek read as cp1252 is almost all accented letters, so it fails this test.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    if not letters or accented > len(letters) * MAX_ACCENTED_SHARE:
        return None
    return text


def looks_binary(data: bytes, text: str) -> bool:
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        return True
    sample = text[:20000]
    controls = sum(
        1
        for ch in sample
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r\f"
    )
    return controls > max(8, len(sample) // 20)
