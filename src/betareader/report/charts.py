"""Charts for the HTML report: inline SVG drawn with matplotlib (imported here, lazily, only when
an HTML report is rendered).

The SVG is made safe and deterministic for inlining in a page with a strict Content-Security-Policy:
fixed ``svg.hashsalt``, no metadata, no XML prolog or DOCTYPE, no namespace URLs, glyphs as paths
(no fonts), ``style="..."`` attributes turned into SVG presentation attributes (CSP does not govern
those), the ``<style>`` element dropped, and every ``id`` prefixed per chart so that several charts
on one page never share an id.  Only fragment references (``#id``) remain.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document

#: colours shared with the page's stylesheet
INK = "#3b3b3b"
ACCENT = "#2b6cb0"
LIGHT = "#b9cde5"
CRAFT = "#b7791f"

_RC = {
    "svg.hashsalt": "betareader",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": INK,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "path.simplify": True,
}

_MAX_POINTS = 400  # longer series are averaged into this many bins (keeps a novel's chart small)


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return matplotlib, plt


_STYLE_ATTR = re.compile(r' style="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')
_DROP = [
    re.compile(r"<\?xml[^>]*\?>\s*"),
    re.compile(r"<!DOCTYPE[^>]*>\s*", re.S),
    re.compile(r"<metadata>.*?</metadata>\s*", re.S),
    re.compile(r"<style[^>]*>.*?</style>\s*", re.S),
    re.compile(r"<!--.*?-->"),
    re.compile(r' xmlns(:\w+)?="[^"]*"'),
]


def _presentation(m: re.Match) -> str:
    out = []
    for decl in m.group(1).split(";"):
        if ":" not in decl:
            continue
        prop, value = (s.strip() for s in decl.split(":", 1))
        if re.fullmatch(r"[a-z-]+", prop) and "url(" not in value or prop == "clip-path":
            out.append(f' {prop}="{value}"')
    return "".join(out)


def clean_svg(svg: str, prefix: str) -> str:
    """Matplotlib's SVG made inline-safe (see the module docstring); ids get ``prefix``."""
    for pat in _DROP:
        svg = pat.sub("", svg)
    svg = _STYLE_ATTR.sub(_presentation, svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'(href="|url\()#', rf"\g<1>#{prefix}-", svg)
    # only fragment references may remain
    svg = re.sub(r'\s(?:href|src)="(?!#)[^"]*"', "", svg)
    svg = re.sub(r"url\((?!#)[^)]*\)", "none", svg)
    # path data: one line, numbers unchanged
    svg = re.sub(r'\bd="([^"]*)"', lambda m: 'd="' + " ".join(m.group(1).split()) + '"', svg)
    svg = re.sub(r">\s+<", "><", svg)
    # the default joins matplotlib set in its <style>, as inherited presentation attributes
    svg = svg.replace("<svg ", '<svg role="img" stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return svg.strip()


def _render(fig, prefix: str, title: str) -> str:
    matplotlib, plt = _plt()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
                bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)
    svg = clean_svg(buf.getvalue(), prefix)
    return svg.replace(">", f"><title>{_esc(title)}</title>", 1)


def _esc(s: str) -> str:
    from html import escape

    return escape(s, quote=True)


def _binned(values: list[float], n: int) -> tuple[list[float], list[float]]:
    """(x centres in 0..100 % of the series, mean value per bin), at most ``n`` bins."""
    total = len(values)
    if total <= n:
        return [100 * (i + 0.5) / total for i in range(total)], list(values)
    xs, ys = [], []
    for b in range(n):
        lo, hi = b * total // n, (b + 1) * total // n
        chunk = values[lo:hi]
        xs.append(100 * (lo + hi) / 2 / total)
        ys.append(sum(chunk) / len(chunk))
    return xs, ys


def _rolling(values: list[float], window: int) -> list[float]:
    out, acc = [], 0.0
    for i, v in enumerate(values):
        acc += v
        if i >= window:
            acc -= values[i - window]
        out.append(acc / min(i + 1, window))
    # centre the window
    shift = window // 2
    return out[shift:] + [out[-1]] * shift if shift < len(out) else out


def sentence_lengths(doc: "Document") -> tuple[list[int], list[int]]:
    """Words per story sentence in order, and the sentence index where each chapter after the
    first begins."""
    from ..craft.rhythm import measures

    lengths, starts = [], []
    chapter = None
    for sc in measures(doc).scenes:
        if chapter is not None and sc.chapter != chapter:
            starts.append(len(lengths))
        chapter = sc.chapter
        lengths.extend(w for _, _, w, _, _ in sc.sentences())
    return lengths, starts


