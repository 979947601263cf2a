// The review app's page: lists the facts a page at a time, shows their source, and sends every
// decision to the server at once. Source text is only ever put in the page as text (textContent).
"use strict";

const TOKEN = new URLSearchParams(location.search).get("t") || "";
const $ = (selector) => document.querySelector(selector);
const state = {filters: {}, page: 1, size: 50, total: 0, facts: [], focus: -1, source: null, choices: null,
               sources: []};

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : String(v));
  }
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function vn(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

async function api(path, body, raw) {
  const options = {headers: {"X-Reportgen-Token": TOKEN}};
  if (body !== undefined) {
    options.method = "POST";
    if (raw) options.body = body;
    else { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({error: "Máy chủ không trả lời đúng"}));
  if (!response.ok) throw new Error(data.error || "Lỗi " + response.status);
  return data;
}

let statusTimer = null;
function say(message, error) {
  const box = $("#status");
  box.textContent = message;
  box.className = message ? "show" + (error ? " error" : "") : "";
  clearTimeout(statusTimer);
  if (message && !error) statusTimer = setTimeout(() => say(""), 4000);
}

// -- overview: progress, sources, filter lists ---------------------------------------------

function fillSelect(select, items, keepFirst) {
  const first = keepFirst ? select.options[0] : null;
  select.textContent = "";
  if (first) select.appendChild(first);
  for (const item of items) select.appendChild(el("option", {value: item.value}, item.text));
}

async function loadOverview() {
  const data = await api("/api/overview" + (state.choices ? "?choices=0" : ""));
  state.sources = data.sources;
  $("#reviewer").textContent = "Người rà soát: " + data.reviewer;
  const p = data.progress;
  $("#progress").max = Math.max(1, p.facts);
  $("#progress").value = p.reviewed;
  const pct = p.facts ? (100 * p.reviewed / p.facts).toFixed(1).replace(".", ",") : "0";
  $("#progress-text").textContent = `Đã rà soát ${vn(p.reviewed)}/${vn(p.facts)} số liệu (${pct}%) · ${vn(p.doubtful)} nghi ngờ`;
  if (!state.choices) {
    state.choices = data.choices;
    const form = $("#filters");
    fillSelect(form.unit, data.choices.units, true);
    fillSelect(form.province, data.choices.provinces.map((p) => ({value: p, text: p})), true);
    fillSelect(form.metric, data.choices.metrics.filter((m) => m.used), true);
    const edit = $("#edit-form");
    fillSelect(edit.metric, [{value: "", text: "— chọn chỉ tiêu —"}, ...data.choices.metrics]);
    fillSelect(edit.qualifier, data.choices.qualifiers);
    fillSelect(edit.period_kind, data.choices.periods);
    fillSelect(edit.unit_kind, data.choices.kinds.map((k) => ({value: k, text: k})));
  }
  renderSources();
}

function renderSources() {
  const list = $("#source-list");
  list.textContent = "";
  $("#source-count").textContent = `(${vn(state.sources.length)})`;
  const all = el("li", {class: state.filters.source ? "" : "active", "data-path": ""});
  all.appendChild(el("span", {class: "name"}, "Tất cả nguồn"));
  list.appendChild(all);
  for (const s of state.sources) {
    const item = el("li", {class: state.filters.source === s.path ? "active" : "", "data-path": s.path,
                           title: s.path});
    item.appendChild(el("span", {class: "name"}, s.unit_name ? `${s.unit_kind} ${s.unit_name}` : s.path));
    item.appendChild(el("span", {class: "counts"},
      `${vn(s.facts)} số liệu · ${vn(s.doubtful)} nghi ngờ · ${vn(s.findings)} cảnh báo · ${vn(s.reviewed)}/${vn(s.facts)} đã rà soát`
      + (s.stale ? ` · ${vn(s.stale)} cần rà soát lại` : "")));
    const bar = el("div", {class: "bar"});
    const fill = el("span");
    fill.style.width = (s.facts ? 100 * s.reviewed / s.facts : 0) + "%";
    bar.appendChild(fill);
    item.appendChild(bar);
    list.appendChild(item);
  }
}

// -- the list of facts ---------------------------------------------------------------------

function query() {
  const params = new URLSearchParams({page: state.page, size: state.size});
  for (const [k, v] of Object.entries(state.filters)) if (v) params.set(k, v);
  return params.toString();
}

async function loadFacts(keepFocus) {
  const data = await api("/api/facts?" + query());
  state.total = data.total;
  state.facts = data.facts;
  const pages = Math.max(1, Math.ceil(data.total / data.size));
  if (state.page > pages) { state.page = pages; return loadFacts(); }
  $("#total").textContent = `${vn(data.total)} số liệu (nghi ngờ xếp trước)`;
  $("#page-text").textContent = `Trang ${vn(state.page)}/${vn(pages)}`;
  $("#prev-page").disabled = state.page <= 1;
  $("#next-page").disabled = state.page >= pages;
  renderFacts();
  if (state.facts.length) focusFact(keepFocus ? Math.min(Math.max(state.focus, 0), state.facts.length - 1) : 0);
  else state.focus = -1;
}

function factCard(f, index) {
  const card = el("li", {class: `fact s-${f.state || "none"}${f.doubtful ? " doubtful" : ""}`, "data-id": f.id,
                         "data-index": index, tabindex: -1});
  const line1 = el("div", {class: "line1"});
  line1.appendChild(el("span", {class: "metric"}, f.metric_name));
  line1.appendChild(el("span", {class: "value"}, f.value_text));
  line1.appendChild(el("span", {class: "year"}, f.period_text || f.year || "không rõ năm"));
  card.appendChild(line1);
  const line2 = el("div", {class: "line2"});
  line2.appendChild(el("span", {}, f.unit_text + (f.province ? ", " + f.province : "") + " · "));
  line2.appendChild(el("span", {class: "conf" + (f.doubtful ? " low" : "")}, "tin cậy " + f.confidence_text));
  if (f.findings) line2.appendChild(el("span", {class: "warn"}, ` · ⚠ ${f.findings} cảnh báo`));
  line2.appendChild(el("span", {}, " · "));
  line2.appendChild(el("span", {class: "state"}, f.state_text + (f.change_text ? ": " + f.change_text : "")));
  if (f.note) line2.appendChild(el("span", {class: "note"}, " — " + f.note));
  card.appendChild(line2);
  const actions = el("div", {class: "actions"});
  actions.appendChild(el("button", {type: "button", "data-act": "accept", title: "Chấp nhận (A)"}, "Chấp nhận"));
  actions.appendChild(el("button", {type: "button", "data-act": "reject", title: "Loại (X)"}, "Loại"));
  actions.appendChild(el("button", {type: "button", "data-act": "edit", title: "Sửa (E)"}, "Sửa"));
  card.appendChild(actions);
  return card;
}

function renderFacts() {
  const list = $("#facts");
  list.textContent = "";
  state.facts.forEach((f, i) => list.appendChild(factCard(f, i)));
}

async function focusFact(index) {
  if (index < 0 || index >= state.facts.length) return;
  state.focus = index;
  document.querySelectorAll(".fact.focus").forEach((n) => n.classList.remove("focus"));
  const card = $(`#facts [data-index="${index}"]`);
  card.classList.add("focus");
  card.scrollIntoView({block: "nearest"});
  const f = state.facts[index];
  if (!state.source || state.source.path !== f.source) await loadSource(f.source);
  highlight(f.id, true);
}

// -- the source text -----------------------------------------------------------------------

async function loadSource(path) {
  const data = await api("/api/source?path=" + encodeURIComponent(path));
  state.source = data;
  $("#source-title").textContent = data.title;
  $("#source-meta").textContent = `${data.unit}${data.province ? ", " + data.province : ""} · ${data.path}`;
  const findings = $("#source-findings");
  findings.textContent = "";
  for (const f of data.findings) {
    findings.appendChild(el("li", {}, `${f.line ? "dòng " + f.line + ": " : ""}${f.message}`));
  }
  $("#source-stale").textContent = data.stale.length
    ? `${data.stale.length} quyết định trước đây không còn khớp nguồn (văn bản đã thay đổi): hãy rà soát lại.` : "";
  renderText(data);
}

function renderText(src) {
  const box = $("#text");
  box.textContent = "";
  const chars = Array.from(src.text);  // offsets are in code points, as the server counts them
  const spans = src.facts.filter((f) => f.start !== null && f.end !== null);
  const cuts = [...new Set([0, chars.length, ...spans.map((f) => f.start), ...spans.map((f) => f.end)])]
    .filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const covering = spans.filter((f) => f.start <= a && b <= f.end);
    const piece = chars.slice(a, b).join("");
    if (!covering.length) { box.appendChild(el("span", {"data-start": a}, piece)); continue; }
    const top = covering[covering.length - 1];
    const mark = el("mark", {"data-start": a, "data-facts": covering.map((f) => f.id).join(" "),
                             class: `s-${top.state || "none"}${covering.some((f) => f.findings) ? " warned" : ""}`,
                             title: covering.map((f) => `${f.metric_name}: ${f.value_text}`).join("; ")}, piece);
    box.appendChild(mark);
  }
}

function highlight(id, scroll) {
  document.querySelectorAll("#text mark.focus").forEach((m) => m.classList.remove("focus"));
  const marks = [...document.querySelectorAll("#text mark")].filter((m) => m.dataset.facts.split(" ").includes(id));
  marks.forEach((m) => m.classList.add("focus"));
  if (scroll && marks.length) marks[0].scrollIntoView({block: "center"});
}

function offsetOf(node, offset) {
  const box = $("#text");
  if (node === box) {
    const child = box.childNodes[offset];
    return child ? Number(child.dataset.start) : Array.from(state.source.text).length;
  }
  const host = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const seg = host && host.closest("[data-start]");
  if (!seg || !box.contains(seg)) return null;
  const before = node.nodeType === Node.TEXT_NODE ? node.textContent.slice(0, offset) : (offset ? seg.textContent : "");
  return Number(seg.dataset.start) + Array.from(before).length;
}

function selectionSpan() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !state.source) return null;
  const range = sel.getRangeAt(0);
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const chars = Array.from(state.source.text);
  while (start < end && /\s/.test(chars[start])) start++;
  while (end > start && /\s/.test(chars[end - 1])) end--;
  if (end <= start) return null;
  return {start, end, text: chars.slice(start, end).join(""), rect: range.getBoundingClientRect()};
}

