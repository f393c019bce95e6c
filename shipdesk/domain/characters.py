"""Characters a person cannot see or trust on paper, wherever text from outside ends up."""

from __future__ import annotations

import re
import unicodedata

# Text that must never reach a label unseen: control characters (ANSI escapes, NUL), format
# characters (a right-to-left override turns "12" into "21" on paper, zero-width spaces hide
# text), lone surrogates and U+FFFD, which stands for bytes that could not be decoded.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
SPACES = frozenset("\t\n\r")  # control characters, but plain white space to a reader


def unseen_characters(text: str) -> list[str]:
    """The characters in `text` a person cannot see or trust on paper, as U+XXXX."""
    found = [
        f"U+{ord(c):04X}"
        for c in text
        if (unicodedata.category(c) in _UNSEEN_CATEGORIES or c == "\ufffd") and c not in SPACES
    ]
    return list(dict.fromkeys(found))


# A terminal escape sequence (ESC [ … letter): taken out whole, so its "31m" is no text.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")


def without_unseen(text: str) -> str:
    """`text` with escape sequences and the characters of unseen_characters taken out."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    return "".join(
        c
        for c in text
        if c in SPACES or (unicodedata.category(c) not in _UNSEEN_CATEGORIES and c != "\ufffd")
    )


# What an e-mail address and a phone number at least look like (no carrier prints others).
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[0-9 ()./-]+")
