// rasd's web map: loads the events once, filters them in memory (the URL keeps the filters and
// the open event, so a view can be bookmarked or sent), and wires the map, the timeline, the
// list, the event detail, the exports and the keyboard.

import { api, filterParams } from "./api.js";
import { EMPTY_FILTERS, decode, patch, select, summarize } from "./data.js";
import { createDetail } from "./detail.js";
import { h } from "./dom.js";
import { createFilters } from "./filters.js";
import { formatNumber, language, setLanguage, t, typeLabel } from "./i18n.js";
import { createList } from "./list.js";
import { createMap } from "./map.js";
import { compose, download, pdfBlob, pngBlob } from "./snapshot.js";
import { createTimeline } from "./timeline.js";

const state = {
  meta: null,
  data: null,
  filters: { ...EMPTY_FILTERS },
  rows: new Uint32Array(0),
  summary: null,
  timings: {},
};
const $ = (selector) => document.querySelector(selector);
let ui = null;

// ----------------------------------------------------------------------------- start

async function main() {
  setLanguage(localStorage.getItem("rasd.lang") || "en");
  readURL();
  state.meta = await api.meta();
  ui = buildUI();
  wireHeader();
  document.addEventListener("keydown", onKey);
  window.addEventListener("popstate", () => {
    readURL();
    apply({ keepURL: true });
    openFromURL();
  });
  const hash = location.hash; // the first filtering rewrites the URL before the event opens
  await loadPoints({ fit: true });
  $("#loading").hidden = true;
  openFromURL(hash);
  document.body.dataset.ready = "true";
}

function buildUI() {
  const map = createMap($("#map"), {
    onSelect: (row) => openRow(row),
    onType: (type) => setFilters({ event_type: state.filters.event_type === type ? "" : type, sub_event_type: "" }),
    onFit: () => ui.map.fit(state.data, state.rows),
  });
  const timeline = createTimeline($("#timeline"), {
    onBrush: (from, to) => setFilters({ date_from: from || "", date_to: to || "" }),
  });
  const list = createList($("#list-view"), {
    onOpen: (row) => openRow(row, { fromList: true }),
    onCursor: (row) => {
      map.select(row, state.data);
      if (detail.isOpen()) openRow(row, { fromList: true });
    },
  });
  const filters = createFilters($("#filters"), {
    taxonomy: state.meta.taxonomy,
    onChange: (changes) => setFilters(changes),
  });
  const detail = createDetail($("#detail-view"), {
    meta: state.meta,
    data: () => state.data,
    reviewer: () => $("#reviewer").value.trim(),
    askReviewer: () => $("#reviewer").focus(),
    toast,
    onClose: () => closeDetail(),
    onReviewed,
  });
  return { map, timeline, list, filters, detail };
}

async function loadPoints({ fit = false } = {}) {
  const started = performance.now();
  const body = await api.points(state.filters.q);
  const fetched = performance.now();
  state.data = decode(body);
  state.timings.load = { fetch: fetched - started, decode: performance.now() - fetched };
  apply();
  await state.mapDrawn;
  if (fit) ui.map.fit(state.data, state.rows, { animate: false }); // an event may zoom next
  await ui.map.basemap.ready.catch((error) => toast(error.message, "error"));
}

// ----------------------------------------------------------------------------- filtering

function setFilters(changes) {
  state.filters = changes === null ? { ...EMPTY_FILTERS, q: "" } : { ...state.filters, ...changes };
  if (changes === null) $("#search").value = "";
  if (changes && "q" in changes) loadPoints();
  else if (changes === null && state.data) loadPoints();
  else apply();
  const place = changes && ["country", "admin1", "admin2"].some((name) => changes[name]);
  if (place && state.rows.length) ui.map.fit(state.data, state.rows);
}

function apply({ keepURL = false } = {}) {
  const data = state.data;
  if (!data) return;
  const parts = {};
  let last = performance.now();
  const step = (name) => {
    const now = performance.now();
    parts[name] = now - last;
    last = now;
  };
  state.rows = select(data, state.filters);
  const undated = select(data, state.filters, { dates: false });
  state.summary = summarize(data, state.rows);
  step("select");
  drawMapSoon(data);
  ui.list.setRows(data, state.rows);
  step("list");
  ui.timeline.update(data, undated, state.filters);
  step("timeline");
  ui.filters.update(data, state.filters);
  step("filters");
  showCounts();
  updateExports();
  if (!keepURL) writeURL();
  state.timings.filter = parts; // what one filter change costs, per part (scripts/bench_web.py)
}

/** Cluster and draw the events after the counts and the list have been painted: with 50,000
 * events clustering takes a few hundred milliseconds, and a newer filter cancels an older one. */
