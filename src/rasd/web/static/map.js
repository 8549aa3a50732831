// The map: an offline basemap of admin outlines with Arabic and English labels, events
// clustered with supercluster and drawn on one canvas (colour by event type, size by
// fatalities, pies for clusters), an optional online tile layer, a legend that filters.

import * as L from "leaflet";
import Supercluster from "supercluster";
import { api } from "./api.js";
import { NO_DAY, TYPE_ORDER, text, typeColor } from "./data.js";
import { formatNumber, language, t, typeLabel } from "./i18n.js";

const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const TILE_ATTRIBUTION = "© OpenStreetMap contributors";
const BASEMAP_ATTRIBUTION = "Boundaries: Who's On First, UN OCHA/HDX, OpenSyria";
const LEVEL_MIN_ZOOM = { 0: 0, 1: 5, 2: 7 };
const LAND = "#f5f2eb";
const FONT = '"Noto Sans Arabic", "Segoe UI", system-ui, sans-serif';

/** Radius in CSS pixels of an event's dot: grows with the square root of its fatalities. */
export function pointRadius(fatalities) {
  return 4.5 + Math.min(13, 2.1 * Math.sqrt(fatalities));
}

function clusterRadius(count) {
  return Math.min(30, 11 + 3.2 * Math.log2(count));
}

// ----------------------------------------------------------------------------- canvas layer

/** A canvas the size of the map, redrawn after every move; hidden while zoom animates. */
const CanvasLayer = L.Layer.extend({
  options: { pane: "overlayPane" },

  onAdd(map) {
    this._canvas = L.DomUtil.create("canvas", "rasd-canvas leaflet-zoom-hide");
    map.getPane(this.options.pane).appendChild(this._canvas);
    map.on("moveend zoomend resize viewreset", this.redraw, this);
    this.redraw();
  },

  onRemove(map) {
    this._canvas.remove();
    map.off("moveend zoomend resize viewreset", this.redraw, this);
  },

  redraw() {
    if (!this._map) return;
    const map = this._map;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const canvas = this._canvas;
    canvas.width = Math.round(size.x * ratio);
    canvas.height = Math.round(size.y * ratio);
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const context = canvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size.x, size.y);
    this.draw(context, size);
  },

  draw() {},
});

// ----------------------------------------------------------------------------- labels

const LabelLayer = CanvasLayer.extend({
  initialize(basemap, options) {
    L.setOptions(this, options);
    this._basemap = basemap;
  },

  draw(context, size) {
    const map = this._map;
    const level = map.getZoom() >= 8 && this._basemap.layers[2] ? 2
      : map.getZoom() >= 5.5 ? 1 : 0;
    const features = this._basemap.features[level] || [];
    const taken = [];
    context.font = `${level === 0 ? 600 : 400} ${level === 0 ? 13 : 11.5}px ${FONT}`;
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.lineJoin = "round";
    for (const feature of features) {
      const props = feature.properties;
      const name = language() === "ar" ? props.name_ar || props.name_en : props.name_en || props.name_ar;
      if (!name) continue;
      const p = map.latLngToContainerPoint([props.label[1], props.label[0]]);
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) continue;
      const width = context.measureText(name).width;
      const box = [p.x - width / 2 - 3, p.y - 8, p.x + width / 2 + 3, p.y + 8];
      if (taken.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      taken.push(box);
      context.strokeStyle = "rgba(255,255,255,0.9)";
      context.lineWidth = 3;
      context.strokeText(name, p.x, p.y);
      context.fillStyle = level === 0 ? "#6b6557" : "#8a8476";
      context.fillText(name, p.x, p.y);
    }
  },
});

// ----------------------------------------------------------------------------- events

