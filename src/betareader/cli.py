"""Command line: check | fix | batch | rules | explain | text | add-word | cache | demo | serve | lsp."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import click

from . import __version__
from .catalog import fix_label, rule_row, rules_markdown
from .config import Config, resolve_config, validate_selector
from .engine import MAX_FINDINGS_PER_RULE, Engine
from .errors import BetareaderError, ConfigError, InputError
from .loaders import FORMATS as INPUT_FORMATS
from .loaders import load
from .report.file_report import FileReport
from .rules import REGISTRY

PROGRESS_MIN_WORDS = 50_000


def _split_codes(values: tuple[str, ...]) -> list[str]:
    out = []
    for v in values:
        out.extend(c for c in v.replace(",", " ").split() if c)
    for c in out:
        validate_selector(c, "--select/--ignore")
    return out


def Console(*args, **kwargs):
    """rich's Console, imported when a command prints with it (a JSON report never does)."""
    from rich.console import Console as RichConsole

    return RichConsole(*args, **kwargs)


def _err_console():
    return Console(stderr=True, highlight=False)


def _words_estimate(src) -> int:
    text = getattr(src, "text", None) or ""
    return len(text) // 6


def _review(
    paths: list[str], config: Config, input_format: str | None, show_progress: bool, failed: list | None = None
) -> list[FileReport]:
    """Review each path.  With ``failed``, an unreadable file is reported on stderr in one line
    and recorded there, and the others are still reviewed; without it, the error propagates."""
    engine = Engine(config)
    engine.parallel = True  # a one-shot run: a long text's paragraph rules may use a second core
    reports = []
    for path in paths:
        try:
            src = load(path, input_format)
        except InputError as exc:
            if failed is None or len(paths) == 1:
                raise
            click.echo(f"betareader: error: {_one_line(exc)}", err=True)
            failed.append(path)
            continue
        if show_progress and _words_estimate(src) >= PROGRESS_MIN_WORDS:
            # reading a long work into paragraphs takes seconds of its own: say so meanwhile
            with _err_console().status(f"Reading {os.path.basename(src.path)} into paragraphs…"):
                doc = src.document()
        else:
            doc = src.document()
        if show_progress and doc.words >= PROGRESS_MIN_WORDS:
            from rich.progress import Progress

            with Progress(console=_err_console(), transient=True) as bar:
                task = bar.add_task(f"Reading {os.path.basename(src.path)}", total=len(doc.paragraphs))
                result = engine.check(doc, progress=lambda n: bar.update(task, completed=n))
        else:
            result = engine.check(doc)
        notes = tuple(src.notes) + tuple(
            f"{code} found {n:,} places; only the first {MAX_FINDINGS_PER_RULE:,} are listed"
            for code, n in result.summary.get("capped", {}).items()
        )
        reports.append(FileReport(src.path, src.format, doc, result.findings, result.summary, notes,
                                  src.locate if src.blocks else None))
    return reports


_TEXT_REPORTS = {"json": ".report.json_report", "html": ".report.html", "markdown": ".report.markdown",
                 "sarif": ".report.sarif"}


def _emit(reports: list[FileReport], fmt: str, output: str | None) -> int:
    if fmt == "docx":  # the story with each finding as a margin comment (needs --output)
        from .report import docx_report

        docx_report.write(reports, output)
    elif fmt == "json":  # written as it is encoded: a huge report is never one string
        from .report import json_report

        _write_output(output or "-", json_report.chunks(reports))
    elif fmt in _TEXT_REPORTS:  # html (one self-contained page), markdown, sarif
        from importlib import import_module

        data = import_module(_TEXT_REPORTS[fmt], __package__).render(reports)
        if output:
            _write_output(output, data)
        else:
            click.echo(data, nl=False)
    else:
        from .report.terminal import render

        if output:
            import io

            buf = io.StringIO()
            render(Console(file=buf, width=110, no_color=True, highlight=False), reports)
            _write_output(output, buf.getvalue())
        else:
            render(Console(highlight=False), reports)
    if output and output != "-":
        click.echo(f"betareader: wrote the {fmt} report to {output}", err=True)
    return 1 if any(r.errors for r in reports) else 0


def _blocks(pieces, size: int = 1 << 16):
    """The pieces joined into blocks of about ``size`` characters (fewer, larger writes)."""
    buf: list[str] = []
    n = 0
    for p in pieces:
        buf.append(p)
        n += len(p)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


