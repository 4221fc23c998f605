#!/usr/bin/env python3
"""Draw ``docs/neovim.svg``: a real Neovim, in a real terminal (tmux), with ``betareader lsp``
attached to a short chapter of my own, its diagnostics on the lines and a rule's hover open.

    .venv/bin/python tools/screenshot_neovim.py [--output docs/neovim.svg]

Needs Debian's ``neovim`` and ``tmux``.  The terminal's screen is captured with its colours
(``tmux capture-pane -e``) and drawn as SVG by rich, so the README shows what a writer sees.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 120, 24

CHAPTER = """\
# Chapter Two: Low Tide

Wren waited on the the jetty until the ferry was a smudge on the
horizon. She felt sad, and her hands shook as she counted the coins.

"You dont have to come," Tobias said. "I can go alone"

She shrugged. The gulls wheeled overhead, loud and hungry, and the
water slapped at the pilings below them.
"""

INIT = """\
vim.opt.termguicolors = true
vim.opt.number = true
vim.opt.signcolumn = "yes"
vim.opt.laststatus = 0
vim.opt.shortmess:append("I")
vim.diagnostic.config({ virtual_text = { prefix = "●" }, severity_sort = true })
vim.cmd("highlight NormalFloat guibg=#2f3440 guifg=#e6e6e6")
vim.cmd("highlight FloatBorder guibg=#2f3440 guifg=#8a8f9a")
vim.lsp.handlers["textDocument/hover"] = vim.lsp.with(vim.lsp.handlers.hover, { border = "rounded", max_width = 90 })
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text" },
  callback = function(args)
    local id = vim.lsp.start_client({ name = "betareader", cmd = CMD, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
"""


def tmux(*args: str, check: bool = True) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=check).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=REPO / "docs" / "neovim.svg")
    args = ap.parse_args()
    for tool in ("nvim", "tmux"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (apt-get install neovim tmux)")
    from rich.console import Console
    from rich.text import Text

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "chapter.md").write_text(CHAPTER, encoding="utf-8")
        cmd = json.dumps([sys.executable, "-m", "betareader", "lsp"])
        (tmp_path / "init.lua").write_text(f"CMD = vim.fn.json_decode({json.dumps(cmd)})\n" + INIT, encoding="utf-8")
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": f"{tmp}/config", "XDG_DATA_HOME": f"{tmp}/data",
               "XDG_STATE_HOME": f"{tmp}/state", "BETAREADER_DATA_DIR": f"{tmp}/bdata",
               "BETAREADER_DICTIONARY": f"{tmp}/dictionary.txt", "TERM": "xterm-256color"}
        session = f"betareader-shot-{os.getpid()}"
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), "-c", tmp,
                        f"nvim -u {tmp}/init.lua chapter.md"], env=env, check=True)
        try:
            deadline = time.monotonic() + 90
            while "●" not in tmux("capture-pane", "-p", "-t", session) and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(2)  # the last diagnostics drawn
            tmux("send-keys", "-t", session, "6G", "6|")  # the cursor on `dont`
            tmux("send-keys", "-t", session, ":lua vim.lsp.buf.hover()", "Enter")
            time.sleep(3)
            screen = tmux("capture-pane", "-e", "-p", "-t", session)
        finally:
            tmux("kill-session", "-t", session, check=False)
    console = Console(record=True, width=WIDTH, file=open(os.devnull, "w"), color_system="truecolor")
    console.print(Text.from_ansi(screen.rstrip("\n")), soft_wrap=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    console.save_svg(str(args.output), title="betareader lsp in Neovim")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