function drawMapSoon(data) {
  const generation = (state.generation = (state.generation || 0) + 1);
  state.mapDrawn = new Promise((resolve) => {
    const draw = () => {
      if (generation === state.generation) {
        const started = performance.now();
        ui.map.setRows(data, state.rows, state.summary);
        state.timings.map = performance.now() - started;
      }
      resolve();
    };
    requestAnimationFrame(() => setTimeout(draw, 0)); // after the list and counts are painted
  });
}

function showCounts() {
  const s = state.summary;
  const parts = [
    t("events_count", { shown: formatNumber(s.events), total: formatNumber(state.data.n) }),
    t("fatalities_count", { n: formatNumber(s.fatalities) }),
  ];
  if (s.unmapped) parts.push(t("unmapped_count", { n: formatNumber(s.unmapped) }));
  $("#counts").replaceChildren(...parts.map((p, k) => h("span", { class: k ? "" : "strong", "data-count": k }, p)));
}

function filtersText() {
  return Object.entries(state.filters)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}=${k.includes("type") ? typeLabel(v) : v}`)
    .join("; ");
}

// ----------------------------------------------------------------------------- URL

function readURL() {
  const params = new URLSearchParams(location.search);
  state.filters = { ...EMPTY_FILTERS };
  for (const name of Object.keys(EMPTY_FILTERS)) state.filters[name] = params.get(name) || "";
  $("#search").value = state.filters.q;
}

function writeURL() {
  const query = filterParams(state.filters).toString();
  const id = ui.detail.currentId();
  const url = `${location.pathname}${query ? `?${query}` : ""}${id ? `#event=${encodeURIComponent(id)}` : ""}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
}

function openFromURL(hash = location.hash) {
  const match = /^#event=(.+)$/.exec(hash);
  if (match) openId(decodeURIComponent(match[1]), { zoom: true });
  else closeDetail({ keepURL: true });
}

// ----------------------------------------------------------------------------- the event

function openRow(row, { fromList = false } = {}) {
  if (row === undefined || row < 0) return;
  openId(state.data.id[row], { row, fromList });
}

function openId(id, { row, fromList = false, zoom = false } = {}) {
  const i = row ?? state.data?.index.get(id);
  document.body.classList.add("detail-open");
  $("#list-view").hidden = true;
  ui.detail.open(id);
  if (i !== undefined) {
    ui.map.select(i, state.data, { zoom });
    if (!fromList) ui.list.point(i);
  }
  writeURL();
  requestAnimationFrame(() => ui.map.leaflet.invalidateSize());
}

function closeDetail({ keepURL = false } = {}) {
  ui.detail.close();
  document.body.classList.remove("detail-open");
  $("#list-view").hidden = false;
  ui.list.refresh();
  ui.map.select(-1, state.data, { pan: false });
  if (!keepURL) writeURL();
  requestAnimationFrame(() => ui.map.leaflet.invalidateSize());
}

async function onReviewed(body, kind) {
  if (kind === "split" || kind === "merge") {
    await loadPoints();
    openId(body.event.event_id);
    return;
  }
  patch(state.data, body.event);
  apply();
}

// ----------------------------------------------------------------------------- header

function wireHeader() {
  const reviewer = $("#reviewer");
  reviewer.value = localStorage.getItem("rasd.reviewer") || "";
  reviewer.addEventListener("change", () => localStorage.setItem("rasd.reviewer", reviewer.value.trim()));
  $("#search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setFilters({ q: $("#search").value.trim() });
  });
  $("#lang-toggle").addEventListener("click", toggleLanguage);
  $("#help-button").addEventListener("click", () => toggleHelp());
  const menu = $("#export-menu .menu-items");
  const button = $("#export-button");
  button.addEventListener("click", () => {
    menu.hidden = !menu.hidden;
    button.setAttribute("aria-expanded", String(!menu.hidden));
  });
  document.addEventListener("click", (e) => {
    if (!$("#export-menu").contains(e.target)) menu.hidden = true;
  });
  $("#export-extent").addEventListener("change", updateExports);
  ui.map.leaflet.on("moveend", updateExports);
  $("#export-png").addEventListener("click", () => snapshot("png"));
  $("#export-pdf").addEventListener("click", () => snapshot("pdf"));
  showLanguageButton();
}

function updateExports() {
  const extra = {};
  if ($("#export-extent").checked) {
    const b = ui.map.leaflet.getBounds();
    const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v)).toFixed(4);
    extra.bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(",");
  }
  const params = filterParams(state.filters, extra);
  $("#export-csv").href = `/events.csv?${params}`;
  $("#export-geojson").href = `/events.geojson?${params}`;
  $("#export-geojson").download = "events.geojson";
}