// -- decisions -----------------------------------------------------------------------------

function replaceFact(fact) {
  const i = state.facts.findIndex((f) => f.id === fact.id);
  if (i < 0) return;
  state.facts[i] = fact;
  const old = $(`#facts [data-index="${i}"]`);
  const card = factCard(fact, i);
  if (old.classList.contains("focus")) card.classList.add("focus");
  old.replaceWith(card);
}

async function refreshAfterChange(fact) {
  if (fact) replaceFact(fact);
  if (state.source) await loadSource(state.source.path);
  if (state.focus >= 0 && state.facts[state.focus]) highlight(state.facts[state.focus].id, false);
  await loadOverview();
}

async function decide(action, extra) {
  const f = state.facts[state.focus];
  if (!f) return;
  try {
    const data = await api("/api/decide", {fact_id: f.id, action, ...(extra || {})});
    await refreshAfterChange(data.fact);
    if (!data.fact) await loadFacts(true);
    say({accept: "Đã chấp nhận", reject: "Đã loại", correct: "Đã lưu sửa đổi"}[action] + ": " + f.metric_name);
    if (action !== "correct" && state.focus + 1 < state.facts.length) focusFact(state.focus + 1);
    return true;
  } catch (err) { say(err.message, true); return false; }
}

async function undo() {
  try {
    const data = await api("/api/undo", {});
    await loadFacts(true);
    await refreshAfterChange(null);
    say(data.restored ? `Đã hoàn tác (${vn(data.restored)} số liệu)` : "Không còn gì để hoàn tác");
  } catch (err) { say(err.message, true); }
}

