// The event list: sortable by date, type, place, deaths, sources and status; only the rows in
// view are in the page (50,000 events scroll as smoothly as 50). A cursor moves with j/k.

import { NO_DAY, isoOf, placeText, sortRows, text, typeColor } from "./data.js";
import { formatNumber, t, typeLabel } from "./i18n.js";

const ROW_HEIGHT = 52;
const OVERSCAN = 8;
const COLUMNS = [
  ["date", "col_date"],
  ["type", "col_type"],
  ["place", "col_place"],
  ["fatalities", "col_fatalities"],
  ["sources", "col_sources"],
  ["status", "col_status"],
];

/** The list in `root`; `onOpen(row)` opens an event, `onCursor(row)` follows the cursor. */
export function createList(root, { onOpen, onCursor }) {
  const header = document.createElement("div");
  header.className = "list-head";
  header.setAttribute("role", "row");
  const scroller = document.createElement("div");
  scroller.className = "list-scroll";
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "listbox");
  const spacer = document.createElement("div");
  spacer.className = "list-spacer";
  const empty = document.createElement("div");
  empty.className = "list-empty";
  empty.hidden = true;
  scroller.append(spacer);
  root.replaceChildren(header, scroller, empty);

  const state = { data: null, rows: [], sorted: [], key: "date", descending: false, cursor: -1 };

  function drawHeader() {
    header.replaceChildren();
    for (const [key, label] of COLUMNS) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `sort sort-${key}`;
      button.dataset.sort = key;
      const arrow = state.key === key ? (state.descending ? " ▲" : " ▼") : "";
      button.textContent = t(label) + arrow;
      button.setAttribute("aria-sort", state.key === key ? (state.descending ? "ascending" : "descending") : "none");
      button.addEventListener("click", () => {
        state.descending = state.key === key ? !state.descending : false;
        state.key = key;
        resort();
      });
      header.appendChild(button);
    }
  }

  function resort() {
    const keep = state.sorted[state.cursor];
    const was = state.cursor;
    state.sorted = state.data ? sortRows(state.data, state.rows, state.key, state.descending) : [];
    state.cursor = keep === undefined ? -1 : state.sorted.indexOf(keep);
    // a reviewed event that left the list (e.g. a queue of unreviewed events): the cursor stays
    // just before the place it held, so "next" opens the event that followed it
    if (keep !== undefined && state.cursor < 0) state.cursor = Math.min(was, state.sorted.length) - 1;
    drawHeader();
    render();
  }

  function render() {
    spacer.style.height = `${state.sorted.length * ROW_HEIGHT}px`;
    empty.hidden = state.sorted.length > 0;
    empty.textContent = t("no_events");
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(state.sorted.length, first + Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN);
    const items = [];
    for (let k = first; k < last; k++) items.push(rowElement(k));
    spacer.replaceChildren(...items);
  }

  function rowElement(k) {
    const data = state.data;
    const i = state.sorted[k];
    const el = document.createElement("div");
    el.className = `row${k === state.cursor ? " cursor" : ""}`;
    el.style.top = `${k * ROW_HEIGHT}px`;
    el.dataset.eventId = data.id[i];
    el.setAttribute("role", "option");
    el.setAttribute("aria-selected", String(k === state.cursor));
    const status = text(data, "review_status", i);
    const unmapped = Number.isNaN(data.lat[i]);
    const line1 = document.createElement("div");
    line1.className = "row-line";
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = typeColor(text(data, "event_type", i));
    const date = span("row-date", data.day[i] === NO_DAY ? "—" : isoOf(data.day[i]));
    const type = span("row-type", typeLabel(text(data, "sub_event_type", i)));
    const deaths = span("row-deaths", data.fatalities[i] ? `✝ ${formatNumber(data.fatalities[i])}` : "");
    const badge = span(`badge status-${status}`, t(`status_${status}`));
    line1.append(swatch, date, type, deaths, badge);
    const line2 = document.createElement("div");
    line2.className = "row-line secondary";
    const actors = [text(data, "actor1", i), text(data, "actor2", i)].filter(Boolean).join(" — ");
    line2.append(span("row-place", placeText(data, i) || "—"));
    if (unmapped) line2.append(span("badge unmapped", t("no_coordinates")));
    line2.append(span("row-actors", actors));
    if (data.reports[i] > 1) line2.append(span("row-sources", `${data.reports[i]}×`));
    el.append(line1, line2);
    el.addEventListener("click", () => {
      state.cursor = k;
      onOpen(i);
      render();
    });
    return el;
  }

  function span(className, content) {
    const el = document.createElement("span");
    el.className = className;
    el.textContent = content;
    return el;
  }

  function moveCursor(k) {
    if (!state.sorted.length) return -1;
    state.cursor = Math.max(0, Math.min(state.sorted.length - 1, k));
    const top = state.cursor * ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
    }
    render();
    onCursor(state.sorted[state.cursor]);
    return state.sorted[state.cursor];
  }

  scroller.addEventListener("scroll", () => requestAnimationFrame(render));
  new ResizeObserver(() => render()).observe(scroller);
  drawHeader();

  return {
    setRows(data, rows) {
      state.data = data;
      state.rows = rows;
      resort();
    },
    next: () => moveCursor(state.cursor + 1),
    previous: () => moveCursor(state.cursor - 1),
    current: () => (state.cursor >= 0 ? state.sorted[state.cursor] : undefined),
    /** Put the cursor on a row (when an event is opened from the map). */
    point(row) {
      const k = state.sorted.indexOf(row);
      if (k >= 0) moveCursor(k);
    },
    /** The next row after the cursor whose status is `status` (wrapping), or undefined. */
    nextWith(status) {
      const n = state.sorted.length;
      for (let step = 1; step <= n; step++) {
        const k = (state.cursor + step + n) % n;
        if (text(state.data, "review_status", state.sorted[k]) === status) return moveCursor(k);
      }
      return undefined;
    },
    refresh: render,
    relabel() {
      drawHeader();
      render();
    },
  };
}
