// The timeline: events per day, week or month, stacked by event type, over every other filter
// but the dates; dragging across it sets the date range, a click clears it.

import { NO_DAY, TYPE_ORDER, isoOf, typeColor } from "./data.js";
import { formatNumber, t } from "./i18n.js";

const HEIGHT = 96;
const AXIS = 18;
const MAX_BINS = 160;

const UNITS = [
  { name: "day", of: (d) => d, start: (b) => b, end: (b) => b },
  { name: "week", of: (d) => Math.floor((d + 3) / 7), start: (b) => b * 7 - 3, end: (b) => b * 7 + 3 },
  { name: "month", of: monthOf, start: monthStart, end: (b) => monthStart(b + 1) - 1 },
  { name: "year", of: (d) => Math.floor(monthOf(d) / 12), start: (b) => monthStart(b * 12), end: (b) => monthStart(b * 12 + 12) - 1 },
];

function monthOf(day) {
  const date = new Date(day * 86400000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function monthStart(month) {
  return Math.floor(Date.UTC(Math.floor(month / 12), month % 12, 1) / 86400000);
}

function unitFor(range) {
  return UNITS.find((u) => u.of(range[1]) - u.of(range[0]) + 1 <= MAX_BINS) || UNITS[3];
}

/** The timeline in `element`; `onBrush(from, to)` gets ISO dates, or nulls to clear. */
export function createTimeline(element, { onBrush }) {
  element.dir = "ltr";
  const canvas = document.createElement("canvas");
  canvas.className = "timeline-canvas";
  const hint = document.createElement("div");
  hint.className = "timeline-hint";
  hint.dataset.i18n = "timeline_hint";
  hint.textContent = t("timeline_hint");
  const tip = document.createElement("div");
  tip.className = "timeline-tip";
  tip.hidden = true;
  element.append(canvas, hint, tip);
  const state = { bins: null, unit: null, first: 0, selection: null, drag: null, width: 0 };

  const binAt = (x) => state.first + Math.floor((x / state.width) * state.bins.length);
  const xOf = (bin) => ((bin - state.first) / state.bins.length) * state.width;

  function draw() {
    const ratio = window.devicePixelRatio || 1;
    state.width = element.clientWidth;
    canvas.width = Math.round(state.width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    canvas.style.width = `${state.width}px`;
    canvas.style.height = `${HEIGHT}px`;
    const context = canvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, state.width, HEIGHT);
    if (!state.bins || !state.bins.length) return;
    drawBars(context);
    drawSelection(context);
    drawAxis(context);
  }

  function drawBars(context) {
    const top = Math.max(1, ...state.bins.map((b) => b.total));
    const barWidth = state.width / state.bins.length;
    const plot = HEIGHT - AXIS - 4;
    state.bins.forEach((bin, k) => {
      let y = HEIGHT - AXIS;
      bin.counts.forEach((n, slot) => {
        if (!n) return;
        const h = (n / top) * plot;
        context.fillStyle = slot < TYPE_ORDER.length ? typeColor(TYPE_ORDER[slot]) : "#777";
        context.fillRect(k * barWidth + 0.5, y - h, Math.max(1, barWidth - 1), h);
        y -= h;
      });
    });
  }

  function drawSelection(context) {
    const range = state.drag || state.selection;
    if (!range) return;
    const x0 = Math.min(xOf(range[0]), xOf(range[1]));
    const x1 = Math.max(xOf(range[0]), xOf(range[1])) + state.width / state.bins.length;
    context.fillStyle = "rgba(245,245,240,0.72)";
    context.fillRect(0, 0, x0, HEIGHT - AXIS);
    context.fillRect(x1, 0, state.width - x1, HEIGHT - AXIS);
    context.strokeStyle = "#1d1d1b";
    context.lineWidth = 1;
    context.strokeRect(x0 + 0.5, 0.5, x1 - x0 - 1, HEIGHT - AXIS - 1);
  }

  function drawAxis(context) {
    context.fillStyle = "#5f5b52";
    context.font = "11px system-ui, sans-serif";
    context.textBaseline = "top";
    let lastEnd = -Infinity;
    state.bins.forEach((bin, k) => {
      const label = axisLabel(state.unit, bin.start, k === 0);
      if (!label) return;
      const x = xOf(state.first + k);
      const width = context.measureText(label).width;
      if (x < lastEnd + 10 || x + width > state.width) return;
      context.fillRect(x, HEIGHT - AXIS, 1, 4);
      context.fillText(label, x + 2, HEIGHT - AXIS + 4);
      lastEnd = x + 2 + width;
    });
  }

  canvas.addEventListener("pointerdown", (e) => {
    if (!state.bins) return;
    canvas.setPointerCapture(e.pointerId);
    const bin = binAt(e.offsetX);
    state.drag = [bin, bin];
    state.dragX = e.offsetX;
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!state.bins) return;
    if (state.drag) {
      state.drag[1] = Math.max(state.first, Math.min(state.first + state.bins.length - 1, binAt(e.offsetX)));
      draw();
    }
    showTip(e.offsetX);
  });
  canvas.addEventListener("pointerleave", () => { tip.hidden = true; });
  canvas.addEventListener("pointerup", (e) => {
    if (!state.drag) return;
    const moved = Math.abs(e.offsetX - state.dragX) > 3;
    const [a, b] = [Math.min(...state.drag), Math.max(...state.drag)];
    state.drag = null;
    if (!moved) onBrush(null, null);
    else onBrush(isoOf(state.unit.start(a)), isoOf(state.unit.end(b)));
  });

  function showTip(x) {
    const k = binAt(x) - state.first;
    const bin = state.bins[k];
    if (!bin) {
      tip.hidden = true;
      return;
    }
    const span = bin.start === bin.end ? isoOf(bin.start) : `${isoOf(bin.start)} – ${isoOf(bin.end)}`;
    tip.textContent = `${span}: ${formatNumber(bin.total)}`;
    tip.hidden = false;
    tip.style.left = `${Math.min(x + 10, state.width - tip.offsetWidth - 4)}px`;
  }

  new ResizeObserver(() => draw()).observe(element);

  return {
    /** Bin `rows` (selected by every filter but the dates) over the whole data range. */
    update(data, rows, filters) {
      const range = data.dayRange;
      if (!range) {
        state.bins = null;
        draw();
        return;
      }
      const unit = unitFor(range);
      state.unit = unit;
      state.first = unit.of(range[0]);
      const count = unit.of(range[1]) - state.first + 1;
      state.bins = Array.from({ length: count }, (_, k) => ({
        start: unit.start(state.first + k),
        end: unit.end(state.first + k),
        total: 0,
        counts: new Array(TYPE_ORDER.length + 1).fill(0),
      }));
      const slots = data.values.event_type.map((name) => {
        const k = TYPE_ORDER.indexOf(name);
        return k < 0 ? TYPE_ORDER.length : k;
      });
      for (const i of rows) {
        if (data.day[i] === NO_DAY) continue;
        const bin = state.bins[unit.of(data.day[i]) - state.first];
        bin.total++;
        bin.counts[slots[data.event_type[i]]]++;
      }
      state.selection = selectionOf(filters, unit, state.first, count);
      draw();
    },
    relabel() {
      hint.textContent = t("timeline_hint");
    },
  };
}

function selectionOf(filters, unit, first, count) {
  if (!filters.date_from && !filters.date_to) return null;
  const day = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86400000);
  const from = filters.date_from ? unit.of(day(filters.date_from)) : first;
  const to = filters.date_to ? unit.of(day(filters.date_to)) : first + count - 1;
  return [Math.max(first, from), Math.min(first + count - 1, to)];
}

function axisLabel(unit, start, first) {
  const date = new Date(start * 86400000);
  const iso = date.toISOString();
  if (unit.name === "year") return iso.slice(0, 4);
  if (unit.name === "month") return date.getUTCMonth() === 0 || first ? iso.slice(0, 7) : iso.slice(5, 7);
  if (unit.name === "week") return date.getUTCDate() <= 7 || first ? iso.slice(0, 7) : "";
  return date.getUTCDate() === 1 || first ? iso.slice(0, 10) : iso.slice(8, 10);
}