async function acceptAll() {
  const threshold = $("#threshold").value.trim().replace(",", ".");
  try {
    const data = await api("/api/accept-all", {filters: state.filters, min_confidence: threshold});
    await loadFacts(true);
    await refreshAfterChange(null);
    say(`Đã chấp nhận ${vn(data.accepted)} số liệu có độ tin cậy ≥ ${$("#threshold").value.trim()}`);
  } catch (err) { say(err.message, true); }
}

// -- the edit form: correct a fact, or add one from a selection -----------------------------

let editing = null;

function periodOf(form) {
  const kind = form.period_kind.value;
  if (kind === "year") return editing.fact && editing.fact.period ? {kind: "year", start: form.year.value, end: form.year.value} : null;
  return {kind, start: form.period_start.value || form.year.value, end: form.period_end.value, label: form.period_label.value};
}

function showPeriodExtras() {
  const kind = $("#edit-form").period_kind.value;
  // from and to years for a part-year or a term; the wording for any period but a plain year
  document.querySelectorAll(".period-extra").forEach((n, i) => {
    n.hidden = kind === "year" || (kind === "undated" && i < 2);
  });
}

function commonYear(facts) {
  const counts = {};
  for (const f of facts) if (f.year) counts[f.year] = (counts[f.year] || 0) + 1;
  return Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
}

