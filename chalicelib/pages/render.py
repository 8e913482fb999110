"""Renders a page template into a Chalice Response with the pages' security headers."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

from chalice import Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from chalicelib.domain.complaint import ACCUSED_LEVELS, CATEGORIES
from chalicelib.pages.text import LANGS, translator

TEMPLATES = Path(__file__).resolve().parent / "templates"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
}
_env: Environment | None = None


def env() -> Environment:
    """The template environment, built on first use (not at import: cold starts stay cheap)."""
    global _env
    if _env is None:
        _env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=select_autoescape(default=True),
        )
        _env.globals.update(CATEGORIES=CATEGORIES, ACCUSED_LEVELS=ACCUSED_LEVELS)
    return _env


def html(template: str, status_code: int = 200, headers: dict[str, str] | None = None, **ctx: Any) -> Response:
    """`template` rendered with `ctx`: `lang` ("hi" default) picks the strings, `base` prefixes
    links, `query` is kept by the language-switch link and `posted` makes that switch a
    button of the page's form `f`, so a switch keeps what the user typed."""
    lang = str(ctx["lang"]) if ctx.get("lang") in LANGS else "hi"
    other = "en" if lang == "hi" else "hi"
    ctx.setdefault("base", "")
    ctx.setdefault("posted", False)
    if hasattr(ctx.get("error"), "in_lang"):
        ctx["error"] = ctx["error"].in_lang(lang)  # a PageError: its messages in the page's language
    ctx.update(
        lang=lang,
        other=other,
        t=translator(lang),
        switch_query=urllib.parse.urlencode({**(ctx.get("query") or {}), "lang": other}),
    )
    body = env().get_template(template).render(**ctx)
    out: dict[str, str | list[str]] = {
        "Content-Type": "text/html; charset=utf-8",
        **SECURITY_HEADERS,
        **(headers or {}),
    }
    return Response(body, status_code=status_code, headers=out)


def redirect(location: str, headers: dict[str, str] | None = None) -> Response:
    """303 See Other: the browser follows with a GET (POST-redirect-GET)."""
    out: dict[str, str | list[str]] = {"Location": location, **SECURITY_HEADERS, **(headers or {})}
    return Response("", status_code=303, headers=out)
