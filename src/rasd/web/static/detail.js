// One event: its ACLED record, its reports with the Arabic article text right-to-left and the
// evidence of each field highlighted, and the review actions (confirm, edit, reject, split,
// merge, history). Every review names the version it read; a 409 keeps the reviewer's edits.

import { api } from "./api.js";
import { h } from "./dom.js";
import { isoOf, nearby, placeText, text, typeColor } from "./data.js";
import { fieldLabel, formatNumber, t, typeLabel } from "./i18n.js";

const GROUPS = [
  ["field_group_when", ["event_date", "year", "time_precision"]],
  ["field_group_what", ["disorder_type", "event_type", "sub_event_type"]],
  ["field_group_who", ["actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting"]],
  ["field_group_where", ["location", "admin1", "admin2", "admin3", "country", "iso", "region",
    "latitude", "longitude", "geo_precision"]],
  ["field_group_toll", ["fatalities", "notes", "tags"]],
  ["field_group_source", ["source", "source_scale", "claim", "event_id_cnty", "timestamp"]],
];
const TRANSLATED = new Set(["event_type", "sub_event_type", "disorder_type"]);
const NUMBERS = { fatalities: "int", latitude: "float", longitude: "float", time_precision: "int", geo_precision: "int" };

/** The detail view in `root`. `ctx` gives the data, the reviewer and what follows a review. */
export function createDetail(root, ctx) {
  const state = {
    id: null, event: null, members: [], articles: new Map(), tab: 0, editing: false,
    pending: {}, problems: {}, conflict: null, panel: null, history: null, busy: false,
  };

  // --------------------------------------------------------------------------- loading

  async function open(id) {
    state.id = id;
    Object.assign(state, { editing: false, pending: {}, problems: {}, conflict: null, panel: null, history: null, tab: 0 });
    root.hidden = false;
    root.replaceChildren(h("div", { class: "detail-loading", text: t("loading") }));
    try {
      await load(id);
    } catch (error) {
      root.replaceChildren(h("div", { class: "banner error", text: error.message }));
    }
  }

  async function load(id) {
    const body = await api.event(id);
    if (state.id !== id && state.id !== body.event.event_id) return;
    state.id = body.event.event_id;
    state.event = body.event;
    state.members = body.members;
    render();
    await Promise.all(body.members.map((m) => article(m.article_id)));
    renderReport();
  }

  async function article(id) {
    if (!state.articles.has(id)) {
      state.articles.set(id, api.article(id).then((b) => b.article).catch(() => null));
    }
    return state.articles.get(id);
  }

  // --------------------------------------------------------------------------- rendering

  function render() {
    const event = state.event;
    root.replaceChildren(
      header(event),
      banners(),
      h("div", { class: "detail-body" },
        h("section", { class: "fields-pane", "aria-label": "fields" }, fieldsTable(event)),
        h("section", { class: "reports-pane" },
          panel(),
          h("div", { class: "tabs", role: "tablist" }, state.members.map(tabButton)),
          h("div", { class: "report", id: "report" })),
      ),
    );
    renderReport();
  }

  function header(event) {
    const status = event.review_status;
    const rejected = status === "rejected";
    const action = (key, name, handler, shortcut, extra = {}) => h("button", {
      type: "button", class: `action action-${name}`, "data-action": name, onclick: handler,
      title: shortcut ? `${t(key)} (${shortcut})` : t(key), disabled: state.busy, ...extra,
    }, t(key));
    const place = [event.location, event.admin1, event.country].filter(Boolean);
    return h("div", { class: "detail-head" },
      h("div", { class: "detail-top" },
        h("button", { type: "button", class: "link back", onclick: () => ctx.onClose(), title: "Esc" }, `← ${t("back")}`),
        h("span", { class: "event-id", title: "event id" }, event.event_id)),
      h("div", { class: "detail-title" },
        h("span", { class: "swatch big", style: { background: typeColor(event.event_type) } }),
        h("h2", {}, typeLabel(event.sub_event_type)),
        h("span", { class: `badge status-${status}`, "data-status": status }, t(`status_${status}`)),
        h("span", { class: "version" }, t("version", { n: event.review_version }))),
      h("div", { class: "detail-sub" },
        [event.event_date || "—", [...new Set(place)].join(", ") || t("no_coordinates"),
          t("fatalities_count", { n: formatNumber(Number(event.fatalities) || 0) })].join(" · ")),
      state.editing
        ? h("div", { class: "actions" },
          action("save", "save", save, "Ctrl+Enter", { class: "action primary action-save" }),
          action("cancel", "cancel", cancelEdit, "Esc"))
        : h("div", { class: "actions" },
          action(rejected ? "restore" : "confirm", "confirm", confirm, "c", { class: "action primary action-confirm" }),
          action("edit", "edit", edit, "e"),
          rejected ? null : action("reject", "reject", reject, "x"),
          action("split", "split", () => togglePanel("split"), "", { disabled: state.members.length < 2 || state.busy }),
          action("merge", "merge", () => togglePanel("merge"), ""),
          action("history", "history", () => togglePanel("history"), "")),
    );
  }

  function banners() {
    const box = h("div", { class: "banners" });
    if (state.conflict) {
      const { message, details } = state.conflict;
      const changes = details?.[0]?.last?.detail?.changes || {};
      box.append(h("div", { class: "banner conflict", role: "alert" },
        h("strong", {}, t("conflict_title")),
        h("p", {}, message),
        Object.keys(changes).length ? h("ul", {}, Object.entries(changes).map(([name, c]) =>
          h("li", {}, `${fieldLabel(name)}: ${show(c.from)} → ${show(c.to)}`))) : null,
        h("button", { type: "button", class: "action primary", "data-action": "reload", onclick: reloadKeepingEdits }, t("conflict_reload"))));
    }
    const problems = Object.entries(state.problems);
    if (problems.length) {
      box.append(h("div", { class: "banner invalid", role: "alert" },
        h("strong", {}, t("invalid_title")),
        h("ul", {}, problems.map(([name, message]) => h("li", {}, `${fieldLabel(name)}: ${message}`)))));
    }
    return box;
  }

  function fieldsTable(event) {
    const member = state.members[state.tab];
    const evidenced = new Set((member?.evidence || []).map((e) => e.field));
    const edited = new Set(event.edited_fields || []);
    const why = event.why || {};
    const table = h("table", { class: "fields" });
    for (const [group, names] of GROUPS) {
      table.append(h("tbody", {},
        h("tr", { class: "group" }, h("th", { colspan: 2 }, t(group))),
        names.map((name) => fieldRow(event, name, { evidenced, edited, why }))));
    }
    return table;
  }

  function fieldRow(event, name, { evidenced, edited, why }) {
    const editable = ctx.meta.editable.includes(name);
    const value = name in state.pending ? state.pending[name] : event[name];
    const cell = state.editing && editable ? editor(name, value) : h("span", { class: "value" }, display(name, value));
    const notes = [];
    if (edited.has(name)) notes.push(h("span", { class: "tag edited" }, t("edited_by_reviewer")));
    else if (why[name] && !state.editing) notes.push(h("span", { class: "why" }, why[name]));
    if (state.problems[name]) notes.push(h("span", { class: "problem" }, state.problems[name]));
    const row = h("tr", {
      class: `field${evidenced.has(name) ? " has-evidence" : ""}${name in state.pending ? " changed" : ""}`,
      "data-field": name,
      onmouseenter: () => focusField(name),
      onmouseleave: () => focusField(null),
    },
    h("th", { scope: "row" }, fieldLabel(name), evidenced.has(name) ? h("span", { class: "dot", "aria-hidden": "true" }) : null),
    h("td", {}, cell, notes.length ? h("div", { class: "notes" }, notes) : null));
    return row;
  }

  function display(name, value) {
    if (value === null || value === undefined || value === "") return "—";
    if (TRANSLATED.has(name)) return typeLabel(String(value));
    if (name === "time_precision") return t(`time_precision_${value}`);
    if (name === "geo_precision") return t(`precision_${value}`);
    if (name === "timestamp" && Number(value)) return new Date(Number(value) * 1000).toISOString().replace("T", " ").slice(0, 16);
    return String(value);
  }

  // --------------------------------------------------------------------------- reports and evidence

  function tabButton(member, k) {
    const label = `${t("report_n", { n: k + 1 })}: ${member.source || member.article_id}`;
    return h("button", {
      type: "button", role: "tab", class: `tab${k === state.tab ? " active" : ""}`,
      "aria-selected": String(k === state.tab), "data-tab": k,
      onclick: () => { state.tab = k; render(); },
    }, label, k === 0 ? h("small", {}, ` · ${t("anchor")}`) : null);
  }

  async function renderReport() {
    const box = root.querySelector("#report");
    const member = state.members[state.tab];
    if (!box || !member) return;
    const meta = h("div", { class: "report-meta" },
      h("div", { class: "report-title", dir: "auto" }, member.title || member.article_id),
      h("div", { class: "report-line" },
        [member.source, member.source_scale, member.published].filter(Boolean).join(" · "),
        " · ",
        member.url ? h("a", { href: member.url, target: "_blank", rel: "noopener noreferrer" }, t("open_source")) : t("no_url")),
      member.link_reason ? h("div", { class: "report-line merged" }, t("merged_because", { reason: member.link_reason })) : null,
      h("div", { class: "hint" }, t("evidence_hint")));
    const loaded = await article(member.article_id);
    if (state.members[state.tab] !== member) return;
    const body = h("div", { class: "article", dir: "rtl", lang: "ar", "aria-label": t("article_text") });
    if (loaded?.text) body.append(...highlighted(loaded.text, member.evidence));
    box.replaceChildren(meta, body);
  }

  /** The article text as text nodes and <mark>s, one mark per run of the same fields. */
  function highlighted(articleText, evidence) {
    const cuts = new Set([0, articleText.length]);
    const spans = evidence.filter((e) => e.start >= 0 && e.end <= articleText.length && e.start < e.end);
    for (const e of spans) { cuts.add(e.start); cuts.add(e.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const piece = articleText.slice(a, b);
      const fields = [...new Set(spans.filter((e) => e.start <= a && e.end >= b).map((e) => e.field))];
      if (!fields.length) {
        nodes.push(document.createTextNode(piece));
        continue;
      }
      const onlyNotes = fields.length === 1 && fields[0] === "notes";
      nodes.push(h("mark", {
        class: onlyNotes ? "ev only-notes" : "ev", "data-fields": fields.join(" "), title: fields.map(fieldLabel).join(", "),
        onmouseenter: () => focusRows(fields), onmouseleave: () => focusRows([]),
      }, piece));
    }
    return nodes;
  }

  function focusField(name) {
    const marks = root.querySelectorAll("mark.ev");
    root.classList.toggle("focusing", Boolean(name));
    let first = null;
    for (const mark of marks) {
      const on = Boolean(name) && mark.dataset.fields.split(" ").includes(name);
      mark.classList.toggle("active", on);
      if (on && !first) first = mark;
    }
    if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function focusRows(fields) {
    for (const row of root.querySelectorAll("tr.field")) {
      row.classList.toggle("active", fields.includes(row.dataset.field));
    }
  }

  // --------------------------------------------------------------------------- editing

  function editor(name, value) {
    const attrs = { name, "data-edit": name, onchange: (e) => changed(name, e.target.value), class: "edit" };
    const options = (items, current) => items.map(([v, label]) =>
      h("option", { value: v, selected: String(v) === String(current ?? "") }, label));
    if (name === "event_date") return h("input", { ...attrs, type: "date", value: value || "" });
    if (name === "time_precision" || name === "geo_precision") {
      const key = name === "geo_precision" ? "precision" : "time_precision";
      return h("select", attrs, options([1, 2, 3].map((n) => [n, t(`${key}_${n}`)]), value));
    }
    if (name === "event_type") {
      return h("select", attrs, options(ctx.meta.event_types.map((v) => [v, typeLabel(v)]), value));
    }
    if (name === "sub_event_type") return subTypeSelect(attrs, value);
    if (name === "inter1" || name === "inter2") {
      return h("select", attrs, options(ctx.meta.inter_labels.map((v) => [v, v || "—"]), value));
    }
    if (name === "civilian_targeting") {
      return h("select", attrs, options([["", "—"], ["Civilians targeted", "Civilians targeted"]], value));
    }
    if (name === "notes") return h("textarea", { ...attrs, rows: 4, dir: "auto" }, value || "");
    if (name === "location") return placeEditor(value);
    if (NUMBERS[name]) {
      const step = NUMBERS[name] === "int" ? "1" : "0.00001";
      return h("input", { ...attrs, type: "number", step, value: value ?? "" });
    }
    return h("input", { ...attrs, type: "text", value: value ?? "", list: name.includes("actor") ? "actor-list" : null, dir: "auto" });
  }

  function subTypeSelect(attrs, value) {
    const groups = ctx.meta.event_types.map((type) => h("optgroup", { label: typeLabel(type) },
      ctx.meta.taxonomy.filter((r) => r.event_type === type).map((r) =>
        h("option", { value: r.sub_event_type, selected: r.sub_event_type === value }, typeLabel(r.sub_event_type)))));
    return h("select", attrs, groups);
  }

  function placeEditor(value) {
    const results = h("ul", { class: "place-results", role: "listbox" });
    let timer = null;
    const input = h("input", {
      type: "search", class: "edit", "data-edit": "location", value: value || "", dir: "auto",
      placeholder: t("place_search"), autocomplete: "off",
      oninput: (e) => {
        clearTimeout(timer);
        const q = e.target.value.trim();
        timer = setTimeout(() => searchPlaces(q, results), 220);
      },
    });
    return h("div", { class: "place-editor" }, input, results);
  }

  async function searchPlaces(q, results) {
    if (!q) {
      results.replaceChildren();
      return;
    }
    const body = await api.places(q).catch(() => ({ places: [] }));
    results.replaceChildren(...(body.places.length ? body.places.map((p) => h("li", {},
      h("button", { type: "button", class: "place-option", "data-place-id": p.place_id, onclick: () => pickPlace(p) },
        h("span", { dir: "rtl" }, p.name_ar || ""), ` ${p.name} · ${p.feature} · `,
        [p.admin2, p.admin1, p.country].filter(Boolean).join(", ")))) : [h("li", { class: "muted" }, t("place_none"))]));
  }

  function pickPlace(place) {
    state.pending.place_id = place.place_id;
    for (const name of ["admin1", "admin2", "admin3", "country", "latitude", "longitude"]) {
      state.pending[name] = place[name];
    }
    state.pending.location = place.name;
    state.pending.geo_precision = place.geo_precision;
    render();
  }

  function changed(name, raw) {
    let value = raw;
    if (NUMBERS[name]) value = raw === "" ? null : Number(raw);
    if (name === "sub_event_type") {
      const row = ctx.meta.taxonomy.find((r) => r.sub_event_type === value);
      if (row && row.event_type !== (state.pending.event_type ?? state.event.event_type)) state.pending.event_type = row.event_type;
    }
    if (name === "event_type") {
      const current = state.pending.sub_event_type ?? state.event.sub_event_type;
      const fits = ctx.meta.taxonomy.some((r) => r.event_type === value && r.sub_event_type === current);
      if (!fits) state.pending.sub_event_type = ctx.meta.taxonomy.find((r) => r.event_type === value).sub_event_type;
    }
    if (value === state.event[name]) delete state.pending[name];
    else state.pending[name] = value;
    delete state.problems[name];
    render();
  }

  function changesToSend() {
    const changes = {};
    const placed = "place_id" in state.pending;
    for (const [name, value] of Object.entries(state.pending)) {
      if (placed && ["location", "admin1", "admin2", "admin3", "country", "latitude", "longitude"].includes(name)) continue;
      if (placed && name === "geo_precision" && value === state.event.geo_precision) continue;
      changes[name] = value;
    }
    return changes;
  }

  function edit() {
    if (!state.event || state.editing) return;
    state.editing = true;
    state.panel = null;
    render();
    root.querySelector("[data-edit]")?.focus();
  }

  function cancelEdit() {
    Object.assign(state, { editing: false, pending: {}, problems: {} });
    render();
  }

  async function save() {
    if (!state.editing) return;
    const changes = changesToSend();
    if (!Object.keys(changes).length) {
      cancelEdit();
      return;
    }
    const done = await review("edit", { changes });
    if (done) {
      Object.assign(state, { editing: false, pending: {}, problems: {} });
      render();
      ctx.toast(t("saved", { n: done.event.review_version }));
    }
  }

  async function reloadKeepingEdits() {
    const keep = { ...state.pending };
    state.conflict = null;
    await load(state.id);
    state.pending = Object.fromEntries(Object.entries(keep).filter(([name, v]) => state.event[name] !== v || name === "place_id"));
    state.editing = Object.keys(state.pending).length > 0;
    render();
  }

  // --------------------------------------------------------------------------- reviews

  async function review(kind, extra = {}) {
    const reviewer = ctx.reviewer();
    if (!reviewer) {
      ctx.toast(t("need_reviewer"), "error");
      ctx.askReviewer();
      return null;
    }
    state.busy = true;
    state.conflict = null;
    try {
      const body = await api[kind](state.id, { reviewer, version: state.event.review_version, ...extra });
      state.busy = false;
      state.problems = {};
      if (body.event && body.members) {
        state.event = body.event;
        state.members = body.members;
      }
      render();
      ctx.onReviewed(body, kind);
      return body;
    } catch (error) {
      state.busy = false;
      failed(error);
      return null;
    }
  }

  function failed(error) {
    if (error.status === 409) {
      state.conflict = { message: error.message, details: error.details };
    } else if (error.status === 422 && error.details?.some((d) => d.field)) {
      state.problems = Object.fromEntries(error.details.filter((d) => d.field).map((d) => [d.field, d.message]));
    } else if (error.status === 422) {
      state.problems = { event: error.message };
    } else {
      ctx.toast(t("network_error", { message: error.message }), "error");
    }
    render();
  }

  async function confirm() {
    if (!state.event || state.editing) return null;
    const done = await review("confirm");
    if (done) ctx.toast(t("confirmed_toast"));
    return done;
  }

  async function reject() {
    if (!state.event || state.editing || state.event.review_status === "rejected") return null;
    const done = await review("reject");
    if (done) ctx.toast(t("rejected_toast"));
    return done;
  }

  // --------------------------------------------------------------------------- split, merge, history

  function togglePanel(name) {
    state.panel = state.panel === name ? null : name;
    if (name === "history" && state.panel) loadHistory();
    render();
  }

  function panel() {
    if (state.panel === "split") return splitPanel();
    if (state.panel === "merge") return mergePanel();
    if (state.panel === "history") return historyPanel();
    return null;
  }

  function splitPanel() {
    const boxes = state.members.map((m, k) => h("label", { class: "check" },
      h("input", { type: "checkbox", value: m.event_id, "data-split": m.event_id }),
      ` ${t("report_n", { n: k + 1 })}: ${m.source || m.article_id}`));
    const go = async () => {
      const members = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
      if (!members.length) return;
      const done = await review("split", { members });
      if (done) ctx.toast(t("split_toast", { id: done.new_event.event_id }));
    };
    return h("div", { class: "panel split-panel" }, h("p", {}, t("split_hint")), boxes,
      h("button", { type: "button", class: "action", "data-action": "split-go", onclick: go }, t("split_do")));
  }

  function mergePanel() {
    const data = ctx.data();
    const row = data?.index.get(state.id);
    const near = row === undefined ? [] : nearby(data, row, { maxKm: 50, maxDays: 3 });
    const mergeWith = async (other, version) => {
      const done = await review("merge", { other, other_version: version });
      if (done) ctx.toast(t("merged_toast"));
    };
    const items = near.map(({ row: j, km, days }) => h("li", {},
      h("span", { class: "swatch", style: { background: typeColor(text(data, "event_type", j)) } }),
      ` ${isoOf(data.day[j])} · ${typeLabel(text(data, "sub_event_type", j))} · ${placeText(data, j)} · ${km.toFixed(1)} km, ${days} d `,
      h("button", { type: "button", class: "action", "data-merge": data.id[j], onclick: () => mergeWith(data.id[j], data.version[j]) }, t("merge_into"))));
    const byId = h("input", { type: "text", placeholder: t("merge_by_id"), "data-merge-id": "" });
    const byIdGo = h("button", { type: "button", class: "action", onclick: () => {
      const other = byId.value.trim();
      const j = data?.index.get(other);
      if (other) mergeWith(other, j === undefined ? 0 : data.version[j]);
    } }, t("merge"));
    return h("div", { class: "panel merge-panel" }, h("p", {}, t("merge_hint")),
      items.length ? h("ul", { class: "candidates" }, items) : h("p", { class: "muted" }, t("merge_none")),
      h("div", { class: "inline" }, byId, byIdGo));
  }

  async function loadHistory() {
    const body = await api.history(state.id).catch(() => ({ entries: [] }));
    state.history = body.entries;
    if (state.panel === "history") render();
  }

  function historyPanel() {
    const entries = (state.history || []).filter((e) => e.entity === "event");
    const list = entries.map((e) => h("li", {},
      h("div", { class: "history-head" }, `${e.at.slice(0, 16).replace("T", " ")} · ${e.actor} · ${e.action}`),
      e.detail.changes ? h("ul", {}, Object.entries(e.detail.changes).map(([name, c]) =>
        h("li", {}, `${fieldLabel(name)}: ${show(c.from)} → ${show(c.to)}`))) : null,
      e.detail.moved ? h("div", { class: "muted" }, e.detail.moved.join(", ")) : null,
      e.detail.comment ? h("div", { class: "muted" }, e.detail.comment) : null));
    return h("div", { class: "panel history-panel" },
      state.history === null ? t("loading") : list.length ? h("ul", { class: "history" }, list) : h("p", { class: "muted" }, t("history_none")));
  }

  return {
    open,
    close() {
      state.id = null;
      state.event = null;
      root.hidden = true;
      root.replaceChildren();
    },
    isOpen: () => state.event !== null && !root.hidden,
    editing: () => state.editing,
    currentId: () => state.id,
    confirm,
    reject,
    edit,
    save,
    cancelEdit,
    tab(delta) {
      if (!state.members.length) return;
      state.tab = (state.tab + delta + state.members.length) % state.members.length;
      render();
    },
    relabel() {
      if (state.event) render();
    },
  };
}

function show(value) {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}