const EventLayer = CanvasLayer.extend({
  initialize(handlers, options) {
    L.setOptions(this, options);
    this._handlers = handlers;
    this._drawn = [];
    this._index = null;
    this._data = null;
    this.selected = -1;
  },

  setRows(data, rows) {
    this._data = data;
    const types = data.values.event_type;
    const slot = types.map((name) => {
      const k = TYPE_ORDER.indexOf(name);
      return k < 0 ? TYPE_ORDER.length : k;
    });
    const features = [];
    for (const i of rows) {
      if (Number.isNaN(data.lat[i]) || Number.isNaN(data.lon[i])) continue;
      features.push({
        type: "Feature",
        properties: { row: i, slot: slot[data.event_type[i]], f: data.fatalities[i] },
        geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] },
      });
    }
    this._index = new Supercluster({
      radius: 46,
      minZoom: 3,
      maxZoom: 11,
      map: (p) => {
        const counts = new Array(TYPE_ORDER.length + 1).fill(0);
        counts[p.slot] = 1;
        return { counts, f: p.f };
      },
      reduce: (into, p) => {
        for (let k = 0; k < into.counts.length; k++) into.counts[k] += p.counts[k];
        into.f += p.f;
      },
    }).load(features);
    this.redraw();
  },

  draw(context, size) {
    this._drawn = [];
    if (!this._index) return;
    const map = this._map;
    const bounds = map.getBounds().pad(0.1);
    const zoom = Math.round(map.getZoom());
    const items = this._index.getClusters(
      [bounds.getWest(), Math.max(-85, bounds.getSouth()), bounds.getEast(), Math.min(85, bounds.getNorth())],
      zoom,
    );
    items.sort((a, b) => (a.properties.cluster ? 1 : 0) - (b.properties.cluster ? 1 : 0) ||
      (a.properties.f ?? 0) - (b.properties.f ?? 0));
    for (const item of items) {
      const [lon, lat] = item.geometry.coordinates;
      const p = map.latLngToContainerPoint([lat, lon]);
      if (item.properties.cluster) this._drawCluster(context, p, item);
      else this._drawPoint(context, p, item.properties.row);
    }
    this._drawSelected(context);
  },

  _drawPoint(context, p, row) {
    const data = this._data;
    const r = pointRadius(data.fatalities[row]);
    const status = text(data, "review_status", row);
    context.beginPath();
    context.arc(p.x, p.y, r, 0, 2 * Math.PI);
    context.globalAlpha = status === "rejected" ? 0.35 : 0.88;
    context.fillStyle = typeColor(text(data, "event_type", row));
    context.fill();
    context.globalAlpha = 1;
    context.lineWidth = status === "machine" ? 1 : 2;
    context.strokeStyle = status === "machine" ? "#ffffff" : "#1d1d1b";
    context.stroke();
    this._drawn.push({ x: p.x, y: p.y, r, row });
  },

  _drawCluster(context, p, item) {
    const { counts, point_count: count, f } = item.properties;
    const r = clusterRadius(count);
    let angle = -Math.PI / 2;
    for (let k = 0; k < counts.length; k++) {
      if (!counts[k]) continue;
      const sweep = (2 * Math.PI * counts[k]) / count;
      context.beginPath();
      context.moveTo(p.x, p.y);
      context.arc(p.x, p.y, r, angle, angle + sweep);
      context.closePath();
      context.fillStyle = k < TYPE_ORDER.length ? typeColor(TYPE_ORDER[k]) : "#777";
      context.fill();
      angle += sweep;
    }
    context.beginPath();
    context.arc(p.x, p.y, r * 0.62, 0, 2 * Math.PI);
    context.fillStyle = "rgba(255,255,255,0.94)";
    context.fill();
    context.lineWidth = 1;
    context.strokeStyle = "rgba(0,0,0,0.25)";
    context.beginPath();
    context.arc(p.x, p.y, r, 0, 2 * Math.PI);
    context.stroke();
    context.fillStyle = "#1d1d1b";
    context.font = `600 ${count >= 1000 ? 10 : 11}px ${FONT}`;
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText(compact(count), p.x, p.y + 0.5);
    this._drawn.push({ x: p.x, y: p.y, r, cluster: item, fatalities: f });
  },

  _drawSelected(context) {
    const data = this._data;
    const i = this.selected;
    if (!data || i < 0 || Number.isNaN(data.lat[i])) return;
    const p = this._map.latLngToContainerPoint([data.lat[i], data.lon[i]]);
    const r = pointRadius(data.fatalities[i]);
    context.beginPath();
    context.arc(p.x, p.y, r, 0, 2 * Math.PI);
    context.fillStyle = typeColor(text(data, "event_type", i));
    context.fill();
    for (const [width, colour, extra] of [[5, "#ffffff", 4], [2.5, "#1d1d1b", 4]]) {
      context.beginPath();
      context.arc(p.x, p.y, r + extra, 0, 2 * Math.PI);
      context.lineWidth = width;
      context.strokeStyle = colour;
      context.stroke();
    }
  },

  /** The drawn item under a container point (the top-most), or null. */
  hit(point) {
    for (let k = this._drawn.length - 1; k >= 0; k--) {
      const item = this._drawn[k];
      const dx = item.x - point.x;
      const dy = item.y - point.y;
      if (dx * dx + dy * dy <= (item.r + 2) ** 2) return item;
    }
    return null;
  },

  expansionZoom(cluster) {
    return this._index.getClusterExpansionZoom(cluster.properties.cluster_id);
  },

  clusterRows(cluster, limit = 6) {
    return this._index.getLeaves(cluster.properties.cluster_id, limit).map((f) => f.properties.row);
  },
});

