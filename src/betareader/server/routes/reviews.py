"""The editor page's reviews: create (pasted, imported, the sample), check as the writer edits,
ignore, log accepted fixes, export, charts."""

from __future__ import annotations

import io
import re
import time
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ...errors import BetareaderError
from ...report import json_report
from ..guard import JSON_CSP
from ..state import ServerState, current, safe_name, sample_text, structure_of
from ..store import MAX_IGNORES

router = APIRouter()


class NewReview(BaseModel):
    text: str = Field(description="The story text, as pasted.")
    name: str = Field("", max_length=200, description="What the page calls the review (default: "
                      "'Untitled N', renamed after the first words of its text once it has some).")
    format: Literal["txt", "md"] = Field("md", description="How to read the text.")


class ReviewText(BaseModel):
    text: str = Field(description="The story text as it is now in the editor.")


class Ignore(BaseModel):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$", description="The finding's fingerprint.")
    code: str = Field(max_length=16, description="The finding's rule code.")
    excerpt: str = Field("", max_length=2000, description="The words it was on (shown in the page's list).")


class Accepted(BaseModel):
    code: str = Field(max_length=16)
    before: str = Field("", max_length=2000)
    after: str = Field("", max_length=2000)


def download(data: bytes, name: str, media_type: str) -> Response:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


@router.get("/api/state", summary="What the page needs at start: the store and the latest review")
def page_state(state: ServerState = Depends(current)) -> dict:
    latest = state.store.reviews()
    return {"persistent": state.store.persistent, "path": str(state.store.path) if state.store.path else None,
            "reviews": latest, "words": sorted(state.words()), "max_body": state.max_body}


@router.get("/api/reviews", summary="Every kept review, latest first (without its text)")
def reviews(state: ServerState = Depends(current)) -> list[dict]:
    return state.store.reviews()


@router.post("/api/reviews", summary="Start a review of pasted text")
def new_review(req: NewReview, state: ServerState = Depends(current)) -> dict:
    name = safe_name(req.name, "") if req.name.strip() else ""
    if not name:
        name = _first_words(req.text) or _untitled(state)
    return state.store.create_review(name, req.format, req.text)


_UNTITLED_RE = re.compile(r"^Untitled (\d+)$")
_WORD_RE = re.compile(r"[^\W_][\w'’-]*")
#: a pasted review is named after this many of its first words, at most
NAME_WORDS = 6


def _untitled(state: ServerState) -> str:
    """'Untitled N': one more than the highest N among the kept reviews."""
    taken = [int(m.group(1)) for r in state.store.reviews() if (m := _UNTITLED_RE.match(r["name"]))]
    return f"Untitled {max(taken, default=0) + 1}"


def _first_words(text: str) -> str:
    """A pasted text's name: its first words (a heading's, if it opens with one), or '' when it
    has fewer than three."""
    words = _WORD_RE.findall(text[:2000])
    if len(words) < 3:
        return ""
    name = safe_name(" ".join(words[:NAME_WORDS]), "")
    return name + ("..." if name and len(words) > NAME_WORDS else "")


@router.post("/api/reviews/sample", summary="Start a review of the bundled sample story")
def new_sample(state: ServerState = Depends(current)) -> dict:
    return state.store.create_review("sample_story.md", "md", sample_text())


