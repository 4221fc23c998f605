"""The page's dictionary (words taught on the page) and the delete-everything button."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from ..state import ServerState, current

router = APIRouter()


class Word(BaseModel):
    word: str = Field(max_length=64, description="A name or invented word the speller should accept.")


@router.get("/api/dictionary", summary="The dictionary: the personal dictionary file and the words taught on the page")
def dictionary(state: ServerState = Depends(current)) -> list[str]:
    return sorted(state.words())


@router.post("/api/dictionary", summary="Teach a word: the speller accepts it from now on")
def add_word(req: Word, state: ServerState = Depends(current)) -> dict:
    from ...spelling.personal import WORD_RE

    word = req.word.strip()
    if not WORD_RE.match(word):
        raise HTTPException(400, f"{word!r} is not a word")
    state.add_word(word)
    return {"added": word}


@router.delete("/api/dictionary/{word}", summary="Forget a taught word")
def remove_word(word: str, state: ServerState = Depends(current)) -> dict:
    if not state.remove_word(word):
        raise HTTPException(404, f"{word!r} is not in the dictionary")
    return {"removed": word}


@router.delete("/api/store", summary="Delete everything kept: reviews, ignores, accepted fixes, words")
def delete_all(state: ServerState = Depends(current)) -> dict:
    state.delete_all()
    return {"deleted": True}