def _write_output(path: str, data) -> None:
    """Write ``data`` (a string, or an iterable of strings written as they come) to ``path``
    (``-``: standard output)."""
    pieces = [data] if isinstance(data, str) else _blocks(data)
    if path == "-":
        for piece in pieces:
            click.echo(piece, nl=False)
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for piece in pieces:
                fh.write(piece)
    except OSError as exc:
        raise BetareaderError(f"{path}: cannot write the output ({exc.strerror or exc})") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="betareader")
def cli() -> None:
    """betareader: an offline beta reader for fan fiction and other fiction."""


_format = click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json", "html", "markdown", "sarif", "docx"]), default="terminal",
    show_default=True, help="Output format (html: one self-contained page; sarif: SARIF 2.1.0).",
)
_select = click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes or prefixes, comma-separated; ALL for every rule).")
_ignore = click.option("--ignore", multiple=True, metavar="CODES", help="Turn these rules off (codes or prefixes).")
_config = click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (betareader.toml or pyproject.toml).")
_output = click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), help="Write the report to this file.")
_dialect = click.option("--dialect", type=click.Choice(["auto", "en-US", "en-GB"]), help="Spelling and punctuation conventions (default: auto, read from the story's spellings and quotation marks).")
_input_format = click.option("--input-format", type=click.Choice(list(INPUT_FORMATS)), help="Read input as this format (default: by file extension; stdin is txt).")


def _config_for(config_path, first, select, ignore, dialect) -> Config:
    from .spelling.personal import read_words

    cfg = resolve_config(config_path, first).merged(_split_codes(select) or None, _split_codes(ignore))
    cfg.words |= read_words()
    if dialect:
        cfg.dialect = dialect
    return cfg


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@_format
@_select
@_ignore
@_config
@_output
@_dialect
@_input_format
@click.option("--progress/--no-progress", default=None, help="Progress bar for long works (default: on a terminal).")
def check(paths, fmt, select, ignore, config_path, output, dialect, input_format, progress):
    """Check stories (files, or - for standard input).

    Exit status: 0 no error-kind finding, 1 some error-kind finding, 2 usage or input error
    (with several files, the readable ones are still checked and reported).
    """
    cfg = _config_for(config_path, paths[0], select, ignore, dialect)
    show = sys.stderr.isatty() if progress is None else progress
    failed: list[str] = []
    reports = _review(list(paths), cfg, input_format, show, failed)
    code = _emit(reports, fmt, output)
    sys.exit(2 if failed else code)


@cli.command()
@_format
@_select
@_ignore
@_output
def demo(fmt, select, ignore, output):
    """Review the bundled sample story (exits 0: its mistakes are planted on purpose)."""
    sample = resources.files("betareader") / "data" / "sample_story.md"
    with resources.as_file(sample) as p:
        cfg = Config().merged(_split_codes(select) or None, _split_codes(ignore))
        reports = _review([str(p)], cfg, "md", False)
    reports[0].path = "sample_story.md (bundled demo)"
    _emit(reports, fmt, output)
    if fmt == "terminal" and not output:
        Console(highlight=False).print(
            "[dim]This is betareader's own sample chapter, full of planted mistakes. "
            "Check your story with:[/dim] betareader check STORY.md"
        )


@cli.command()
@click.argument("path", type=str)
@click.option("--unsafe", is_flag=True, help="Apply the unsafe fixes too (they may change what you meant: read the diff).")
@click.option("--diff", "diff_only", is_flag=True, help="Only show the changes as a unified diff; write nothing.")
@click.option("--backup/--no-backup", default=True, show_default=True, help="Keep the original as FILE.bak.")
@_select
@_ignore
@_config
@_dialect
@_input_format
def fix(path, unsafe, diff_only, backup, select, ignore, config_path, dialect, input_format):
    """Apply the safe fixes to a story (.txt, .md or .docx), showing the diff first.

    The file is written atomically, after a backup (FILE.bak), and not at all if it changed
    on disk since it was read. Exit status: 0 nothing left to fix, 1 fixes left (overlapping
    ones: run fix again; or with --diff, changes to make), 2 usage or input error.
    """
    from . import fix as fixing

    cfg = _config_for(config_path, path, select, ignore, dialect)
    result = fixing.plan(path, Engine(cfg), unsafe=unsafe, input_format=input_format)
    for note in result.notes:
        click.echo(f"betareader: note: {note}", err=True)
    if not result.applied:
        click.echo(f"{path}: nothing to fix" + (f" ({result.left} fix(es) could not be applied here)" if result.left else ""), err=True)
        sys.exit(1 if result.left else 0)
    click.echo(result.diff(), nl=False)
    n = len(result.applied)
    if diff_only:
        click.echo(f"{path}: {n} change{'s' if n != 1 else ''} to make (nothing written)", err=True)
        sys.exit(1)
    shown = len(result.notes)
    bak = fixing.write(result, backup=backup)
    for note in result.notes[shown:]:
        click.echo(f"betareader: note: {note}", err=True)
    click.echo(f"{path}: {n} change{'s' if n != 1 else ''} made" + (f" (original kept as {bak})" if bak else ""), err=True)
    if result.left:
        click.echo(f"{path}: {result.left} more fix(es) were left for another pass (they overlap the ones made, or could not be written here); run 'betareader fix' again", err=True)
        sys.exit(1)
    sys.exit(0)