function openEditor(mode, fact, span) {
  editing = {mode, fact, span};
  const form = $("#edit-form");
  form.reset();
  $("#editor-title").textContent = mode === "add" ? "Thêm số liệu bị bỏ sót" : "Sửa số liệu";
  $("#editor-evidence").textContent = "«" + (mode === "add" ? span.text : fact.evidence) + "»";
  $("#editor-error").textContent = "";
  const unit = mode === "add" ? {} : fact.unit;
  if (mode === "add") {
    const numbers = span.text.match(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g) || [];
    const value = numbers.find((n) => !/^(19|20)\d\d$/.test(n)) || numbers[0] || "";
    const year = (span.text.match(/\b(19[3-9]\d|20\d\d)\b/) || [])[1] || state.source.report_year
      || commonYear(state.source.facts) || "";
    form.value.value = value;
    form.year.value = year;
    form.metric.value = "";
  } else {
    form.metric.value = fact.metric;
    form.value.value = fact.value_text.replace(/^(trên|khoảng|dưới) /, "").replace("%", "");
    form.qualifier.value = fact.qualifier;
    form.year.value = fact.year || "";
    if (!fact.period && !fact.year) form.period_kind.value = "undated";
    if (fact.period) {
      form.period_kind.value = fact.period.kind;
      form.period_start.value = fact.period.start || "";
      form.period_end.value = fact.period.end || "";
      form.period_label.value = fact.period.label || "";
    }
    form.note.value = fact.note || "";
  }
  form.unit_kind.value = unit.kind || (state.source && state.source.unit.split(" ").slice(0, -1).join(" ")) || "huyện";
  form.unit_name.value = unit.name || "";
  form.unit_province.value = unit.province || "";
  document.querySelector(".unit-row").hidden = mode === "add";
  showPeriodExtras();
  $("#editor").hidden = false;
  (mode === "add" ? form.metric : form.value).focus();
}

function closeEditor() { $("#editor").hidden = true; editing = null; }

async function saveEditor(event) {
  event.preventDefault();
  const form = $("#edit-form");
  const fields = {metric: form.metric.value, value: form.value.value, qualifier: form.qualifier.value,
                  year: form.year.value, period: periodOf(form), note: form.note.value};
  try {
    if (editing.mode === "add") {
      const data = await api("/api/add", {source: state.source.path, start: editing.span.start, end: editing.span.end,
                                          text: editing.span.text, ...fields});
      closeEditor();
      await loadFacts(true);
      await refreshAfterChange(null);
      say("Đã thêm số liệu: " + data.fact.metric_name + " " + data.fact.value_text);
    } else {
      fields.unit = {kind: form.unit_kind.value, name: form.unit_name.value, province: form.unit_province.value};
      const f = state.facts[state.focus];
      const data = await api("/api/decide", {fact_id: f.id, action: "correct", ...fields});
      closeEditor();
      await refreshAfterChange(data.fact);
      say("Đã lưu sửa đổi: " + f.metric_name);
    }
  } catch (err) { $("#editor-error").textContent = err.message; }
}

// -- wiring --------------------------------------------------------------------------------