function compact(n) {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

// ----------------------------------------------------------------------------- the map

/** The map in `element`; `handlers.onSelect(row)` opens an event, `onType(type)` filters. */
export function createMap(element, handlers) {
  const map = L.map(element, {
    center: [34.8, 38.5],
    zoom: 6,
    minZoom: 3,
    maxZoom: 15,
    zoomSnap: 0.5,
    worldCopyJump: false,
    attributionControl: true,
    preferCanvas: true,
  });
  map.attributionControl.setPrefix(false);
  for (const [name, z] of [["basemap", 250], ["labels", 420], ["events", 450]]) {
    map.createPane(name).style.zIndex = String(z);
  }
  map.getPane("labels").style.pointerEvents = "none";
  map.getPane("events").style.pointerEvents = "none";

  const basemap = createBasemap(map);
  const labels = new LabelLayer(basemap, { pane: "labels" });
  labels.addTo(map);
  basemap.labels = labels;
  const events = new EventLayer(handlers, { pane: "events" });
  events.addTo(map);
  const tiles = L.tileLayer(TILE_URL, {
    attribution: TILE_ATTRIBUTION,
    maxZoom: 19,
    crossOrigin: "anonymous",
  });

  const tooltip = L.DomUtil.create("div", "map-tooltip", element);
  tooltip.hidden = true;
  wirePointer(map, events, tooltip, handlers);
  const legend = addLegend(map, handlers);
  addFitButton(map, () => handlers.onFit());
  const layers = addLayerSwitch(map, basemap, tiles);

  return {
    leaflet: map,
    events,
    basemap,
    setRows(data, rows, summary) {
      events.setRows(data, rows);
      legend.update(summary);
    },
    select(row, data, { pan = true, zoom = false } = {}) {
      events.selected = row;
      events.redraw();
      if (!pan || row < 0 || Number.isNaN(data.lat[row])) return;
      const target = L.latLng(data.lat[row], data.lon[row]);
      if (zoom) map.setView(target, Math.max(map.getZoom(), 8), { animate: false });
      else if (!map.getBounds().pad(-0.15).contains(target)) map.panTo(target);
    },
    fit(data, rows, { animate = true } = {}) {
      const points = [];
      for (const i of rows) if (!Number.isNaN(data.lat[i])) points.push([data.lat[i], data.lon[i]]);
      if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.08), { maxZoom: 9, animate });
    },
    relabel() {
      labels.redraw();
      legend.update();
      layers.relabel();
    },
    tilesOn: () => map.hasLayer(tiles),
  };
}

function wirePointer(map, events, tooltip, handlers) {
  let pending = null;
  map.on("mousemove", (e) => {
    pending = e.containerPoint;
    requestAnimationFrame(() => {
      if (!pending) return;
      const item = events.hit(pending);
      map.getContainer().style.cursor = item ? "pointer" : "";
      showTooltip(tooltip, events, item, pending);
      pending = null;
    });
  });
  map.on("mouseout", () => { tooltip.hidden = true; });
  map.on("click", (e) => {
    const item = events.hit(e.containerPoint);
    if (!item) return;
    if (item.cluster) {
      const zoom = Math.min(events.expansionZoom(item.cluster), map.getMaxZoom());
      const [lon, lat] = item.cluster.geometry.coordinates;
      map.flyTo([lat, lon], zoom, { duration: 0.4 });
    } else {
      handlers.onSelect(item.row);
    }
  });
}

function showTooltip(tooltip, events, item, point) {
  if (!item) {
    tooltip.hidden = true;
    return;
  }
  const data = events._data;
  tooltip.replaceChildren();
  if (item.cluster) {
    const count = item.cluster.properties.point_count;
    line(tooltip, `${formatNumber(count)} · ${t("fatalities_count", { n: formatNumber(item.fatalities) })}`, "strong");
    item.cluster.properties.counts.forEach((n, k) => {
      if (n && k < TYPE_ORDER.length) line(tooltip, `${typeLabel(TYPE_ORDER[k])}: ${formatNumber(n)}`);
    });
  } else {
    const i = item.row;
    const day = data.day[i] === NO_DAY ? "" : new Date(data.day[i] * 86400000).toISOString().slice(0, 10);
    line(tooltip, `${day} · ${typeLabel(text(data, "sub_event_type", i))}`, "strong");
    line(tooltip, [text(data, "location", i), text(data, "admin1", i)].filter(Boolean).join(", "));
    const actors = [text(data, "actor1", i), text(data, "actor2", i)].filter(Boolean).join(" — ");
    if (actors) line(tooltip, actors);
    line(tooltip, t("fatalities_count", { n: formatNumber(data.fatalities[i]) }));
  }
  tooltip.hidden = false;
  const flip = point.x > tooltip.parentElement.clientWidth - 260;
  tooltip.style.left = `${flip ? point.x - tooltip.offsetWidth - 14 : point.x + 14}px`;
  tooltip.style.top = `${Math.max(4, point.y - 10)}px`;
}