@cli.command()
@click.argument("path", type=str)
@_input_format
def text(path, input_format):
    """Print the text exactly as analysed (the text that finding offsets index)."""
    src = load(path, input_format)
    sys.stdout.flush()
    sys.stdout.buffer.write(src.text.encode("utf-8", "surrogatepass"))
    sys.stdout.buffer.flush()


#: below this many columns ``rules`` lists one rule a block instead of a table
RULES_TABLE_WIDTH = 120


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True)
def rules(fmt):
    """List every rule: code, name, kind, default on/off, fix availability."""
    if fmt == "json":
        import json

        click.echo(json.dumps([rule_row(r) for r in REGISTRY], indent=1))
    elif fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
    else:
        from rich.table import Table

        console = Console()
        if console.width < RULES_TABLE_WIDTH:
            # a narrow terminal: one rule a block, code and name whole (a writer types them into
            # --select and a config), the summary wrapped under them
            from .report.terminal import _hang

            console.print(f"[bold]betareader {__version__}: {len(REGISTRY)} rules[/bold]", highlight=False)
            for r in REGISTRY:
                row = rule_row(r)
                console.print(f"[bold]{row['code']}[/bold] {row['name']}  [dim]({row['kind']}, "
                              f"{'on' if row['default_enabled'] else 'off'}, fix {fix_label(r)})[/dim]",
                              highlight=False, soft_wrap=True)
                _hang(console, "    ", row["summary"])
            return
        t = Table(title=f"betareader {__version__}: {len(REGISTRY)} rules")
        for col in ("code", "name", "kind", "default", "fix"):
            t.add_column(col, no_wrap=True)
        t.add_column("summary", ratio=1)
        for r in REGISTRY:
            row = rule_row(r)
            t.add_row(row["code"], row["name"], row["kind"], "on" if row["default_enabled"] else "off",
                      fix_label(r), row["summary"])
        console.print(t)


@cli.command("add-word")
@click.argument("words", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Take the words out of the dictionary instead.")
@click.option("--dictionary", "dict_path", type=click.Path(dir_okay=False),
              help="Dictionary file (default: your personal dictionary; see below).")
def add_word(words, remove, dict_path):
    """Teach betareader words (names, invented words, dialect) so they are never flagged.

    The personal dictionary is a plain text file, one word a line, read by every check:
    $BETAREADER_DICTIONARY if set, else dictionary.txt in your configuration folder. A project's
    own list can be named with --dictionary (and with 'dictionary = "words.txt"' in betareader.toml).
    """
    from .spelling.personal import change_words

    path, added, removed = change_words([] if remove else list(words), list(words) if remove else [],
                                        Path(dict_path) if dict_path else None)
    if remove:
        click.echo(f"removed {len(removed)} word(s) from {path}" + (f": {', '.join(removed)}" if removed else ""))
    else:
        click.echo(f"added {len(added)} word(s) to {path}" + (f": {', '.join(added)}" if added else " (already there)"))


@cli.command()
@click.option("--clear", is_flag=True, help="Remove everything betareader keeps there.")
def cache(clear):
    """Show (or --clear) the cache folder: data built once and tags of text already read.

    betareader keeps, in your cache folder, structures it would otherwise rebuild at every start
    (verb forms, common words, the cliche automaton) and the part-of-speech tags of the short
    windows of text it has read, as hashes (never the text), so that checking a chapter again
    after an edit does not load spaCy. $BETAREADER_CACHE_DIR moves it; BETAREADER_CACHE_DIR=off
    turns it off. Deleting it is always safe.
    """
    from . import diskcache

    if clear:
        from .analysis import tagstore

        tagstore.close()
        n = diskcache.clear()
        click.echo(f"removed {n} file(s) from {diskcache.cache_dir()}")
        return
    folder, files, size = diskcache.usage()
    if folder is None:
        click.echo("the cache is off (BETAREADER_CACHE_DIR=off)")
    else:
        click.echo(f"{folder}: {files} file(s), {size / 1e6:.1f} MB")


@cli.command()
@click.argument("code")
def explain(code):
    """Show a rule's documentation."""
    r = REGISTRY.get(code)
    if r is None:
        raise ConfigError(f"no rule {code!r} (see 'betareader rules')")
    head = (f"{r.code} {r.name}  ({r.kind}, severity {r.severity}, fix {fix_label(r)}, "
            f"{'on' if r.default_enabled else 'off'} by default)")
    if not sys.stdout.isatty():
        # piped or redirected: the documentation as written (Markdown), lines and examples kept
        click.echo(head + "\n\n" + r.doc())
        return
    from rich.markdown import Markdown

    c = Console()
    c.print(f"[bold]{head}[/bold]", highlight=False)
    c.print(Markdown(r.doc()))


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only unless --allow-remote).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in your web browser.")
@click.option("--allow-remote", is_flag=True, help="Allow an address other machines can reach (they could read what you send it).")
@click.option("--no-store", is_flag=True, help="Keep reviews in memory only: nothing is written to disk.")
@click.option("--check-seconds", type=click.FloatRange(1, 3600), default=60, show_default=True,
              help="Stop a check that takes longer than this (the page says so) so it holds up no one.")
