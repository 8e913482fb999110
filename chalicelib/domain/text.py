"""A text in both languages, Hindi first: chosen by language at the edge, never joined."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    hi: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.hi if lang == "hi" else self.en

    def as_dict(self) -> dict[str, str]:
        return {"hi": self.hi, "en": self.en}


def say(value: Text | str, lang: str) -> str:
    """A Text in `lang`; a plain string (already in the page's language) as it is."""
    return value.in_lang(lang) if isinstance(value, Text) else value
