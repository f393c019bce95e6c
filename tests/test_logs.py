"""Logs never carry tokens or secrets, even inside exception texts."""

from __future__ import annotations

import logging
from pathlib import Path

from shipdesk.logs import redact, setup_logging


def test_redacts_tokens_secrets_and_keys() -> None:
    line = (
        "refresh_token=Atzr|IwEBabc123&client_secret=amzn1.oa2-cs.v1.deadbeef "
        'access "Atza|IwEBxyz" Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig '
        '{"key": "dhl-api-key-value", "password": "hunter2"}'
    )
    cleaned = redact(line)
    for secret in ("IwEBabc123", "deadbeef", "IwEBxyz", "eyJzdWIi", "dhl-api-key-value", "hunter2"):
        assert secret not in cleaned


def test_log_file_is_redacted_including_tracebacks(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    logger = logging.getLogger("shipdesk.test")
    try:
        raise ValueError("bad token Atza|IwEBsecretvalue")
    except ValueError:
        logger.exception("call failed with refresh_token=Atzr|IwEBother")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "call failed" in text and "ValueError" in text
    assert "IwEBsecretvalue" not in text and "IwEBother" not in text
