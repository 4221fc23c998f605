// betareader's editor page. Plain JavaScript, no libraries, nothing loaded from elsewhere.
//
// The story is edited in a <textarea>; behind it a "backdrop" holds the same text with every
// finding wrapped in a <mark>, so the writer types in a native text box and sees the marks
// through it. Story text only ever reaches the page as text nodes and the textarea's value:
// never as HTML.
//
// Offsets: the server counts code points; JavaScript strings count UTF-16 units. Findings are
// converted once per check (cpToUnits). While the writer types, marks are shifted by the edit
// (shiftFindings) until the debounced re-check answers.
"use strict";

(function () {
  const DEBOUNCE_MS = 350;
  // a work longer than this (UTF-16 units, about 25,000 words) with chapters is edited one chapter
  // at a time: a text box holding a whole novel re-lays out for every keystroke
  const LONG_WORK = 150000;
  const $ = (id) => document.getElementById(id);
  const ta = $("text");
  const backdrop = $("backdrop");

  const state = {
    review: null,          // {id, name, ...}
    shown: "",             // the text the marks in `findings` index (UTF-16 offsets)
    findings: [],          // [{...finding, s, e}] s/e in UTF-16 units of `shown`
    ignored: new Set(),
    ignoredInfo: [],
    ignoreEdits: 0,        // ignores and un-ignores made on this page (a check answer older than one is stale)
    selected: null,        // fingerprint of the open card
    summary: null,
    figures: [],
    seq: 0,                // the last check sent
    timer: null,
    docs: {},              // rule code -> docs (markdown text)
    filters: { kinds: new Set(["error", "craft"]), families: null },
    chartsFor: -1,
    view: null,            // {s, e}: the part of the text in the text box (a chapter of a long work), or null
    viewAuto: true,        // choose the view after the first check of a long work
  };

  // the view's bounds in the whole text (the text box holds state.shown.slice(vs(), ve()))
  function vs() { return state.view ? state.view.s : 0; }
  function ve() { return state.view ? state.view.e : state.shown.length; }

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("data-")) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) node.append(c);
    return node;
  }

  async function api(method, path, body, raw, keepalive) {
    const init = { method, headers: {}, keepalive: !!keepalive };
    if (raw !== undefined) {
      init.body = raw;
      init.headers["Content-Type"] = "application/octet-stream";
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    const r = await fetch(path, init);
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (!r.ok) {
      const msg = data && (data.error || (data.detail && JSON.stringify(data.detail))) || r.statusText;
      throw new Error(msg);
    }
    return data;
  }

  function status(msg) { $("status").textContent = msg; }

  function showError(msg) {
    const box = $("error");
    box.textContent = msg || "";
    box.hidden = !msg;
  }

  // code-point offsets -> UTF-16 offsets for `text`
  function cpToUnits(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (n) => n;
    const map = [];
    let u = 0;
    for (const ch of text) { map.push(u); u += ch.length; }
    map.push(u);
    return (n) => map[Math.min(n, map.length - 1)];
  }

  function family(code) { return code.slice(0, 3); }

  // an excerpt as the list shows it: short, and whitespace made visible (a stray space, a tab)
  function shownExcerpt(t) {
    if (!t.trim()) return t.replace(/ /g, "␣").replace(/\t/g, "⇥").replace(/\n/g, "↵");
    return t.length > 40 ? t.slice(0, 40) + "…" : t;
  }

  // the words around a finding in the text shown (within its line), for an excerpt too short to
  // find on its own: a lone "." or "," or a quotation mark
  function around(f, n) {
    const t = state.shown;
    let a = f.s, b = f.e;
    for (let i = 0; i < n && a > 0 && t[a - 1] !== "\n"; i++) a--;
    for (let i = 0; i < n && b < t.length && t[b] !== "\n"; i++) b++;
    return [(a > 0 && t[a - 1] !== "\n" ? "…" : "") + t.slice(a, f.s), t.slice(f.s, f.e),
      t.slice(f.e, b) + (b < t.length && t[b] !== "\n" ? "…" : "")];
  }

  function excerptNode(f, whole) {
    const ex = f.excerpt || "";
    if (ex.trim().length > 2 || /[\p{L}\p{N}]/u.test(ex) || f.s === undefined) {
      return el("span", { class: "excerpt", text: whole && ex.trim() ? ex : shownExcerpt(ex) });
    }
    const [before, mid, after] = around(f, 16);
    return el("span", { class: "excerpt" }, before, el("b", { text: mid.trim() ? mid : shownExcerpt(mid) }), after);
  }

  function visible(f) {
    if (state.ignored.has(f.fingerprint)) return false;
    if (!state.filters.kinds.has(f.kind)) return false;
    if (state.filters.families && !state.filters.families.has(family(f.code))) return false;
    return true;
  }

  // The edit that turned `before` into `after`: the common prefix `p`, where the changed part of
  // `before` ends (`oldEnd`), and how far everything after it moved (`delta`).
  function editBetween(before, after) {
    let p = 0;
    const max = Math.min(before.length, after.length);
    while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
    return { p: p, oldEnd: before.length - s, delta: after.length - before.length };
  }

  // Shift marks over an edit (see editBetween): marks before it stay, marks after it move, marks it
  // touched are dropped until the re-check answers.
  function shiftFindings(findings, before, after, edit) {
    if (before === after) return findings;
    const { p, oldEnd, delta } = edit || editBetween(before, after);
    const out = [];
    for (const f of findings) {
      let lo = f.s, hi = f.e;
      for (const x of (f.fix && f.fix.edits) || []) { lo = Math.min(lo, x._s); hi = Math.max(hi, x._e); }
      if (hi < p || (hi === p && lo < p)) out.push(f);
      else if (lo >= oldEnd && !(lo === oldEnd && hi === oldEnd && delta > 0 && p === oldEnd)) {
        const moved = Object.assign({}, f, { s: f.s + delta, e: f.e + delta });
        if (f.fix) moved.fix = Object.assign({}, f.fix, { edits: f.fix.edits.map((x) => Object.assign({}, x, { _s: x._s + delta, _e: x._e + delta })) });
        out.push(moved);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- drawing

  function render() {
    const s0 = vs(), e0 = ve();
    const text = state.shown.slice(s0, e0);
    const shown = state.findings.filter((f) => visible(f) && (f.e > s0 || f.s >= s0) && f.s < Math.max(e0, s0 + 1))
      .map((f) => (s0 ? Object.assign({}, f, { s: Math.max(f.s, s0) - s0, e: Math.min(f.e, e0) - s0 }) : f));
    const chapterStarts = ((state.summary && state.summary.chapters) || [])
      .filter((c) => c._s !== undefined && c._s >= s0 && c._s <= e0).map((c) => [c._s - s0, c.index]);
    // the mark shown at each place: errors over craft notes, short spans over long ones
    const bounds = new Set([0, text.length]);
    for (const f of shown) { bounds.add(f.s); bounds.add(f.e); }
    for (const [at] of chapterStarts) bounds.add(at);
    const points = [...bounds].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
    const rank = (f) => (f.kind === "error" ? 0 : 1e9) + (f.e - f.s);
    const starts = new Map(chapterStarts);
    const frag = document.createDocumentFragment();
    let active = [...shown].sort((a, b) => a.s - b.s);
    let k = 0;
    const open = [];
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      if (starts.has(a)) frag.append(el("span", { class: "anchor", id: "chapter-" + starts.get(a) }));
      while (k < active.length && active[k].s <= a) open.push(active[k++]);
      let best = null;
      for (let j = open.length - 1; j >= 0; j--) {
        const f = open[j];
        if (f.e <= a) { open.splice(j, 1); continue; }
        if (best === null || rank(f) < rank(best)) best = f;
      }
      const piece = text.slice(a, b);
      if (best) {
        const m = el("mark", { class: "k-" + best.kind + (best.fingerprint === state.selected ? " active" : "") }, piece);
        m.dataset.fp = best.fingerprint;
        frag.append(m);
      } else {
        frag.append(piece);
      }
    }
    frag.append("\u200b\n"); // keeps the last line's height when the text ends with a newline
    backdrop.replaceChildren(frag);
  }

  function renderList() {
    const list = $("finding-list");
    const shown = state.findings.filter(visible);
    $("count").textContent = "(" + shown.length + ")";
    const items = shown.slice(0, 1500).map((f) => {
      const li = el("li", { class: "k-" + f.kind + (f.fingerprint === state.selected ? " active" : "") },
        el("span", { class: "code", text: f.code }), " ",
        excerptNode(f), " ",
        el("span", { class: "msg", text: f.message }));
      li.dataset.fp = f.fingerprint;
      li.tabIndex = 0;
      return li;
    });
    if (shown.length > 1500) items.push(el("li", { class: "more", text: (shown.length - 1500) + " more: use the filters" }));
    list.replaceChildren(...items);
    $("ignored-count").textContent = String(state.ignoredInfo.length);
    $("ignored-list").replaceChildren(...state.ignoredInfo.map((i) => {
      const b = el("button", { type: "button", class: "link", text: "show again" });
      b.addEventListener("click", () => unignore(i.fingerprint));
      return el("li", {}, el("span", { class: "code", text: i.code }), " ", el("span", { class: "excerpt", text: i.excerpt }), " ", b);
    }));
  }

  function long() { return state.shown.length > LONG_WORK && ((state.summary && state.summary.chapters) || []).length >= 2; }

  function renderChapters() {
    const chapters = (state.summary && state.summary.chapters) || [];
    $("chapters").hidden = chapters.length < 2;
    const items = chapters.map((c) => {
      const b = el("button", { type: "button", class: "link", text: c.title || ("Chapter " + (c.index + 1)) });
      if (state.view && state.view.s === c._s) b.classList.add("current");
      b.addEventListener("click", () => (long() ? setView(c) : goTo(c._s, c._s)));
      const n = state.findings.filter((f) => visible(f) && f.s >= c._s && f.s < c._e).length;
      const label = n === 1 ? "1 finding" : n + " findings";
      const count = el("span", { class: "n", text: " · " + label });
      count.title = label + " in this chapter (with the filters above)";
      return el("li", {}, b, count);
    });
    if (long()) {
      const all = el("button", { type: "button", class: "link", text: "the whole story" });
      if (!state.view) all.classList.add("current");
      all.title = "Show every chapter at once (slower to type in)";
      all.addEventListener("click", () => setView(null));
      items.push(el("li", { class: "whole" }, all));
    }
    $("chapter-list").replaceChildren(...items);
  }

  // Show one chapter (or, with null, the whole text) in the text box.
  function setView(c) {
    state.viewAuto = false;
    state.view = c ? { s: c._s, e: Math.min(c._e, state.shown.length) } : null;
    ta.value = state.shown.slice(vs(), ve());
    ta.setSelectionRange(0, 0);
    render();
    renderChapters();
    $("editor-pane").scrollTop = 0;
  }

  // Make sure the whole-text offset `at` is in the text box (switching to its chapter).
  function ensureVisible(at) {
    if (!state.view || (at >= state.view.s && at <= state.view.e)) return;
    const c = ((state.summary && state.summary.chapters) || []).find((x) => at >= x._s && at < x._e);
    setView(c || null);
  }

  function renderLetter() {
    const s = state.summary || {};
    const quote = (line) => {
      const li = el("li", {}, line.text);
      if (line.example && line.example.text) {
        const q = el("q", { class: "example", text: line.example.text });
        q.title = "Show it in the story";
        q.addEventListener("click", () => {
          const u = cpToUnits(state.shown);
          goTo(u(line.example.start), u(line.example.end));
        });
        li.append(" ", q);
      }
      return li;
    };
    const none = (text) => [el("li", { class: "note", text: text })];
    $("strengths").replaceChildren(...((s.strengths || []).length ? s.strengths.map(quote)
      : none("Nothing measured to praise yet: most strengths need a few hundred words of story.")));
    $("priorities").replaceChildren(...((s.priorities || []).length ? s.priorities.map(quote)
      : none("Nothing stands out to work on.")));
    const dl = $("figures");
    dl.replaceChildren();
    for (const [k, v] of state.figures) dl.append(el("dt", { text: k }), el("dd", { text: v }));
    if (!$("tab-letter").hidden) loadCharts();
  }

  function loadCharts() {
    if (!state.review || state.chartsFor === state.seq) return;
    state.chartsFor = state.seq;
    const box = $("charts");
    box.replaceChildren();
    for (const [name, title] of [["sentence-length", "Sentence length across the story"],
      ["dialogue-share", "Dialogue share per chapter or scene"], ["overused", "Most overused words"]]) {
      if (!(state.charts || []).includes(name)) continue; // nothing to show: not asked for
      const img = el("img", { alt: title });
      img.title = "Click to see it large";
      img.addEventListener("error", () => fig.remove());
      img.src = "/api/reviews/" + state.review.id + "/charts/" + name + ".svg?v=" + state.seq;
      const fig = el("figure", { class: "chart" }, el("figcaption", { text: title }), img);
      fig.addEventListener("click", () => fig.classList.toggle("zoom"));
      box.append(fig);
    }
  }

  function renderDictionary(words) {
    $("word-list").replaceChildren(...words.map((w) => {
      const b = el("button", { type: "button", class: "link", text: "remove" });
      b.addEventListener("click", async () => {
        await api("DELETE", "/api/dictionary/" + encodeURIComponent(w));
        await refreshDictionary();
        checkNow();
      });
      return el("li", {}, el("span", { text: w }), " ", b);
    }));
  }

  async function refreshDictionary() {
    renderDictionary(await api("GET", "/api/dictionary"));
  }

  // ---------------------------------------------------------------- the card

  function findingByFp(fp) { return state.findings.find((f) => f.fingerprint === fp) || null; }

  function select(fp, scroll) {
    state.selected = fp;
    const f = fp && findingByFp(fp);
    const card = $("card");
    if (!f) { card.hidden = true; render(); renderList(); return; }
    card.hidden = false;
    card.dataset.fp = f.fingerprint;
    card.className = "k-" + f.kind;
    $("card-code").textContent = f.code;
    $("card-name").textContent = f.name;
    $("card-kind").textContent = f.kind === "error" ? "error" : "craft note";
    $("card-excerpt").replaceChildren(excerptNode(f, true));
    $("card-message").textContent = f.message;
    renderFixPreview(f);
    const actions = $("card-actions");
    actions.replaceChildren();
    if (f.fix && f.fix.edits.length) {
      const b = el("button", { type: "button", id: "accept", class: "primary",
        text: "Accept" + (f.fix.applicability === "unsafe" ? " (check it)" : "") });
      b.title = describeFix(f);
      b.addEventListener("click", () => accept(f));
      actions.append(b);
    }
    // the fix already is the first suggestion; the others replace the marked words
    for (const sug of (f.suggestions || []).slice(f.fix && f.fix.edits.length ? 1 : 0, 5)) {
      if (f.kind !== "error" || sug === f.excerpt) continue;
      const b = el("button", { type: "button", class: "suggestion", text: sug === "" ? "delete it" : "→ " + sug });
      b.addEventListener("click", () => replaceWith(f, sug));
      actions.append(b);
    }
    const ig = el("button", { type: "button", id: "ignore", text: "Ignore" });
    ig.title = "Hide this one (it stays hidden when you edit elsewhere)";
    ig.addEventListener("click", () => ignore(f));
    actions.append(ig);
    if (f.code.startsWith("SPL") && /^[\p{L}][\p{L}'’.-]*$/u.test(f.excerpt)) {
      const add = el("button", { type: "button", id: "add-word", text: "Add “" + f.excerpt + "” to dictionary" });
      add.addEventListener("click", () => addWord(f.excerpt));
      actions.append(add);
    }
    showDocs(f.code);
    render();
    renderList();
    if (scroll) {
      if (state.view && (f.s < state.view.s || f.s > state.view.e)) { ensureVisible(f.s); render(); }
      const m = backdrop.querySelector('mark[data-fp="' + CSS.escape(fp) + '"]');
      if (m) m.scrollIntoView({ block: "center", behavior: "smooth" });
      const li = $("finding-list").querySelector('li[data-fp="' + CSS.escape(fp) + '"]');
      if (li) li.scrollIntoView({ block: "nearest" });
    }
  }

  // What Accept will change, before → after, with a few words around it: every edit of the fix
  // (DLG001's comma and its lowercased tag alike)
  function renderFixPreview(f) {
    const box = $("card-fix");
    if (!f.fix || !f.fix.edits.length) { box.hidden = true; box.replaceChildren(); return; }
    const t = state.shown;
    const edits = [...f.fix.edits].sort((x, y) => x._s - y._s);
    let lo = Math.max(0, edits[0]._s - 24), hi = Math.min(t.length, edits[edits.length - 1]._e + 24);
    const nl = t.lastIndexOf("\n", edits[0]._s - 1);
    if (nl >= lo) lo = nl + 1; // within the paragraph
    const nr = t.indexOf("\n", edits[edits.length - 1]._e);
    if (nr >= 0 && nr < hi) hi = nr;
    while (lo > 0 && t[lo - 1] !== "\n" && !/\s/.test(t[lo - 1]) && edits[0]._s - lo < 40) lo--;
    while (hi < t.length && t[hi] !== "\n" && !/\s/.test(t[hi]) && hi - edits[edits.length - 1]._e < 40) hi++;
    const before = el("span", { class: "before" }), after = el("span", { class: "after" });
    let pos = lo;
    for (const x of edits) {
      const same = t.slice(pos, x._s);
      before.append(same);
      after.append(same);
      if (x._e > x._s) before.append(el("del", { text: t.slice(x._s, x._e) }));
      if (x.text) after.append(el("ins", { text: x.text }));
      pos = x._e;
    }
    before.append(t.slice(pos, hi));
    after.append(t.slice(pos, hi));
    const cut = (node) => {
      if (lo > 0 && t[lo - 1] !== "\n") node.prepend("…");
      if (hi < t.length && t[hi] !== "\n") node.append("…");
      return node;
    };
    after.prepend(el("span", { class: "arrow", text: "→ " }));
    box.replaceChildren(el("span", { class: "label", text: "Accept changes" }), cut(before), cut(after));
    box.hidden = false;
  }

  function describeFix(f) {
    return f.fix.edits.map((e) => {
      const before = state.shown.slice(e._s, e._e);
      return (before ? "“" + before + "”" : "insert") + " → " + (e.text ? "“" + e.text + "”" : "nothing");
    }).join("; ");
  }

  // A rule's Markdown, inline: `code` as <code>, **bold** and *italics*; built as nodes (the
  // documentation is ours, but it is never parsed as HTML all the same)
  function inlineMarkdown(text) {
    const out = [];
    const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;
    let pos = 0, m;
    while ((m = re.exec(text))) {
      out.push(text.slice(pos, m.index));
      if (m[1] !== undefined) out.push(el("code", { text: m[1] }));
      else if (m[2] !== undefined) out.push(el("strong", { text: m[2] }));
      else out.push(el("em", { text: m[3] }));
      pos = re.lastIndex;
    }
    out.push(text.slice(pos));
    return out.filter((x) => x !== "");
  }

  async function showDocs(code) {
    const why = $("card-why"), body = $("card-docs-body");
    if (!(code in state.docs)) {
      why.replaceChildren();
      body.replaceChildren();
      try { state.docs[code] = (await api("GET", "/api/rules/" + encodeURIComponent(code))).docs || ""; }
      catch (e) { state.docs[code] = ""; }
    }
    const f = findingByFp(state.selected);
    if (!f || f.code !== code) return;
    const sections = {};
    let cur = "intro";
    for (const line of state.docs[code].split("\n")) {
      const h = /^##\s+(.*)/.exec(line);
      if (h) { cur = h[1].trim().toLowerCase(); continue; }
      (sections[cur] = sections[cur] || []).push(line);
    }
    const paras = (lines) => (lines || []).join("\n").split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
      .map((p) => el("p", {}, ...inlineMarkdown(p.replace(/\s*\n\s*/g, " "))));
    why.replaceChildren(el("h3", { text: "Why it matters" }), ...paras(sections["why it matters"]));
    body.replaceChildren();
    for (const [name, lines] of Object.entries(sections)) {
      if (name === "why it matters") continue;
      if (name !== "intro") body.append(el("h4", { text: name[0].toUpperCase() + name.slice(1) }));
      body.append(...paras(lines));
    }
  }

  // ---------------------------------------------------------------- actions

  function applyEdits(edits) {
    // edits: [{s, e, text}] in UTF-16 units of the whole text, applied from the end. Each goes
    // through the browser's own editing (insertText), so Ctrl+Z undoes an accepted fix.
    if (!edits.length) return;
    ensureVisible(Math.min(...edits.map((x) => x.s)));
    const off = vs();
    ta.focus({ preventScroll: true });
    for (const ed of [...edits].sort((a, b) => b.s - a.s)) {
      const s0 = ed.s - off, e0 = ed.e - off;
      const before = ta.value;
      const want = before.slice(0, s0) + ed.text + before.slice(e0);
      ta.setSelectionRange(s0, e0);
      try { document.execCommand(ed.text ? "insertText" : "delete", false, ed.text); } catch (e) { /* below */ }
      if (ta.value !== want) { // no editing command here: set the text (no undo, but the right text)
        ta.value = want;
        onEdited();
      }
    }
    const pos = Math.min(...edits.map((x) => x.s)) - off;
    ta.setSelectionRange(pos, pos);
  }

  async function accept(f) {
    f = findingByFp(f.fingerprint) || f; // its offsets as shifted by any typing since
    const edits = f.fix.edits.map((e) => ({ s: e._s, e: e._e, text: e.text }));
    const before = f.excerpt;
    applyEdits(edits);
    select(null);
    api("POST", "/api/reviews/" + state.review.id + "/accepted",
      { code: f.code, before: before, after: f.fix.edits.map((e) => e.text).join(" … ") }).catch(() => {});
    await checkNow();
  }

  async function replaceWith(f, text) {
    f = findingByFp(f.fingerprint) || f;
    applyEdits([{ s: f.s, e: f.e, text: text }]);
    select(null);
    api("POST", "/api/reviews/" + state.review.id + "/accepted", { code: f.code, before: f.excerpt, after: text }).catch(() => {});
    await checkNow();
  }

  async function ignore(f) {
    await api("POST", "/api/reviews/" + state.review.id + "/ignore",
      { fingerprint: f.fingerprint, code: f.code, excerpt: f.excerpt.slice(0, 2000) });
    state.ignoreEdits++;
    state.ignored.add(f.fingerprint);
    state.ignoredInfo.push({ fingerprint: f.fingerprint, code: f.code, excerpt: f.excerpt });
    select(null);
    renderChapters();
    await checkNow(); // the counts and the letter, asked again without it
  }

  async function unignore(fp) {
    await api("DELETE", "/api/reviews/" + state.review.id + "/ignore/" + fp);
    state.ignoreEdits++;
    state.ignored.delete(fp);
    state.ignoredInfo = state.ignoredInfo.filter((i) => i.fingerprint !== fp);
    render();
    renderList();
    renderChapters();
    await checkNow(); // the server had left it out: it comes back with the counts and the letter
  }

  async function addWord(word) {
    try {
      await api("POST", "/api/dictionary", { word: word });
    } catch (e) { showError(e.message); return; }
    select(null);
    await refreshDictionary();
    await checkNow();
  }

  function goTo(s, e) {
    ensureVisible(s);
    s -= vs();
    e -= vs();
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(s, e);
    const marker = el("span", { class: "anchor" });
    // find the place in the backdrop: walk its text to offset s
    let left = s;
    const walker = document.createTreeWalker(backdrop, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (left <= node.length) {
        const range = document.createRange();
        range.setStart(node, left);
        range.insertNode(marker);
        break;
      }
      left -= node.length;
    }
    marker.scrollIntoView({ block: "center" });
    marker.remove();
    backdrop.normalize();
  }

  // ---------------------------------------------------------------- checking

  function onEdited() {
    const now = state.view ? state.shown.slice(0, state.view.s) + ta.value + state.shown.slice(state.view.e) : ta.value;
    if (state.view) state.view.e = state.view.s + ta.value.length;
    const edit = editBetween(state.shown, now);
    if (!state.view && now.length - state.shown.length > 10000) state.viewAuto = true; // a paste: choose the view again
    state.findings = shiftFindings(state.findings, state.shown, now, edit);
    for (const c of (state.summary && state.summary.chapters) || []) {
      if (c._s >= edit.oldEnd) { c._s += edit.delta; c._e += edit.delta; }
      else if (c._e > edit.p) c._e += edit.delta;
    }
    state.shown = now;
    if (state.selected && !findingByFp(state.selected)) select(null);
    // one redraw per frame however fast the writer types
    if (!state.frame) state.frame = requestAnimationFrame(() => { state.frame = 0; render(); });
    status("editing…");
    clearTimeout(state.timer);
    state.timer = setTimeout(checkNow, DEBOUNCE_MS);
  }

  async function checkNow(keepalive) {
    clearTimeout(state.timer);
    state.timer = null;
    if (!state.review) return;
    const seq = ++state.seq;
    const sent = state.shown; // the whole text (the text box may hold one chapter of it)
    const rid = state.review.id;
    const ignoreEdits = state.ignoreEdits;
    let data;
    try {
      data = await api("POST", "/api/reviews/" + rid + "/check", { text: sent }, undefined, keepalive === true);
    } catch (e) {
      if (seq === state.seq) { status(""); showError("Could not check the story: " + e.message); }
      return;
    }
    if (seq !== state.seq || !state.review || state.review.id !== rid) return; // a newer check is on its way
    showError("");
    const u = cpToUnits(sent);
    const file = data.file;
    let findings = file.findings.map((f) => Object.assign(f, {
      s: u(f.start), e: u(f.end),
      fix: f.fix && Object.assign(f.fix, { edits: f.fix.edits.map((x) => Object.assign(x, { _s: u(x.start), _e: u(x.end) })) }),
    }));
    const summary = file.summary;
    for (const c of summary.chapters || []) { c._s = u(c.start); c._e = u(c.end); }
    if (sent !== state.shown) { // the writer typed meanwhile: move the answer over those edits
      const edit = editBetween(sent, state.shown);
      findings = shiftFindings(findings, sent, state.shown, edit);
      for (const c of summary.chapters || []) {
        if (c._s >= edit.oldEnd) { c._s += edit.delta; c._e += edit.delta; } else if (c._e > edit.p) c._e += edit.delta;
      }
    }
    state.findings = findings;
    state.summary = summary;
    state.figures = data.figures || [];
    state.charts = data.charts || [];
    if (data.name && data.name !== state.review.name) state.review.name = data.name;
    if (state.pickerFor !== state.review.name + "\u0000" + sent.length) refreshPicker().catch(() => {}); // its name and size
    if (ignoreEdits === state.ignoreEdits) state.ignored = new Set(data.ignored);
    const errors = findings.filter((f) => f.kind === "error" && !state.ignored.has(f.fingerprint)).length;
    const craft = findings.filter((f) => f.kind === "craft" && !state.ignored.has(f.fingerprint)).length;
    const plural = (n, w) => n + " " + w + (n === 1 ? "" : "s");
    status(file.words.toLocaleString() + " words · " + plural(errors, "error") + " · " + plural(craft, "craft note") + " · checked in " +
      Math.round(data.ms) + " ms · " + (state.persistent ? "saved" : "kept until the server stops"));
    if (state.viewAuto && long()) setView(summary.chapters[0]); // a long work opened or pasted: chapter 1
    else if (state.shown) state.viewAuto = false; // a story that grows long as it is typed keeps its view
    document.body.dataset.checked = String(seq);
    if (state.selected && !findingByFp(state.selected)) state.selected = null;
    if (state.selected) select(state.selected, false); // refreshes the card, and draws the marks and list
    else { render(); renderList(); }
    renderChapters();
    renderLetter();
  }

  // ---------------------------------------------------------------- reviews

  async function openReview(review) {
    state.review = review;
    state.seq++;
    state.findings = [];
    state.summary = null;
    state.selected = null;
    state.ignored = new Set(review.ignored.map((i) => i.fingerprint));
    state.ignoredInfo = review.ignored.slice();
    state.view = null;
    state.viewAuto = true;
    ta.value = review.text;
    state.shown = review.text;
    $("card").hidden = true;
    history.replaceState(null, "", "#review=" + review.id);
    render();
    renderList();
    await refreshPicker();
    await checkNow();
  }

  async function refreshPicker() {
    if (state.review) state.pickerFor = state.review.name + "\u0000" + state.shown.length;
    const reviews = await api("GET", "/api/reviews");
    const picker = $("review-picker");
    picker.replaceChildren(...reviews.map((r) => {
      const o = el("option", { value: r.id, text: r.name + " (" + r.characters.toLocaleString() + " characters)" });
      if (state.review && r.id === state.review.id) o.selected = true;
      return o;
    }));
  }

  async function importFile(file) {
    showError("");
    status("reading " + file.name + "…");
    try {
      const buf = await file.arrayBuffer();
      const review = await api("POST", "/api/reviews/import?name=" + encodeURIComponent(file.name), undefined, buf);
      await openReview(review);
    } catch (e) {
      status("");
      showError(e.message);
    }
  }

  async function start() {
    const st = await api("GET", "/api/state");
    state.persistent = st.persistent;
    $("store-note").textContent = st.persistent
      ? "Your reviews are kept on this computer in " + st.path + "."
      : "Nothing is written to disk (--no-store): your work lasts until the server stops.";
    renderDictionary(st.words);
    const wanted = /#review=([0-9a-f]+)/.exec(location.hash);
    let review = null;
    if (wanted) { try { review = await api("GET", "/api/reviews/" + wanted[1]); } catch (e) { review = null; } }
    if (!review && st.reviews.length) review = await api("GET", "/api/reviews/" + st.reviews[0].id);
    if (!review) review = await api("POST", "/api/reviews/sample");
    await openReview(review);
  }

  // ---------------------------------------------------------------- wiring

  ta.addEventListener("input", onEdited);
  ta.addEventListener("scroll", () => { backdrop.scrollTop = ta.scrollTop; });

  function pick() {
    if (ta.selectionEnd !== ta.selectionStart) return;
    const pos = ta.selectionStart + vs();
    let best = null;
    for (const f of state.findings) {
      if (!visible(f) || f.s > pos || f.e < pos) continue;
      if (f.e === pos && f.s !== f.e) continue;
      if (!best || (f.kind === "error") > (best.kind === "error") ||
        ((f.kind === "error") === (best.kind === "error") && f.e - f.s < best.e - best.s)) best = f;
    }
    if (best && best.fingerprint !== state.selected) select(best.fingerprint, false);
  }
  ta.addEventListener("click", (ev) => {
    // the mark under the pointer (the backdrop lies under the textarea: elementsFromPoint sees it)
    const mark = document.elementsFromPoint(ev.clientX, ev.clientY)
      .find((node) => node.tagName === "MARK" && backdrop.contains(node));
    if (mark && ta.selectionStart === ta.selectionEnd) {
      if (mark.dataset.fp !== state.selected) select(mark.dataset.fp, false);
      return;
    }
    pick();
  });
  ta.addEventListener("keyup", (ev) => { if (ev.key.startsWith("Arrow") || ev.key === "Home" || ev.key === "End") pick(); });

  $("finding-list").addEventListener("click", (ev) => {
    const li = ev.target.closest("li[data-fp]");
    if (!li) return;
    const f = findingByFp(li.dataset.fp);
    if (f) { select(f.fingerprint, true); }
  });
  $("finding-list").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const li = ev.target.closest("li[data-fp]"); if (li) select(li.dataset.fp, true); }
  });
  $("card-close").addEventListener("click", () => select(null));

  // the next (or previous) shown finding after the open one, or after the caret
  function step(dir) {
    const shown = state.findings.filter(visible).sort((a, b) => a.s - b.s || a.e - b.e);
    if (!shown.length) return;
    const n = shown.length;
    const cur = state.selected ? shown.findIndex((f) => f.fingerprint === state.selected) : -1;
    let next;
    if (cur >= 0) next = (cur + dir + n) % n;
    else { // from the caret: the first finding at or after it, or the last one before it
      const at = vs() + ta.selectionStart;
      let i = shown.findIndex((f) => f.s >= at);
      if (i < 0) i = n;
      next = dir > 0 ? i % n : (i - 1 + n) % n;
    }
    select(shown[next].fingerprint, true);
  }
  $("card-next").addEventListener("click", () => step(1));
  $("card-prev").addEventListener("click", () => step(-1));
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "F8") { ev.preventDefault(); step(ev.shiftKey ? -1 : 1); }
  });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") select(null); });

  $("filters").addEventListener("change", () => {
    state.filters.kinds = new Set([...document.querySelectorAll("#filters input[data-kind]:checked")].map((i) => i.dataset.kind));
    state.filters.families = new Set([...document.querySelectorAll("#filters input[data-family]:checked")].map((i) => i.dataset.family));
    if (state.selected && !visible(findingByFp(state.selected) || {})) state.selected = null;
    select(state.selected);
    renderChapters();
  });

  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => {
      for (const t of document.querySelectorAll("[role=tab]")) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        $("tab-" + t.dataset.tab).hidden = !on;
      }
      if (tab.dataset.tab === "letter") loadCharts();
    });
  }

  $("review-picker").addEventListener("change", async (ev) => {
    await openReview(await api("GET", "/api/reviews/" + ev.target.value));
  });
  $("new-review").addEventListener("click", async () => {
    await openReview(await api("POST", "/api/reviews", { text: "" })); // "Untitled N" until it has words
    ta.focus();
  });
  $("open-file").addEventListener("click", () => $("file-input").click());
  $("file-input").addEventListener("change", (ev) => { if (ev.target.files.length) importFile(ev.target.files[0]); ev.target.value = ""; });

  let dragDepth = 0;
  document.addEventListener("dragenter", (ev) => { if (ev.dataTransfer && [...ev.dataTransfer.types].includes("Files")) { dragDepth++; $("drop-hint").hidden = false; } });
  document.addEventListener("dragleave", () => { dragDepth = Math.max(0, dragDepth - 1); if (!dragDepth) $("drop-hint").hidden = true; });
  document.addEventListener("dragover", (ev) => { if (ev.dataTransfer && [...ev.dataTransfer.types].includes("Files")) ev.preventDefault(); });
  document.addEventListener("drop", (ev) => {
    dragDepth = 0;
    $("drop-hint").hidden = true;
    if (ev.dataTransfer && ev.dataTransfer.files.length) { ev.preventDefault(); importFile(ev.dataTransfer.files[0]); }
  });

  $("export").addEventListener("click", async () => {
    if (!state.review) return;
    await checkNow(); // the server keeps the text as of the last check: make it the current text
    const a = el("a", { href: "/api/reviews/" + state.review.id + "/export?format=" + $("export-format").value });
    a.setAttribute("download", "");
    document.body.append(a);
    a.click();
    a.remove();
  });

  $("word-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const w = $("word-input").value.trim();
    if (w) { $("word-input").value = ""; addWord(w); }
  });

  $("delete-all").addEventListener("click", async () => {
    if (!confirm("Delete every saved review, ignored finding, accepted fix and taught word? This cannot be undone.")) return;
    await api("DELETE", "/api/store");
    state.review = null;
    await refreshDictionary();
    await openReview(await api("POST", "/api/reviews/sample"));
    status("Your data was deleted.");
  });

  window.addEventListener("beforeunload", () => {
    // the text is saved with every check; send the last keystrokes too
    if (state.review && state.timer) checkNow(true);
  });

  start().catch((e) => showError("The page could not start: " + e.message));
})();
