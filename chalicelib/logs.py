"""What the logs may hold: never an officer's link token. An SMS link's path `/o/<token>`
is the credential itself, so every log line writes it `/o/****`: the app's loggers (a
filter on the handlers) and the local server's request log (`devstack.run`)."""

from __future__ import annotations

import logging
import re

LINK = re.compile(r"/o/[^\s/?#\"'<>]+")
MASKED = "/o/****"


def mask(text: str) -> str:
    return LINK.sub(MASKED, text)


class MaskLinks(logging.Filter):
    """Rewrites a record's message (and its traceback) with the link tokens masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if LINK.search(message):
            record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


def install(*loggers: logging.Logger) -> None:
    """Masks what every handler of the root logger and of `loggers` writes (once each)."""
    for logger in (logging.getLogger(), *loggers):
        for handler in logger.handlers:
            if not any(isinstance(f, MaskLinks) for f in handler.filters):
                handler.addFilter(MaskLinks())