def sentence_length_chart(doc: "Document", prefix: str = "c1") -> str | None:
    lengths, chapter_starts = sentence_lengths(doc)
    if len(lengths) < 3:
        return None
    _, plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 2.3))
        xs, ys = _binned(lengths, _MAX_POINTS)
        binned = len(lengths) > _MAX_POINTS
        ax.plot(xs, ys, color=LIGHT, linewidth=0.9,
                label=f"mean of every {len(lengths) // _MAX_POINTS}+ sentences" if binned else "each sentence")
        window = max(3, len(ys) // 25)
        ax.plot(xs, _rolling(ys, window), color=ACCENT, linewidth=1.8, label="running average")
        for s in chapter_starts:
            ax.axvline(100 * s / len(lengths), color="#dddddd", linewidth=0.6, zorder=0)
        ax.set_xlim(0, 100)
        ax.set_ylim(0, None)
        ax.set_xlabel("position in the story (%)" + (", grey lines: chapter starts" if chapter_starts else ""))
        ax.set_ylabel("words per sentence")
        ax.set_title("Sentence length across the story", loc="left")
        ax.legend(frameon=False, loc="upper right", ncols=2)
        return _render(fig, prefix, "Sentence length across the story")


def dialogue_share_chart(pacing: dict, prefix: str = "c2") -> str | None:
    """Dialogue share per chapter (several chapters) or per scene (one chapter)."""
    chapters = pacing.get("chapters") or []
    scenes = pacing.get("scenes") or []
    if len(chapters) > 1:
        series, unit = chapters, "chapter"
        labels = [str(c["chapter"] + 1) for c in chapters]
    elif len(scenes) > 1:
        series, unit = scenes, "scene"
        labels = [str(i + 1) for i in range(len(scenes))]
    else:  # one chapter of one scene: nothing to compare
        return None
    shares = [100 * (s.get("dialogue_share") or 0) for s in series]
    _, plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 2.2))
        x = list(range(len(shares)))
        ax.bar(x, shares, color=ACCENT, width=0.75)
        overall = pacing.get("dialogue_share")
        if overall is not None:
            ax.axhline(100 * overall, color=CRAFT, linewidth=1, linestyle="--", label=f"whole story {100 * overall:.0f}%")
            ax.legend(frameon=False, loc="upper right")
        step = max(1, len(x) // 30)
        ax.set_xticks(x[::step], labels[::step])
        ax.set_ylim(0, max(100, max(shares) * 1.05) if shares else 100)
        ax.set_xlabel(unit)
        ax.set_ylabel("dialogue (% of words)")
        ax.set_title(f"Dialogue share per {unit}", loc="left")
        return _render(fig, prefix, f"Dialogue share per {unit}")


def overused_chart(words_stats: dict, prefix: str = "c3", top: int = 12) -> str | None:
    items = [w for w in (words_stats.get("overused") or []) if w.get("ratio")][:top]
    if not items:
        return None
    items.sort(key=lambda w: (w["ratio"], w["count"]))  # barh draws bottom-up: largest at the top
    _, plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 0.5 + 0.28 * len(items) + 0.5))
        y = list(range(len(items)))
        ax.barh(y, [w["ratio"] for w in items], color=CRAFT, height=0.6)
        ax.set_yticks(y, [f"{w['text']} ({w['count']}×)" for w in items])
        ax.set_xlabel("times as often as in published fiction")
        ax.set_title("Most overused words and phrases", loc="left")
        return _render(fig, prefix, "Most overused words and phrases")


def available(doc: "Document", stats: dict) -> list[str]:
    """The charts that have something to show for this story (the editor asks for no other:
    an empty chart is a failed request in the browser's console, and noise)."""
    out = []
    if len(sentence_lengths(doc)[0]) >= 3:
        out.append("sentence-length")
    pacing = stats.get("pacing") or {}
    if len(pacing.get("chapters") or []) > 1 or len(pacing.get("scenes") or []) > 1:
        out.append("dialogue-share")
    if any(w.get("ratio") for w in ((stats.get("words") or {}).get("overused") or [])):
        out.append("overused")
    return out



def group_rates_chart(groups: list[dict], prefix: str = "g1", by: str = "group") -> str | None:
    """Errors and craft notes per 10,000 words for each group of a batch summary (the groups
    with readable words), as horizontal bars."""
    items = [g for g in groups if g.get("words")]
    if not items:
        return None
    items = list(reversed(items))  # barh draws bottom-up: the first group at the top
    _, plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.2, 0.6 + 0.34 * len(items) + 0.5))
        y = list(range(len(items)))
        ax.barh([v + 0.18 for v in y], [g["errors_per_10k"] for g in items], height=0.36, color=ACCENT, label="errors")
        ax.barh([v - 0.18 for v in y], [g["craft_per_10k"] for g in items], height=0.36, color=CRAFT, label="craft notes")
        ax.set_yticks(y, [str(g["group"])[:40] for g in items])
        ax.set_xlabel("per 10,000 words")
        ax.legend(loc="lower right", frameon=False)
        ax.set_title(f"Errors and craft notes by {by}", loc="left")
        return _render(fig, prefix, f"Errors and craft notes by {by}")
