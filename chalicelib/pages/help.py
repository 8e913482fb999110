"""The officers' manual at `/help` (R-MANUAL, R-SUPPORT): a page per role, Hindi first, printable,
with the screenshots the browser tests take of the real pages; the support numbers and the
district's DPSM (the holder of the district nodal post) on the officers' pages. Also the public
list of services excluded from the helpline, `/exclusions` (R-EXCLUSION)."""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.pages import help_screens as hs
from chalicelib.pages.forms import Req, choices
from chalicelib.pages.help_text import BACKUP_NUMBERS, HELPLINE_MAIL, MANUALS, OFFICERS_LINE, translator
from chalicelib.pages.render import html
from chalicelib.pages.track import day as ist_day
from chalicelib.services import exclusions, support
from chalicelib.services.ports import Directory

IMAGE_HEADERS = {"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}


def _common(r: Req) -> dict[str, Any]:
    return {
        "lang": r.lang,
        "base": r.base,
        "ht": translator(r.lang),
        "backup": BACKUP_NUMBERS,
        "officers_line": OFFICERS_LINE,
        "mail": HELPLINE_MAIL,
    }


def index(r: Req) -> Response:
    return html("help_index.html", manuals=list(MANUALS.values()), query={}, **_common(r))


def _signed_in_district(r: Req, directory: Directory) -> str:
    """The first district of the signed-in officer's posts (the desk's cookie), if any."""
    from chalicelib.pages.officer_desk import signed_in

    who, _ = signed_in(r)
    if who is None:
        return ""
    return next(iter(support.districts_of(directory, who.id)), "")


def _screens(lang: str) -> dict[str, dict[str, Any]]:
    """Every screenshot there is in `lang`: its caption, address and size."""
    taken = hs.manifest()
    out = {}
    for s in hs.SCREENS:
        key = f"{s.name}.{lang}"
        if hs.path_of(s.name, lang) is not None:
            size = taken.get(key, {})
            out[s.name] = {
                "src": hs.file_name(s.name, lang),
                "caption": s.caption.in_lang(lang),
                "page": s.page,
                "width": size.get("width"),
                "height": size.get("height"),
            }
    return out


def role(r: Req, name: str) -> Response:
    manual = MANUALS.get(name)
    if manual is None:
        return html("help_index.html", 404, manuals=list(MANUALS.values()), missing=True, query={}, **_common(r))
    directory = b.get_directory()
    district = r.form.get("district", "")
    contact: list[dict[str, str]] | None = None
    if manual.dpsm:
        if not district or directory.district(district) is None:
            district = _signed_in_district(r, directory)
        contact = support.dpsm(directory, district) if district else None
    return html(
        "help_role.html",
        manual=manual,
        screens=_screens(r.lang),
        districts=choices(directory.districts(), r.lang) if manual.dpsm else [],
        district=district,
        contact=contact,
        query={"district": district} if district else {},
        **_common(r),
    )


def screen(file: str) -> Response:
    """A screenshot's bytes (`<name>.<lang>.jpg`), or 404."""
    name, _, rest = file.partition(".")
    lang, _, ext = rest.partition(".")
    path = hs.path_of(name, lang) if ext == "jpg" else None
    if path is None:
        return Response(b"", status_code=404, headers={"Content-Type": "image/jpeg", **IMAGE_HEADERS})
    return Response(path.read_bytes(), status_code=200, headers={"Content-Type": "image/jpeg", **IMAGE_HEADERS})


def excluded(r: Req) -> Response:
    """The public list of the services excluded from the helpline, with where to go instead."""
    directory = b.get_directory()
    names = {d.code: (d.name_hi if r.lang == "hi" else d.name_en) for d in directory.departments()}
    rows = []
    for x in exclusions.in_force(b.exclusions()):
        since = ist_day(x.decided_at) if x.decided_at else ""
        rows.append({"x": x, "department": names.get(x.department, x.department), "since": since})
    return html("exclusions.html", rows=rows, query={}, **_common(r))
