"""The CLI's JSON contract over HTTP (``POST /api/check``) and the rules (``/api/rules``)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ...catalog import rule_row
from ...config import validate_selector
from ...errors import ConfigError
from ...model import build_document
from ...report import json_report
from ...report.file_report import FileReport
from ...rules import REGISTRY
from ..state import ServerState, current

REQUEST_PATH = "<request>"

router = APIRouter()


class CheckRequest(BaseModel):
    text: str = Field(description="The story text.")
    format: Literal["txt", "md"] = Field("txt", description="How to read the text: plain text or Markdown.")
    select: list[str] = Field(default_factory=list, description="Rule codes or prefixes to run (replaces the defaults; 'ALL' for every rule).")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to turn off.")


@router.post("/api/check", summary="Review one text", response_description="The JSON contract (schema 1), one file")
def check(req: CheckRequest, state: ServerState = Depends(current)) -> Response:
    try:
        for sel in (*req.select, *req.ignore):
            validate_selector(sel, "select/ignore")
    except ConfigError as exc:
        raise HTTPException(400, str(exc)) from None
    doc = build_document(req.text, format=req.format, path=REQUEST_PATH)
    result = state.run(doc, req.select, req.ignore, frozenset())
    report = FileReport(REQUEST_PATH, req.format, doc, result.findings, result.summary)
    return Response(json_report.render([report]), media_type="application/json")


@router.get("/api/rules", summary="Every rule")
def rules(state: ServerState = Depends(current)) -> list[dict]:
    return [rule_row(r) for r in REGISTRY]


@router.get("/api/rules/{code}", summary="One rule, with its documentation")
def rule(code: str, state: ServerState = Depends(current)) -> dict:
    r = REGISTRY.get(code.upper())
    if r is None:
        raise HTTPException(404, f"no rule {code!r}")
    return {**rule_row(r), "docs": r.doc()}
