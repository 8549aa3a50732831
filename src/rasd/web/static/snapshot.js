// Map snapshots for a briefing, made in the browser from what the map shows: the layers are
// canvases (outlines, labels, events), so they are composed onto one canvas with a title,
// the filters, a legend and the credits; PNG as it is, PDF as one A4 page holding that image
// (a JPEG in a PDF written here in ~40 lines: every text is in the image, so Arabic needs no
// PDF font, and no 300 KB PDF library is shipped).

import { TYPE_ORDER, typeColor } from "./data.js";
import { formatNumber, language, t, typeLabel } from "./i18n.js";

const SCALE = 2;
const HEADER = 64;
const FOOTER = 30;
const FONT = '"Noto Sans Arabic", "Segoe UI", system-ui, sans-serif';

/** A canvas holding the map as shown, with title, filters, legend and credits. */
export function compose(mapElement, { filtersText, summary, tiles }) {
  const box = mapElement.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const canvas = document.createElement("canvas");
  canvas.width = width * SCALE;
  canvas.height = (height + HEADER + FOOTER) * SCALE;
  const context = canvas.getContext("2d");
  context.scale(SCALE, SCALE);
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height + HEADER + FOOTER);
  drawHeader(context, width, filtersText, summary);
  context.save();
  context.translate(0, HEADER);
  context.beginPath();
  context.rect(0, 0, width, height);
  context.clip();
  context.fillStyle = getComputedStyle(mapElement).backgroundColor || "#dde6ee";
  context.fillRect(0, 0, width, height);
  if (tiles) drawImages(context, mapElement, box, ".leaflet-tile-pane img.leaflet-tile-loaded");
  drawCanvases(context, mapElement, box);
  drawLegend(context, height, summary);
  context.restore();
  drawFooter(context, width, height + HEADER);
  return canvas;
}

function drawImages(context, mapElement, box, selector) {
  for (const img of mapElement.querySelectorAll(selector)) {
    const r = img.getBoundingClientRect();
    context.drawImage(img, r.left - box.left, r.top - box.top, r.width, r.height);
  }
}

function drawCanvases(context, mapElement, box) {
  const canvases = [...mapElement.querySelectorAll(".leaflet-pane canvas")];
  const depth = (c) => Number(getComputedStyle(c.closest(".leaflet-pane")).zIndex) || 0;
  canvases.sort((a, b) => depth(a) - depth(b));
  for (const c of canvases) {
    const r = c.getBoundingClientRect();
    if (r.width && r.height) context.drawImage(c, r.left - box.left, r.top - box.top, r.width, r.height);
  }
}

function textAt(context, value, x, y, width) {
  const rtl = language() === "ar";
  context.direction = rtl ? "rtl" : "ltr";
  context.textAlign = rtl ? "right" : "left";
  context.fillText(value, rtl ? width - x : x, y);
}

function drawHeader(context, width, filtersText, summary) {
  context.fillStyle = "#1d1d1b";
  context.textBaseline = "top";
  context.font = `600 18px ${FONT}`;
  const counts = `${formatNumber(summary.events)} · ${t("fatalities_count", { n: formatNumber(summary.fatalities) })}`;
  textAt(context, `${t("snapshot_title")} — ${counts}`, 16, 12, width);
  context.font = `12px ${FONT}`;
  context.fillStyle = "#4a473f";
  textAt(context, `${t("snapshot_filters")}: ${filtersText || t("snapshot_none")}`, 16, 40, width);
}

function drawLegend(context, height, summary) {
  const rows = TYPE_ORDER.filter((type) => summary.byType.get(type));
  if (!rows.length) return;
  const rtl = language() === "ar";
  context.font = `12px ${FONT}`;
  const labelWidth = Math.max(...rows.map((type) => context.measureText(`${typeLabel(type)}  ${formatNumber(summary.byType.get(type))}`).width));
  const w = labelWidth + 36;
  const h = rows.length * 18 + 12;
  const x = 10;
  const y = height - h - 26;
  context.fillStyle = "rgba(255,255,255,0.92)";
  context.fillRect(x, y, w, h);
  context.strokeStyle = "rgba(0,0,0,0.2)";
  context.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  context.textBaseline = "middle";
  rows.forEach((type, k) => {
    const cy = y + 12 + k * 18;
    context.fillStyle = typeColor(type);
    context.beginPath();
    context.arc(rtl ? x + w - 14 : x + 14, cy, 5.5, 0, 2 * Math.PI);
    context.fill();
    context.fillStyle = "#1d1d1b";
    context.direction = rtl ? "rtl" : "ltr";
    context.textAlign = rtl ? "right" : "left";
    context.fillText(`${typeLabel(type)}  ${formatNumber(summary.byType.get(type))}`, rtl ? x + w - 26 : x + 26, cy);
  });
}

function drawFooter(context, width, top) {
  context.fillStyle = "#5f5b52";
  context.font = `11px ${FONT}`;
  context.textBaseline = "middle";
  const made = t("snapshot_made", { date: new Date().toISOString().slice(0, 16).replace("T", " ") });
  textAt(context, `${made} · ${t("snapshot_credit")}`, 16, top + FOOTER / 2, width);
}

/** The canvas as a PNG Blob. */
export function pngBlob(canvas) {
  return new Promise((resolve, reject) => {
    try {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("empty image"))), "image/png");
    } catch (error) {
      reject(error);
    }
  });
}

/** One A4 landscape PDF page holding the canvas as a JPEG, as a Blob. */
export async function pdfBlob(canvas) {
  const jpeg = await new Promise((resolve, reject) => {
    try {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("empty image"))), "image/jpeg", 0.92);
    } catch (error) {
      reject(error);
    }
  });
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  return new Blob([pdfWithImage(bytes, canvas.width, canvas.height)], { type: "application/pdf" });
}

/** A one-page PDF (A4 landscape, 24 pt margins) showing a JPEG of `width` x `height` pixels. */
export function pdfWithImage(jpeg, width, height) {
  const [pageW, pageH, margin] = [842, 595, 24];
  const fit = Math.min((pageW - 2 * margin) / width, (pageH - 2 * margin) / height);
  const [w, h] = [width * fit, height * fit];
  const [x, y] = [(pageW - w) / 2, (pageH - h) / 2];
  const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /Im0 Do Q`;
  const encoder = new TextEncoder();
  const parts = [];
  const offsets = [];
  let length = 0;
  const add = (chunk) => {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (n, body, stream) => {
    offsets[n] = length;
    add(`${n} 0 obj\n${body}\n`);
    if (stream) {
      add("stream\n");
      add(stream);
      add("\nendstream\n");
    }
    add("endobj\n");
  };
  add("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`);
  object(4, `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>`, jpeg);
  object(5, `<< /Length ${content.length} >>`, content);
  object(6, "<< /Title (rasd map) /Producer (rasd) >>");
  const xref = length;
  add(`xref\n0 7\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`);
  add(`trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Save a Blob as a file. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