def serve(port, host, open_browser, allow_remote, no_store, check_seconds):
    """Run the local editor page and HTTP API (the CLI's JSON contract; schema at /openapi.json),
    which also answers LanguageTool's API (/v2/check) for the LanguageTool browser add-on,
    Obsidian, LibreOffice, LTeX+ and other LanguageTool clients (see the README).

    Reviews, ignored findings, accepted fixes and taught words are kept in a SQLite file in your
    data folder ($BETAREADER_DATA_DIR to move it), unless --no-store."""
    from .server.hosts import check_host

    problem = check_host(host, allow_remote)
    if problem:
        click.echo(f"betareader: error: {problem}", err=True)
        sys.exit(2)
    import socket

    from .server.app import create_app

    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bare, port))
        sock.listen(128)  # connections wait in the backlog while the app and the store open
    except OSError as exc:
        sock.close()
        raise BetareaderError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    bound = sock.getsockname()[1]
    url = f"http://[{bare}]:{bound}/" if family == socket.AF_INET6 else f"http://{bare}:{bound}/"
    from .server.store import StoreError, open_store

    os.environ.setdefault("BETAREADER_TAGGER_PROCESS", "0")  # the server keeps spaCy loaded between checks
    try:
        store = open_store(no_store)
    except StoreError as exc:
        sock.close()
        raise BetareaderError(str(exc)) from None
    for note in store.notes:
        click.echo(f"betareader: warning: {note}", err=True)
    app = create_app(store, allow_remote=allow_remote, check_seconds=check_seconds)
    where = "in memory only (--no-store)" if store.path is None else str(store.path)
    click.echo(f"betareader is serving on {url} (Ctrl+C to stop)")  # only now: the store is open
    click.echo(f"reviews are kept {where}")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    from .server.http import serve_socket

    serve_socket(app, sock)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=str)
@click.option("--output", "-o", "output", required=True, type=click.Path(file_okay=False),
              help="Folder for works.parquet (and findings.parquet).")
@click.option("--text-column", default="text", show_default=True, help="The text column of a CSV, JSON Lines or Parquet dump.")
@click.option("--id-column", default="id", show_default=True, help="The id column of a dump (missing: file name and row number).")
@click.option("--text-format", type=click.Choice(["txt", "md", "html"]), default="txt", show_default=True,
              help="What a dump's text cells hold.")
@click.option("--jobs", "-j", type=click.IntRange(1, 512), default=None,
              help="Processes (local) or LocalCluster workers (--dask local); default: the machine's cores.")
@click.option("--findings/--no-findings", default=False, help="Also write findings.parquet, one row per finding.")
@click.option("--resume", is_flag=True, help="Skip the works already in DIR/works.parquet (by content hash).")
@click.option("--dask", "dask_address", metavar="ADDRESS|local",
              help="Run on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' for a LocalCluster.")
@click.option("--partition-size", "partition", type=click.IntRange(1, 100_000), default=None, metavar="N",
              help="With --dask: works per partition, each read and written by one worker (default: from the corpus size, at most 256).")
