"""Habits across works: ``works.parquet`` grouped by a metadata column (an author, a fandom), with
each group's rates and the rules that come back in chapter after chapter ("`alot` in 14 of 22
chapters"), as JSON, a terminal table and a self-contained HTML page with charts.

A group's *units* are its chapters (the chapter rows of works with two or more) and its
single-chapter works: a habit is a rule found in many of them, not many times in one.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict

from ..rules import REGISTRY
from .output import parts, read_works

#: habits listed per group
TOP_HABITS = 8
#: a habit is a rule found in at least this share of a group's units (and in two or more)
MIN_SHARE = 0.25
#: groups drawn in the chart and printed in the terminal (the largest by words)
MAX_GROUPS = 30


def _rule_words(code: str) -> str:
    rule = REGISTRY.get(code)
    return rule.words() if rule else code


def summarize(output: str, by: str) -> dict:
    """The summary of ``output``'s works grouped by the column ``by``."""
    table = read_works(os.path.join(output, "works.parquet"))
    if by not in table.column_names:
        cols = [c for c in table.column_names if c not in ("codes", "top_overused")]
        raise ValueError(f"no {by!r} column in the batch output (columns: {', '.join(cols)})")
    rows = table.to_pylist()
    group_of = {r["id"]: (r.get(by) if r.get(by) not in (None, "") else "(none)") for r in rows if r["level"] == "work"}
    excerpts = _excerpts(output, group_of)
    chaptered = {r["id"] for r in rows if r["level"] == "chapter"}
    groups: dict = defaultdict(lambda: {"works": 0, "failed": 0, "units": 0, "words": 0, "errors": 0, "craft": 0,
                                        "codes": Counter(), "units_with": Counter(), "tense": Counter(),
                                        "flesch": [], "dialogue": [], "families": Counter()})
    for r in rows:
        g = groups[group_of.get(r["id"], "(none)")]
        if r["level"] == "work":
            g["works"] += 1
            if r["error"] is not None:
                g["failed"] += 1
                continue
            g["words"] += r["words"]
            g["errors"] += r["errors"]
            g["craft"] += r["craft"]
            if r["narration_tense"]:
                g["tense"][r["narration_tense"]] += 1
            if r["flesch_reading_ease"] is not None:
                g["flesch"].append(r["flesch_reading_ease"])
            if r["dialogue_share"] is not None:
                g["dialogue"].append(r["dialogue_share"])
            for c in r["codes"]:
                g["codes"][c["code"]] += c["count"]
                if c["kind"] == "error" or c["code"].startswith("CRF"):
                    g["families"][c["code"][:3]] += c["count"]
        if (r["level"] == "chapter") == (r["id"] in chaptered) and r["error"] is None:
            g["units"] += 1
            for c in r["codes"]:
                g["units_with"][c["code"]] += 1
    out = []
    for name, g in groups.items():
        words = g["words"]
        habits = []
        for code, n_units in g["units_with"].most_common():
            if n_units < 2 or n_units < MIN_SHARE * g["units"]:
                continue
            rule = REGISTRY.get(code)
            ex = excerpts.get((name, code))
            habits.append({"code": code, "rule": _rule_words(code), "kind": rule.kind if rule else "error",
                           "units": n_units, "of": g["units"], "count": g["codes"][code],
                           "example": ex[0] if ex else None, "example_count": ex[1] if ex else None})
            if len(habits) >= TOP_HABITS:
                break
        out.append({
            "group": name, "works": g["works"], "failed": g["failed"], "units": g["units"], "words": words,
            "errors_per_10k": round(10_000 * g["errors"] / words, 1) if words else None,
            "craft_per_10k": round(10_000 * g["craft"] / words, 1) if words else None,
            "families_per_10k": {f: round(10_000 * n / words, 1) for f, n in sorted(g["families"].items())} if words else {},
            "narration_tense": dict(g["tense"]),
            "flesch_reading_ease": round(sum(g["flesch"]) / len(g["flesch"]), 1) if g["flesch"] else None,
            "dialogue_share": round(sum(g["dialogue"]) / len(g["dialogue"]), 3) if g["dialogue"] else None,
            "habits": habits,
        })
    out.sort(key=lambda x: (-x["words"], str(x["group"])))
    return {"by": by, "groups": out}


def _excerpts(output: str, group_of: dict) -> dict:
    """(group, code) -> (the commonest excerpt, its count), from findings.parquet when the batch
    wrote it (its rows joined to the works by id, a part file at a time); empty otherwise."""
    counts: Counter = Counter()
    for t in parts(os.path.join(output, "findings.parquet"), ["id", "code", "excerpt"]):
        for wid, code, ex in zip(t.column("id").to_pylist(), t.column("code").to_pylist(),
                                 t.column("excerpt").to_pylist()):
            if ex and len(ex) <= 40:
                counts[(group_of.get(wid, "(none)"), code, " ".join(ex.split()))] += 1
    best: dict = {}
    for (group, code, ex), n in counts.most_common():
        best.setdefault((group, code), (ex, n))
    return best


def write(summary: dict, output: str) -> tuple[str, str]:
    """``summary.json`` and ``summary.html`` in ``output``; their paths."""
    jpath = os.path.join(output, "summary.json")
    with open(jpath, "w", encoding="utf-8") as fh:
        json.dump(summary, fh, indent=1, ensure_ascii=False)
    hpath = os.path.join(output, "summary.html")
    with open(hpath, "w", encoding="utf-8") as fh:
        fh.write(render_html(summary))
    return jpath, hpath


def render_html(summary: dict) -> str:
    import jinja2

    from ..report.charts import group_rates_chart

    from importlib import resources

    from ..report.html import _csp_hash

    env = jinja2.Environment(loader=jinja2.PackageLoader("betareader.report", "templates"), autoescape=True)
    css = (resources.files("betareader.report") / "templates" / "batch_summary.css").read_text(encoding="utf-8")
    csp = f"default-src 'none'; style-src {_csp_hash(css)}; img-src data:; base-uri 'none'; form-action 'none'"
    groups = summary["groups"]
    try:
        chart = group_rates_chart(groups[:MAX_GROUPS], "g1", summary["by"])
    except ImportError:  # matplotlib missing: the page without its chart
        chart = None
    from markupsafe import Markup

    return env.get_template("batch_summary.html.j2").render(
        css=Markup(css), csp=csp, by=summary["by"], groups=groups, chart=Markup(chart) if chart else None,
        total_works=sum(g["works"] for g in groups), total_words=sum(g["words"] for g in groups))


def terminal_lines(summary: dict, limit: int = MAX_GROUPS) -> list[str]:
    """The summary as plain lines: a group a line, then its habits."""
    lines = [f"habits by {summary['by']}:"]
    for g in summary["groups"][:limit]:
        rate = f"{g['errors_per_10k']} errors and {g['craft_per_10k']} craft notes per 10,000 words" if g["words"] else "no readable works"
        lines.append(f"  {g['group']}: {g['works']} works, {g['words']:,} words, {rate}")
        for h in g["habits"][:3]:
            unit = "chapters" if h["of"] != g["works"] else "works"
            ex = f" (“{h['example']}” {h['example_count']}×)" if h["example"] else ""
            lines.append(f"    {h['code']} {h['rule']}: in {h['units']} of {h['of']} {unit}, {h['count']} times{ex}")
    if len(summary["groups"]) > limit:
        lines.append(f"  … and {len(summary['groups']) - limit} more groups in summary.html")
    return lines
