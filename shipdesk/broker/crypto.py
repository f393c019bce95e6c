"""Secrets at rest and secret checks.

Refresh tokens are encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under MultiFernet, so
keys can be rotated: the first key encrypts, every key decrypts. Installation and state secrets
are high-entropy random values, stored only as SHA-256 hashes and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from shipdesk.broker.config import ConfigError


class SecretBox:
    def __init__(self, keys: tuple[str, ...]) -> None:
        try:
            self._fernet = MultiFernet([Fernet(k.strip().encode()) for k in keys])
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                "SHIPDESK_BROKER_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64 "
                "bytes each; make one with `shipdesk broker --new-key`)"
            ) from exc

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ValueError("stored secret cannot be decrypted with the configured keys") from None

    def rotate(self, token: str) -> str:
        """Re-encrypt under the first key (after a key rotation); ValueError when no key given
        opens it (the old key is missing)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise ValueError("stored secret cannot be decrypted with the configured keys") from None


def new_key() -> str:
    return Fernet.generate_key().decode()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


# Crockford's base32: no I, L, O or U, so a code read off a screen is typed without doubt.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 bits; five tries within ten minutes make guessing hopeless


def new_completion_code() -> str:
    """A one-time code the owner can type: `XXXX-XXXX`."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normal_code(code: str) -> str:
    """The code as stored: capitals, without spaces or dashes, and the letters people mix up
    read as the digits they look like."""
    kept = "".join(ch for ch in str(code).upper() if ch not in " -\t")
    return kept.translate(str.maketrans("ILO", "110"))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(secret), stored_digest)