@click.option("--summary", "summary_by", metavar="COLUMN",
              help="Also write DIR/summary.html and summary.json: habits across works, grouped by this column (author, fandom…).")
@_select
@_ignore
@_config
@_dialect
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def batch(inputs, output, text_column, id_column, text_format, jobs, findings, resume, dask_address, partition, summary_by,
          select, ignore, config_path, dialect, progress):
    """Review many works at once: files, folders, zip archives, CSV / JSON Lines / Parquet dumps.

    Writes DIR/works.parquet (one row per work and per chapter: words, errors and craft notes by
    family and code per 10,000 words, dialogue share, narration tense, readability, overused
    words, and the dump's other columns as metadata) and, with --findings, DIR/findings.parquet.
    A work that cannot be read gets a row with its error; the batch goes on. Exit status: 0 done,
    2 usage or input error.
    """
    from .batch.inputs import TableOptions
    from .batch.review import config_key
    from .batch.run import BatchOptions, run_batch

    if partition and not dask_address:
        raise BetareaderError("--partition-size is for runs on Dask (--dask); the local runner streams works one by one")
    cfg = _config_for(config_path, inputs[0], select, ignore, dialect)
    key = config_key(cfg.select, cfg.ignore, cfg.dialect, cfg.words)
    n = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
    opts = BatchOptions(
        output=output, jobs=n, findings=findings, resume=resume, key=key, dask=dask_address, partition=partition,
        progress=sys.stderr.isatty() if progress is None else progress,
        table=TableOptions(text_column=text_column, id_column=id_column or None, format=text_format),
    )
    r = run_batch(list(inputs), opts)
    rate = r.works / r.seconds if r.seconds else 0.0
    click.echo(f"reviewed {r.works:,} works in {r.seconds:.1f} s ({rate:.1f} works/s, {r.works / max(r.seconds, 1e-9) * 3600:,.0f} "
               f"per hour) on {r.runner}: {r.rows:,} rows" + (f", {r.findings:,} findings" if findings else "")
               + (f"; {r.failed:,} could not be read or checked (see the error column)" if r.failed else "")
               + (f"; {r.skipped:,} already done (--resume)" if r.skipped else ""))
    click.echo(f"wrote {os.path.join(output, 'works.parquet')}" + (f" and {os.path.join(output, 'findings.parquet')}" if findings else ""))
    if summary_by:
        from .batch import summary as batch_summary

        try:
            got = batch_summary.summarize(output, summary_by)
        except ValueError as exc:
            raise BetareaderError(str(exc)) from None
        jpath, hpath = batch_summary.write(got, output)
        for line in batch_summary.terminal_lines(got):
            click.echo(line)
        click.echo(f"wrote {hpath} and {jpath}")


@cli.command()
@click.option("--stdio", is_flag=True, default=True, help="Talk LSP over standard input and output (the default).")
def lsp(stdio):
    """Run the language server for editors (Neovim, Helix, VS Code, Zed, Emacs, Sublime Text).

    Reviews Markdown and plain-text files as you type: diagnostics, quick fixes, "fix all", add to
    dictionary, ignore, the rule's documentation on hover. Editor set-up: see the README."""
    from .editors.lsp import serve_stdio

    serve_stdio()


def main(argv=None) -> None:
    try:
        _main(argv)
    finally:
        _write_run_stats()


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """An error's message on one line (a parser's message may span several), shortened."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _write_run_stats() -> None:
    """With ``BETAREADER_STATS_FILE`` set (benchmarks), write the tagger's figures there at exit:
    whether a helper process ran and its peak memory, which a parent's rusage does not add up."""
    path = os.environ.get("BETAREADER_STATS_FILE")
    if not path or "betareader.analysis.tagger" not in sys.modules:
        return
    import json

    from .analysis import tagger

    tagger.stop_worker()
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(tagger.stats(), fh)


def _main(argv=None) -> None:
    try:
        cli.main(args=argv, prog_name="betareader", standalone_mode=False)
    except click.exceptions.Abort:
        _err_console().print("betareader: aborted")
        sys.exit(2)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        click.echo(f"betareader: error: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"betareader: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except BetareaderError as exc:
        click.echo(f"betareader: error: {_one_line(exc)}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # a bug: one line, not a traceback, unless asked
        if os.environ.get("BETAREADER_DEBUG"):
            raise
        click.echo(f"betareader: internal error: {type(exc).__name__}: {_one_line(exc)} (set BETAREADER_DEBUG=1 for details)", err=True)
        sys.exit(3)
    sys.exit(0)