function typing(target) { return target.closest && target.closest("input, select, textarea, #editor"); }

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") { closeEditor(); $("#keys").hidden = true; $("#add-from-selection").hidden = true; return; }
  if (typing(event.target) || !$("#editor").hidden || event.altKey || event.metaKey) return;
  if (event.ctrlKey) { if (event.key.toLowerCase() === "z") { event.preventDefault(); undo(); } return; }
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const actions = {
    j: () => focusFact(state.focus + 1), ArrowDown: () => focusFact(state.focus + 1),
    k: () => focusFact(state.focus - 1), ArrowUp: () => focusFact(state.focus - 1),
    a: () => decide("accept"), x: () => decide("reject"),
    e: () => state.facts[state.focus] && openEditor("edit", state.facts[state.focus]),
    Enter: () => state.facts[state.focus] && openEditor("edit", state.facts[state.focus]),
    z: () => undo(), n: () => !$("#next-page").disabled && $("#next-page").click(),
    p: () => !$("#prev-page").disabled && $("#prev-page").click(), "?": () => { $("#keys").hidden = false; },
  };
  if (actions[key]) { event.preventDefault(); actions[key](); }
});

$("#facts").addEventListener("click", (event) => {
  const card = event.target.closest(".fact");
  if (!card) return;
  const index = Number(card.dataset.index);
  const act = event.target.dataset && event.target.dataset.act;
  focusFact(index).then(() => {
    if (act === "accept" || act === "reject") decide(act);
    else if (act === "edit") openEditor("edit", state.facts[index]);
  });
});

$("#source-list").addEventListener("click", (event) => {
  const item = event.target.closest("li");
  if (!item) return;
  state.filters.source = item.dataset.path;
  state.page = 1;
  renderSources();
  loadFacts();
});

$("#filters").addEventListener("change", (event) => {
  state.filters[event.target.name] = event.target.value;
  state.page = 1;
  loadFacts().catch((err) => say(err.message, true));
});
$("#clear-filters").addEventListener("click", () => {
  $("#filters").reset();
  state.filters = {};
  state.page = 1;
  renderSources();
  loadFacts();
});
$("#prev-page").addEventListener("click", () => { state.page--; loadFacts(); });
$("#next-page").addEventListener("click", () => { state.page++; loadFacts(); });
$("#accept-all").addEventListener("click", acceptAll);
$("#undo").addEventListener("click", undo);
$("#help").addEventListener("click", () => { $("#keys").hidden = false; });
$("#close-keys").addEventListener("click", () => { $("#keys").hidden = true; });
$("#cancel").addEventListener("click", closeEditor);
$("#edit-form").addEventListener("submit", saveEditor);
$("#edit-form").period_kind.addEventListener("change", showPeriodExtras);

$("#text").addEventListener("click", (event) => {
  const mark = event.target.closest("mark");
  if (!mark || !window.getSelection().isCollapsed) return;
  const id = mark.dataset.facts.split(" ")[0];
  const index = state.facts.findIndex((f) => f.id === id);
  if (index >= 0) focusFact(index); else highlight(id, false);
});

document.addEventListener("mouseup", (event) => {
  const button = $("#add-from-selection");
  if (event.target === button) return;
  setTimeout(() => {
    const span = selectionSpan();
    if (!span) { button.hidden = true; return; }
    const viewer = $("#viewer").getBoundingClientRect();
    button.style.left = Math.max(4, Math.min(span.rect.left - viewer.left, viewer.width - 240)) + "px";
    // beside the selection, but always inside the viewer (a selection may be scrolled out of view)
    button.style.top = Math.max(40, Math.min(span.rect.bottom - viewer.top + 4, viewer.height - 40)) + "px";
    button.hidden = false;
    button.span = span;
  }, 0);
});
$("#add-from-selection").addEventListener("click", () => {
  const button = $("#add-from-selection");
  button.hidden = true;
  if (button.span) openEditor("add", null, button.span);
});

$("#import").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  event.target.value = "";
  if (!file) return;
  try {
    const data = await api("/api/import?name=" + encodeURIComponent(file.name), await file.arrayBuffer(), true);
    await loadFacts(true);
    await refreshAfterChange(null);
    say(`Đã ghi ${vn(data.recorded)} quyết định từ ${file.name}` +
        (data.problems.length ? `; ${data.problems.length} dòng không dùng được: ${data.problems[0]}` : ""),
        data.problems.length > 0);
  } catch (err) { say(err.message, true); }
});

(async () => {
  // the overview and the first facts are independent: ask for both at once
  try { await Promise.all([loadOverview(), loadFacts()]); }
  catch (err) { say(err.message, true); }
})();