async function snapshot(kind) {
  $("#export-menu .menu-items").hidden = true;
  const options = { filtersText: filtersText(), summary: state.summary, tiles: ui.map.tilesOn() };
  const name = `rasd-map-${new Date().toISOString().slice(0, 10)}`;
  try {
    let canvas = compose($("#map"), options);
    let blob;
    try {
      blob = kind === "png" ? await pngBlob(canvas) : await pdfBlob(canvas);
    } catch {
      canvas = compose($("#map"), { ...options, tiles: false }); // online tiles that refuse CORS
      blob = kind === "png" ? await pngBlob(canvas) : await pdfBlob(canvas);
    }
    download(blob, `${name}.${kind}`);
  } catch (error) {
    toast(t("snapshot_failed", { message: error.message }), "error");
  }
}

function toggleLanguage() {
  setLanguage(language() === "ar" ? "en" : "ar");
  localStorage.setItem("rasd.lang", language());
  showLanguageButton();
  ui.map.relabel();
  ui.timeline.relabel();
  ui.list.relabel();
  ui.filters.relabel(state.filters);
  ui.detail.relabel();
  if (state.data) showCounts();
  if (!$("#help").hidden) toggleHelp(true);
}

function showLanguageButton() {
  const button = $("#lang-toggle");
  const ar = language() === "ar";
  button.textContent = ar ? "English" : "العربية";
  button.lang = ar ? "en" : "ar";
}

let toastTimer = null;
function toast(message, kind = "info") {
  const box = $("#toast");
  box.textContent = message;
  box.className = `toast ${kind}`;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 7000 : 3500);
}

// ----------------------------------------------------------------------------- keyboard

const KEYS = [
  ["j / ↓", "key_next"],
  ["k / ↑", "key_prev"],
  ["Enter", "key_open"],
  ["Esc", "key_close"],
  ["c", "key_confirm"],
  ["e", "key_edit"],
  ["Ctrl+Enter", "key_save"],
  ["x", "key_reject"],
  ["n", "key_unreviewed"],
  ["[ / ]", "key_tabs"],
  ["/", "key_search"],
  ["f", "key_fit"],
  ["L", "key_lang"],
  ["?", "key_help"],
];

function toggleHelp(refresh = false) {
  const overlay = $("#help");
  if (!refresh && !overlay.hidden) {
    overlay.hidden = true;
    return;
  }
  overlay.replaceChildren(h("div", { class: "help-box", role: "dialog", "aria-label": t("help_title") },
    h("h2", {}, t("help_title")),
    h("table", {}, KEYS.map(([key, label]) => h("tr", {}, h("th", {}, h("kbd", {}, key)), h("td", {}, t(label))))),
    h("button", { type: "button", class: "action", onclick: () => { overlay.hidden = true; } }, t("close"))));
  overlay.hidden = false;
}

function typing(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
}

async function onKey(e) {
  const detail = ui.detail;
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && detail.editing()) {
    e.preventDefault();
    detail.save();
    return;
  }
  if (e.key === "Escape") {
    if (!$("#help").hidden) $("#help").hidden = true;
    else if (detail.editing()) detail.cancelEdit();
    else if (typing(e.target)) e.target.blur();
    else if (detail.isOpen()) closeDetail();
    return;
  }
  if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
  const actions = {
    j: () => ui.list.next(),
    ArrowDown: () => ui.list.next(),
    k: () => ui.list.previous(),
    ArrowUp: () => ui.list.previous(),
    Enter: () => openRow(ui.list.current()),
    c: async () => { if (await detail.confirm()) advance(); },
    x: async () => { if (await detail.reject()) advance(); },
    e: () => detail.edit(),
    n: () => { const row = ui.list.nextWith("machine"); if (row !== undefined) openRow(row, { fromList: true }); },
    "[": () => detail.tab(-1),
    "]": () => detail.tab(1),
    "/": () => $("#search").focus(),
    f: () => ui.map.fit(state.data, state.rows),
    L: () => toggleLanguage(),
    "?": () => toggleHelp(),
  };
  const action = actions[e.key];
  if (!action) return;
  e.preventDefault();
  await action();
}

function advance() {
  ui.list.next(); // the list's cursor opens the event while the detail is open
}

window.rasd = { state, timings: state.timings, setFilters, ui: () => ui }; // for scripts/bench_web.py
main().catch((error) => {
  $("#loading").textContent = t("network_error", { message: error.message });
  document.body.dataset.ready = "error";
  console.error(error);
});