@router.post("/api/reviews/import", summary="Start a review of a file (body: the file's bytes)",
          openapi_extra={"requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}, "required": True}})
async def import_review(request: Request, name: str = Query(..., max_length=200,
                                                             description="The file's name; its extension gives the format"), state: ServerState = Depends(current)) -> dict:
    from ...loaders import input_format, load_bytes

    if request.headers.get("content-type", "").split(";")[0].strip() != "application/octet-stream":
        raise HTTPException(415, "send the file's bytes as application/octet-stream")
    data = await request.body()
    try:
        fmt = input_format(name, default="txt")
        import anyio

        src = await anyio.to_thread.run_sync(lambda: load_bytes(data, safe_name(name), fmt))
    except BetareaderError as exc:
        raise HTTPException(400, str(exc)) from None
    review = state.store.create_review(safe_name(name), "md" if src.format != "txt" else "txt", src.text,
                                 structure_of(src))
    review["notes"] = list(src.notes)
    return review


@router.get("/api/reviews/{rid}", summary="One review: its text, ignored findings and accepted-fix count")
def get_review(rid: str, state: ServerState = Depends(current)) -> dict:
    return state.review_or_404(rid)


@router.delete("/api/reviews/{rid}", summary="Delete one review")
def delete_review(rid: str, state: ServerState = Depends(current)) -> dict:
    if not state.store.delete_review(rid):
        raise HTTPException(404, f"no review {rid!r}")
    return {"deleted": rid}


@router.post("/api/reviews/{rid}/check", summary="Save the review's text and check it (the JSON contract's file object)")
def check_review(rid: str, req: ReviewText, state: ServerState = Depends(current)) -> dict:
    review = state.review_or_404(rid)
    t0 = time.perf_counter()
    if req.text != review["text"]:
        state.store.save_text(rid, req.text)
    name = review["name"]
    if _UNTITLED_RE.match(name) and (first := _first_words(req.text)):
        name = first  # an untitled paste takes its first words as its name
        state.store.rename(rid, name)
    with state.review_locks.get(rid):
        r = state.review_report(review, req.text)
    file = json_report.to_dict([r])["files"][0]
    from ...report.charts import available
    from ...report.html import figures

    stats = r.summary.get("stats") or {}
    return {"file": file, "name": name, "ignored": [i["fingerprint"] for i in review["ignored"]],
            "accepted": review["accepted"], "figures": figures(r, stats), "charts": available(r.doc, stats),
            "ms": round(1000 * (time.perf_counter() - t0), 1)}


@router.post("/api/reviews/{rid}/ignore", summary="Hide a finding (by fingerprint) in this review")
def ignore(rid: str, req: Ignore, state: ServerState = Depends(current)) -> dict:
    state.review_or_404(rid)
    if not state.store.ignore(rid, req.fingerprint, req.code.upper(), req.excerpt):
        raise HTTPException(409, f"at most {MAX_IGNORES} ignored findings per review")
    return {"ignored": req.fingerprint}


@router.delete("/api/reviews/{rid}/ignore/{fingerprint}", summary="Show an ignored finding again")
def unignore(rid: str, fingerprint: str, state: ServerState = Depends(current)) -> dict:
    if not state.store.unignore(rid, fingerprint):
        raise HTTPException(404, "that finding is not ignored")
    return {"unignored": fingerprint}


@router.post("/api/reviews/{rid}/accepted", summary="Log an accepted fix (the page applies it to its text)")
def accepted(rid: str, req: Accepted, state: ServerState = Depends(current)) -> dict:
    if not state.store.accepted(rid, req.code.upper(), req.before, req.after):
        raise HTTPException(404, f"no review {rid!r}")
    return {"accepted": state.store.review(rid)["accepted"]}


@router.get("/api/reviews/{rid}/export", summary="Download the review: txt, md, docx, the HTML report or the Word file with comments")
def export(rid: str, format: Literal["txt", "md", "docx", "html", "comments"] = "txt", state: ServerState = Depends(current)) -> Response:
    review = state.review_or_404(rid)
    stem = safe_name(review["name"].rsplit(".", 1)[0] if "." in review["name"] else review["name"])
    text = review["text"]
    if format in ("txt", "md"):
        return download(text.encode("utf-8"), f"{stem}.{format}", "text/plain; charset=utf-8" if format == "txt"
                         else "text/markdown; charset=utf-8")
    r = state.review_report(review, text)
    if format == "html":
        from ...report import html

        return download(html.render([r]).encode("utf-8"), f"{stem}-review.html", "text/html; charset=utf-8")
    from ...report import docx_report

    if format == "comments":
        d, _count = docx_report.build(r)
        name = f"{stem}-review.docx"
    else:
        d, _paras = docx_report._clean_document(r)
        name = f"{stem}.docx"
    buf = io.BytesIO()
    d.save(buf)
    return download(buf.getvalue(), name,
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get("/api/reviews/{rid}/charts/{name}.svg", summary="A chart of the review (sentence-length, dialogue-share, overused)")
def chart(rid: str, name: str, state: ServerState = Depends(current)) -> Response:
    from ...report import charts

    draw = {"sentence-length": lambda r, stats: charts.sentence_length_chart(r.doc),
            "dialogue-share": lambda r, stats: charts.dialogue_share_chart(stats.get("pacing") or {}),
            "overused": lambda r, stats: charts.overused_chart(stats.get("words") or {})}.get(name)
    if draw is None:
        raise HTTPException(404, f"no chart {name!r}")
    review = state.review_or_404(rid)
    r = state.review_report(review, review["text"])
    svg = draw(r, r.summary.get("stats") or {})
    if svg is None:
        raise HTTPException(404, "not enough text for this chart")
    if "xmlns=" not in svg[: svg.find(">")]:  # inline SVG needs no namespace; an image file does
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return Response(svg, media_type="image/svg+xml",
                    headers={"Cache-Control": "no-store", "Content-Security-Policy": JSON_CSP})
