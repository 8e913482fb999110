"""Officers' link tokens never reach a log line (chalicelib.logs)."""

from __future__ import annotations

import io
import logging

from chalicelib import logs
from chalicelib.domain.tokens import new_link_token

TOKEN = "1234567890-1.t9x2k1.AbCdEfGhIjKlMnOpQrStUv"  # a link signed before the short tokens


def test_a_link_in_a_message_its_arguments_or_a_traceback_is_masked() -> None:
    out = io.StringIO()
    logger = logging.getLogger("test.logs.masked")
    logger.propagate = False
    handler = logging.StreamHandler(out)
    logger.addHandler(handler)
    try:
        logs.install(logger)
        logs.install(logger)  # a second install adds nothing
        assert len(handler.filters) == 1
        logger.warning('"GET /o/%s HTTP/1.1" 200 -', TOKEN)
        logger.warning("sms to %s: https://181.example.in/o/%s?lang=hi", "+919800000000", TOKEN)
        try:
            raise RuntimeError(f"failed for https://181.example.in/o/{TOKEN}")
        except RuntimeError:
            logger.exception("notification failed")
    finally:
        logger.removeHandler(handler)
    written = out.getvalue()
    assert TOKEN not in written
    assert '"GET /o/**** HTTP/1.1" 200 -' in written and "https://181.example.in/o/****?lang=hi" in written
    assert "RuntimeError: failed for https://181.example.in/o/****" in written


def test_text_without_a_link_is_left_alone() -> None:
    assert logs.mask("GET /officer/c/1234567890 HTTP/1.1") == "GET /officer/c/1234567890 HTTP/1.1"
    assert logs.mask(f"/o/{TOKEN} and /o/{TOKEN}x") == "/o/**** and /o/****"


def test_a_short_link_token_is_masked_too() -> None:
    token = new_link_token()
    assert logs.mask(f'"GET /o/{token} HTTP/1.1" 200 -') == '"GET /o/**** HTTP/1.1" 200 -'
    assert logs.mask(f"https://181.example.in/o/{token}?lang=en") == "https://181.example.in/o/****?lang=en"
