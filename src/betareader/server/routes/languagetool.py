"""LanguageTool's HTTP API v2 (``/v2/check``, ``/v2/languages``), for the clients that speak it:
the LanguageTool browser add-on, the Obsidian and LibreOffice LanguageTool options, LTeX+ and
``language_tool_python``.  The protocol is in :mod:`betareader.editors.languagetool`; the guard
lets browser extensions (and only them, and only here) call these routes."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from ...editors import languagetool as lt
from ...engine import Result
from ...model import build_document
from ..state import current

router = APIRouter()
LT_PATH = "<languagetool>"


async def _params(request: Request) -> dict[str, str]:
    """The request's parameters, read as LanguageTool's server reads them: a POST body is
    form-encoded whatever its Content-Type says (LTeX 16 labels its form ``application/json``,
    the old browser add-on sends ``text/plain``, LibreOffice nothing), and the query string's
    parameters win over the body's.  A body that is a JSON object of parameters is read too.
    Text that was not percent-encoded (LibreOffice 7.4) is read as it is."""
    params: dict[str, str] = {}
    if request.method == "POST":
        raw = (await request.body()).decode("utf-8", errors="replace")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json" and raw.lstrip().startswith("{"):
            try:
                obj = json.loads(raw)
            except ValueError:
                raise lt.LTError("the JSON body is not valid JSON") from None
            if not isinstance(obj, dict):
                raise lt.LTError("the JSON body must be an object of parameters")
            params.update({str(k): v if isinstance(v, str) else json.dumps(v) for k, v in obj.items()})
        else:
            params.update(parse_qsl(raw, keep_blank_values=True))
    params.update(request.query_params)
    return params


def _error(exc: Exception, status: int = 400) -> Response:
    return PlainTextResponse(f"Error: {exc}", status_code=status)


@router.post("/v2/check", summary="LanguageTool API v2: check a text (form-encoded parameters)")
async def check(request: Request) -> Response:
    return await _answer(request)


@router.get("/v2/check", summary="LanguageTool API v2: check a text (parameters in the query string)")
async def check_get(request: Request) -> Response:
    return await _answer(request)


async def _answer(request: Request) -> Response:
    try:
        req = lt.parse_request(await _params(request))
    except lt.LTError as exc:
        return _error(exc)
    state = current(request)
    return JSONResponse(await run_in_threadpool(_check, state, req))


def _check(state, req: lt.LTRequest) -> dict:
    engine = state.engines.get(req.select, req.ignore, frozenset(state.words()),
                               dialect=None if req.dialect == "auto" else req.dialect)
    doc = build_document(req.source.plain, format="txt", path=LT_PATH)
    english = req.english and (req.language != "auto" or lt.looks_english(req.source.plain))
    if english and req.run:
        result = engine.check(doc, deadline=time.monotonic() + state.check_seconds, summary=False)
    else:
        result = Result(doc=doc, findings=[])
    dialect = engine.config.dialect
    if dialect == "auto":
        dialect = doc.style.dialect if doc.style else "en-US"
    return lt.answer(req, doc, result.findings, {r.code: r for r in engine.rules}, dialect, english)


@router.get("/v2/languages", summary="LanguageTool API v2: the languages betareader checks")
def languages() -> list[dict]:
    return lt.languages()


@router.get("/v2/healthcheck", summary="LanguageTool API v2: is the server up")
def healthcheck() -> Response:
    return PlainTextResponse("OK")


@router.get("/v2/maxtextlength", summary="LanguageTool API v2: the longest text a check takes, in characters")
def maxtextlength(request: Request) -> Response:
    return PlainTextResponse(str(current(request).max_body))
