// The filter panel: dates, event type and sub-type, actor, country and admin units, source,
// review status, fatalities. Each choice lists its values with their number of events.

import { options } from "./data.js";
import { formatNumber, t, typeLabel } from "./i18n.js";

const STATUS_OPTIONS = ["", "machine", "reviewed", "confirmed", "edited", "rejected", "any"];
const MAX_ACTORS = 800;

function element(tag, attributes = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") el.textContent = value;
    else el.setAttribute(name, value);
  }
  el.append(...children);
  return el;
}

function field(name, control) {
  const label = element("label", { class: "filter-field", for: `f-${name}` });
  label.append(element("span", { "data-i18n": name, text: t(name) }), control);
  return label;
}

function select(name) {
  return element("select", { id: `f-${name}`, name });
}

function fill(selectEl, items, current, { label = (v) => v, anyLabel = t("any") } = {}) {
  selectEl.replaceChildren(element("option", { value: "", text: anyLabel }));
  for (const item of items) {
    const text = item.count === undefined ? label(item.value)
      : `${label(item.value)} (${formatNumber(item.count)})`;
    selectEl.append(element("option", { value: item.value, text }));
  }
  if (current && !items.some((i) => i.value === current)) {
    selectEl.append(element("option", { value: current, text: label(current) }));
  }
  selectEl.value = current || "";
}

/** The filter panel in `root`; `onChange(patch)` receives the changed filters. */
export function createFilters(root, { taxonomy, onChange }) {
  const controls = {
    date_from: element("input", { id: "f-date_from", type: "date", name: "date_from" }),
    date_to: element("input", { id: "f-date_to", type: "date", name: "date_to" }),
    event_type: select("event_type"),
    sub_event_type: select("sub_event_type"),
    actor: element("input", { id: "f-actor", type: "text", list: "actor-list", name: "actor", autocomplete: "off" }),
    country: select("country"),
    admin1: select("admin1"),
    admin2: select("admin2"),
    source: select("source"),
    review_status: select("review_status"),
    fatalities_min: element("input", { id: "f-fatalities_min", type: "number", min: "0", step: "1", name: "fatalities_min" }),
    fatalities_max: element("input", { id: "f-fatalities_max", type: "number", min: "0", step: "1", name: "fatalities_max" }),
  };
  const actorList = element("datalist", { id: "actor-list" });
  const heading = element("div", { class: "filters-head" }, [
    element("h2", { "data-i18n": "filters", text: t("filters") }),
    element("button", { type: "button", id: "clear-filters", class: "link", "data-i18n": "clear_filters", text: t("clear_filters") }),
  ]);
  const dates = element("div", { class: "dates" }, [field("date_from", controls.date_from), field("date_to", controls.date_to)]);
  const deaths = element("fieldset", { class: "pair" }, [
    element("legend", { "data-i18n": "fatalities", text: t("fatalities") }),
    field("min", controls.fatalities_min),
    field("max", controls.fatalities_max),
  ]);
  root.replaceChildren(
    heading,
    dates,
    field("event_type", controls.event_type),
    field("sub_event_type", controls.sub_event_type),
    field("actor", controls.actor),
    actorList,
    field("country", controls.country),
    field("admin1", controls.admin1),
    field("admin2", controls.admin2),
    field("source", controls.source),
    field("review_status", controls.review_status),
    deaths,
  );

  for (const [name, control] of Object.entries(controls)) {
    control.addEventListener("change", () => {
      const patch = { [name]: control.value.trim() };
      if (name === "event_type") patch.sub_event_type = "";
      if (name === "country") Object.assign(patch, { admin1: "", admin2: "" });
      if (name === "admin1") patch.admin2 = "";
      onChange(patch);
    });
  }
  heading.querySelector("#clear-filters").addEventListener("click", () => onChange(null));

  let data = null;
  const cache = new Map();
  /** options() of a column, once per data load and scope (they ignore the other filters). */
  const cached = (column, scope = "", keep = undefined) => {
    const key = `${column}|${scope}`;
    if (!cache.has(key)) cache.set(key, options(data, column, keep));
    return cache.get(key);
  };
  let actorsShown = null;
  return {
    /** Refill the choices from the data and show the current filters. */
    update(newData, filters) {
      if (newData && newData !== data) {
        data = newData;
        cache.clear();
      }
      if (!data) return;
      const types = taxonomy.map((row) => row.event_type).filter((v, i, a) => a.indexOf(v) === i);
      const typeCounts = new Map(cached("event_type").map((o) => [o.value, o.count]));
      fill(controls.event_type, types.map((v) => ({ value: v, count: typeCounts.get(v) || 0 })),
        filters.event_type, { label: typeLabel });
      const subCounts = new Map(cached("sub_event_type").map((o) => [o.value, o.count]));
      const subs = taxonomy.filter((row) => !filters.event_type || row.event_type === filters.event_type);
      fill(controls.sub_event_type, subs.map((r) => ({ value: r.sub_event_type, count: subCounts.get(r.sub_event_type) || 0 })),
        filters.sub_event_type, { label: typeLabel });
      fill(controls.country, cached("country"), filters.country);
      const inCountry = codeFilter(data, "country", filters.country);
      fill(controls.admin1, cached("admin1", filters.country, inCountry), filters.admin1);
      const inAdmin1 = codeFilter(data, "admin1", filters.admin1, inCountry);
      const scope2 = `${filters.country}|${filters.admin1}`;
      fill(controls.admin2, cached("admin2", scope2, inAdmin1), filters.admin2);
      fill(controls.source, cached("source"), filters.source);
      fill(controls.review_status, STATUS_OPTIONS.slice(1).map((v) => ({ value: v })), filters.review_status, {
        label: (v) => t(`status_${v}`),
        anyLabel: t("status_default"),
      });
      if (actorsShown !== data) {
        actorsShown = data;
        actorList.replaceChildren(...cached("actor").slice(0, MAX_ACTORS)
          .map((o) => element("option", { value: o.value })));
      }
      for (const name of ["date_from", "date_to", "actor", "fatalities_min", "fatalities_max"]) {
        if (document.activeElement !== controls[name]) controls[name].value = filters[name] || "";
      }
      if (data.dayRange) {
        const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
        for (const name of ["date_from", "date_to"]) {
          controls[name].min = iso(data.dayRange[0]);
          controls[name].max = iso(data.dayRange[1]);
        }
      }
    },
    relabel(filters) {
      for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
      this.update(null, filters);
    },
  };
}

function codeFilter(data, column, value, within = () => true) {
  if (!value) return within;
  const code = data.values[column].indexOf(value);
  return (i) => data[column][i] === code && within(i);
}
