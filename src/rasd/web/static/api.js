// Calls to rasd's HTTP API. Every error has one shape: {ok: false, error: {status, code, message, details}}.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
  }
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new ApiError(0, "network", error.message, []);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(
      response.status,
      error.code || "error",
      error.message || response.statusText,
      error.details,
    );
  }
  return body;
}

export function getJSON(path) {
  return request(path, { headers: { Accept: "application/json" } });
}

function send(method, path, body) {
  return request(path, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
}

/** The query string of a filter, in the API's parameter names (empty values left out). */
export function filterParams(filters, extra = {}) {
  const params = new URLSearchParams();
  const values = { ...filters, ...extra };
  for (const [name, value] of Object.entries(values)) {
    if (value !== "" && value !== null && value !== undefined) params.set(name, String(value));
  }
  return params;
}

export const api = {
  meta: () => getJSON("/map/meta"),
  points: (q) => getJSON(`/map/points?${filterParams({ q })}`),
  boundaries: (level) => getJSON(`/map/boundaries/${level}`),
  event: (id) => getJSON(`/events/${encodeURIComponent(id)}`),
  article: (id) => getJSON(`/articles/${encodeURIComponent(id)}`),
  history: (id) => getJSON(`/events/${encodeURIComponent(id)}/history`),
  places: (q) => getJSON(`/places?${new URLSearchParams({ q, limit: "12" })}`),
  edit: (id, body) => send("PATCH", `/events/${encodeURIComponent(id)}`, body),
  confirm: (id, body) => send("POST", `/events/${encodeURIComponent(id)}/confirm`, body),
  reject: (id, body) => send("POST", `/events/${encodeURIComponent(id)}/reject`, body),
  split: (id, body) => send("POST", `/events/${encodeURIComponent(id)}/split`, body),
  merge: (id, body) => send("POST", `/events/${encodeURIComponent(id)}/merge`, body),
};
