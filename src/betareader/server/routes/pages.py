"""The pages: the editor (with its script and stylesheet) and the sample story's report."""

from __future__ import annotations

import re
from html import unescape

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse, Response

from ... import __version__
from ...rules import REGISTRY
from ..state import ServerState, asset_text, current, sample_page

#: the editor page: its own script, stylesheet and chart images, and calls to this server only
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            "font-src 'none'; object-src 'none'; media-src 'none'; frame-src 'none'; worker-src 'none'; "
            "manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
ASSETS = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

router = APIRouter()


@router.get("/", response_class=HTMLResponse, summary="The editor page")
def index(state: ServerState = Depends(current)) -> HTMLResponse:
    with state.page_lock:
        if "editor" not in state.page:
            from jinja2 import Environment, PackageLoader, select_autoescape

            env = Environment(loader=PackageLoader("betareader.server", "templates"),
                              autoescape=select_autoescape(["html", "j2"]))
            families = sorted({c.code[:3] for c in REGISTRY})
            state.page["editor"] = (env.get_template("editor.html.j2").render(version=__version__, families=families), PAGE_CSP)
        body, csp = state.page["editor"]
    return HTMLResponse(body, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})


@router.get("/assets/{name}", summary="The editor's script and stylesheet")
def asset(name: str, state: ServerState = Depends(current)) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, f"no asset {name!r}")
    return Response(asset_text(name), media_type=ASSETS[name], headers={"Cache-Control": "no-cache"})


@router.get("/favicon.ico", include_in_schema=False)
def favicon(state: ServerState = Depends(current)) -> Response:
    return Response(status_code=204)


@router.get("/sample", response_class=HTMLResponse, summary="The report page of the bundled sample story")
def sample(state: ServerState = Depends(current)) -> HTMLResponse:
    with state.page_lock:
        if "sample" not in state.page:
            body = sample_page()
            m = _META_CSP.search(body)
            if m is None:  # the page must carry its own policy; never serve it without one
                raise HTTPException(500, "the report page has no Content-Security-Policy")
            state.page["sample"] = (body, unescape(m.group(1)) + "; frame-ancestors 'none'")
        body, csp = state.page["sample"]
    return HTMLResponse(body, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})
