// A small helper to build DOM nodes without innerHTML (article text is never parsed as HTML).

/**
 * h("div", {class: "x", onclick: fn}, "text", child, [more]) -> HTMLElement.
 * Attributes starting with "on" become listeners; `dataset` and `style` take objects.
 */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "dataset" || name === "style") {
      Object.assign(el[name], value);
    } else if (name === "text") {
      el.textContent = value;
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}