function line(parent, content, tag = "div") {
  const el = document.createElement(tag === "strong" ? "div" : tag);
  if (tag === "strong") el.className = "strong";
  el.textContent = content;
  parent.appendChild(el);
}

// ----------------------------------------------------------------------------- basemap

function createBasemap(map) {
  const renderer = L.canvas({ pane: "basemap", padding: 0.3 });
  const basemap = { layers: {}, features: {}, visible: true, land: LAND, renderer };
  const style = (level) => () => ({
    renderer,
    pane: "basemap",
    interactive: false,
    color: level === 0 ? "#8f8879" : level === 1 ? "#aaa291" : "#cbc4b4",
    weight: level === 0 ? 1.3 : level === 1 ? 0.9 : 0.6,
    fill: level === 0,
    fillColor: basemap.land,
    fillOpacity: basemap.land === "transparent" ? 0 : 1,
  });
  const load = async (level) => {
    if (basemap.layers[level] || basemap[`loading${level}`]) return;
    basemap[`loading${level}`] = true;
    const body = await api.boundaries(level);
    basemap.features[level] = body.features;
    basemap.layers[level] = L.geoJSON(body, { style: style(level) });
    basemap.style = style;
    update();
    basemap.labels?.redraw();
  };
  const update = () => {
    for (const [level, layer] of Object.entries(basemap.layers)) {
      const show = basemap.visible && map.getZoom() >= LEVEL_MIN_ZOOM[level];
      if (show && !map.hasLayer(layer)) layer.addTo(map);
      if (!show && map.hasLayer(layer)) map.removeLayer(layer);
    }
    if (map.getZoom() >= LEVEL_MIN_ZOOM[2] - 0.5) load(2).catch(() => {});
  };
  map.on("zoomend", update);
  map.attributionControl.addAttribution(BASEMAP_ATTRIBUTION);
  basemap.ready = Promise.all([load(0), load(1)]);
  basemap.update = update;
  basemap.setLand = (colour) => {
    basemap.land = colour;
    for (const [level, layer] of Object.entries(basemap.layers)) layer.setStyle(style(Number(level)));
  };
  return basemap;
}

// ----------------------------------------------------------------------------- controls

function addLegend(map, handlers) {
  const control = L.control({ position: "bottomleft" });
  let last = null;
  const element = L.DomUtil.create("div", "legend");
  L.DomEvent.disableClickPropagation(element);
  control.onAdd = () => element;
  control.addTo(map);
  const update = (summary) => {
    last = summary || last;
    element.replaceChildren();
    const title = document.createElement("div");
    title.className = "legend-title";
    title.textContent = t("legend");
    element.appendChild(title);
    for (const type of TYPE_ORDER) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "legend-item";
      button.dataset.type = type;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = typeColor(type);
      const label = document.createElement("span");
      label.textContent = typeLabel(type);
      const count = document.createElement("span");
      count.className = "legend-count";
      count.textContent = formatNumber(last?.byType.get(type) || 0);
      button.append(swatch, label, count);
      button.addEventListener("click", () => handlers.onType(type));
      element.appendChild(button);
    }
  };
  update(null);
  return { update };
}

function addFitButton(map, onFit) {
  const control = L.control({ position: "topleft" });
  control.onAdd = () => {
    const bar = L.DomUtil.create("div", "leaflet-bar");
    const link = L.DomUtil.create("a", "fit-button", bar);
    link.href = "#";
    link.role = "button";
    link.title = "Fit the map to the events shown (f)";
    link.textContent = "⤢";
    L.DomEvent.on(link, "click", (e) => {
      L.DomEvent.preventDefault(e);
      L.DomEvent.stopPropagation(e);
      onFit();
    });
    return bar;
  };
  control.addTo(map);
}

function addLayerSwitch(map, basemap, tiles) {
  const control = L.control({ position: "topright" });
  const element = L.DomUtil.create("div", "layer-switch");
  L.DomEvent.disableClickPropagation(element);
  const box = (key, checked, onChange) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.checked = checked;
    input.dataset.layer = key;
    input.addEventListener("change", () => onChange(input.checked));
    const span = document.createElement("span");
    span.dataset.i18n = key;
    span.textContent = t(key);
    label.append(input, span);
    element.appendChild(label);
  };
  box("layers_basemap", true, (on) => {
    basemap.visible = on;
    basemap.update();
  });
  box("layers_tiles", false, (on) => {
    if (on) tiles.addTo(map);
    else map.removeLayer(tiles);
    basemap.setLand(on ? "transparent" : LAND);
  });
  control.onAdd = () => element;
  control.addTo(map);
  return {
    relabel() {
      for (const span of element.querySelectorAll("[data-i18n]")) span.textContent = t(span.dataset.i18n);
    },
  };
}
