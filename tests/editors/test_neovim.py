"""``betareader lsp`` driven by a real editor: a headless Neovim (0.7 API) runs nvim_client.lua,
which opens a chapter, collects the diagnostics, applies the preferred quick fix for a misspelling
and writes the file.  Skipped when ``nvim`` is not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LUA = Path(__file__).with_name("nvim_client.lua")
TIMEOUT_S = 180

#: an emoji (two UTF-16 units, four UTF-8 bytes) and an em dash (one unit, three bytes) before the
#: misspelling on its line: the server's UTF-16 columns, turned into byte columns by Neovim
CHAPTER = """\
# The Ferry

Odessa Marrow waited at the the landing. Her sister's message said only 🌊 — she dont like the river at night.

"You'll be across by moonrise," Tobiah said. Odessa nodded and pulled her shawl tighter.
"""


def byte_col(text: str, line: int, needle: str) -> int:
    row = text.split("\n")[line]
    return len(row[: row.index(needle)].encode("utf-8"))


def test_neovim_shows_the_diagnostics_and_applies_a_quick_fix(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim (nvim) is not installed")
    chapter = tmp_path / "book" / "ferry.md"
    chapter.parent.mkdir()
    chapter.write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "result.json"
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "BETAREADER_DICTIONARY": str(tmp_path / "dictionary.txt"),
        "BETAREADER_DATA_DIR": str(tmp_path / "data"),
        "BETAREADER_NVIM_CMD": json.dumps([sys.executable, "-m", "betareader", "lsp"]),
        "BETAREADER_NVIM_FILE": str(chapter),
        "BETAREADER_NVIM_OUT": str(out),
        "BETAREADER_NVIM_TIMEOUT": str((TIMEOUT_S - 30) * 1000),
    }
    proc = subprocess.run([nvim, "--headless", "--clean", "-c", f"luafile {LUA}"], env=env, cwd=tmp_path,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT_S)
    assert out.exists(), f"Neovim wrote no result (exit {proc.returncode}): {proc.stdout} {proc.stderr}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["ok"], result.get("error")
    assert proc.returncode == 0, proc.stderr
    assert result["filetype"] == "markdown" and result["offset_encoding"] == "utf-16"

    diags = {d["code"]: d for d in result["diagnostics"]}
    assert set(diags) == {"TYP006", "SPL004"}
    spl = diags["SPL004"]
    assert (spl["lnum"], spl["col"], spl["end_lnum"], spl["end_col"]) == (2, byte_col(CHAPTER, 2, "dont"), 2,
                                                                           byte_col(CHAPTER, 2, "dont") + 4)
    assert spl["source"] == "betareader" and spl["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert spl["message"] == "'dont' needs its apostrophe: 'don't'."
    typ = diags["TYP006"]
    assert (typ["lnum"], typ["col"]) == (2, byte_col(CHAPTER, 2, "the the"))

    assert result["applied"] == "Replace 'dont' with 'don't' (SPL004)"
    assert "Add 'dont' to dictionary" in result["actions"] and "Ignore SPL004 here" in result["actions"]
    assert chapter.read_text(encoding="utf-8") == CHAPTER.replace("she dont", "she don't")
    assert result["fixed_diagnostic_gone"] is True
