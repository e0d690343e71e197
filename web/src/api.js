// Reading the Wellhouse API (docs/api.md): JSON with snake_case names, ISO dates, units in the names. Calls are typed
// by the OpenAPI document: web/types/api-types.d.ts is what openapi-typescript generates from docs/openapi.json (at
// test time, see docs/dashboard.md), and tsc --checkJs checks every path, parameter and property read here and in
// the pages against it.

/** @typedef {import('../types/api-types').paths} Paths */
/**
 * Paths of the document with a JSON GET answer.
 * @typedef {{ [P in keyof Paths]: Paths[P] extends { get: { responses: { 200: { content: { 'application/json': unknown } } } } } ? P : never }[keyof Paths]} ApiRead
 */
/**
 * The JSON answer of a GET.
 * @template {ApiRead} P
 * @typedef {Paths[P]['get']['responses'][200]['content']['application/json']} Answer
 */
/**
 * Path and query parameters of a GET, as the document declares them.
 * @template {ApiRead} P
 * @typedef {{ path?: Paths[P]['get']['parameters']['path'], query?: Paths[P]['get']['parameters']['query'] }} Params
 */
/**
 * One row of a GET's list (its `items`, or another array property such as a run's `nodes`); for an answer of several
 * shapes (production by granularity) a row of any of them.
 * @template {ApiRead} P
 * @template {string} [K='items']
 * @typedef {Answer<P> extends infer A ? A extends { [key in K]: (infer R)[] } ? R : never : never} Row
 */

/**
 * The URL of a GET: path parameters filled in, query parameters appended (undefined, null and '' left out).
 * @template {ApiRead} P
 * @param {P} path the document's path template, e.g. '/api/wells/{wellCode}'
 * @param {Params<P>} [params]
 * @returns {string}
 */
export function apiUrl(path, params = {}) {
  /** @type {Record<string, unknown>} */
  const pathValues = params.path ?? {};
  const url = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(pathValues[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  return query.size ? `${url}?${query}` : url;
}

/**
 * Fetches a GET of the API; throws an Error with the problem's title and detail on a non-2xx answer.
 * @template {ApiRead} P
 * @param {P} path
 * @param {Params<P>} [params]
 * @returns {Promise<Answer<P>>}
 */
export function getJson(path, params) {
  return fetchJson(apiUrl(path, params));
}

/**
 * Fetches JSON from any URL of the server (the API by a URL already made, or the dashboard's own /dashboard/*.json,
 * which are not part of the API document); announces the snapshot it was read from.
 * @param {string} url
 * @returns {Promise<any>}
 */
export async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const asOf = response.headers.get('X-Data-As-Of');
  if (asOf) {
    document.dispatchEvent(new CustomEvent('wellhouse:snapshot',
      { detail: { id: response.headers.get('X-Data-Snapshot'), asOf } }));
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      message = [problem.title, problem.detail].filter(Boolean).join(': ') || message;
    } catch { /* not a problem document */ }
    throw Object.assign(new Error(`${url}: ${message}`), { status: response.status });
  }
  return response.json();
}

/** The rows of a series answer ({..., items: [...]}) or of a nested list (e.g. a run's nodes). */
export function rowsOf(json, itemsKey = 'items') {
  return Array.isArray(json) ? json : (json[itemsKey] ?? []);
}
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A number for a table or a card; an em dash for null. */
export function fmt(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (typeof value !== 'number') return String(value);
  if (digits !== undefined) return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return Math.abs(value) >= 100000 ? compactFormat.format(value) : numberFormat.format(value);
}

/** "3 h ago" for an ISO timestamp. */
export function age(iso) {
  const seconds = (Date.now() - Date.parse(iso)) / 1000;
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 90) return `${Math.max(0, Math.round(seconds))} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

/** Escapes text for HTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Builds an element from an HTML string (values must already be escaped with esc). */
export function html(text) {
  const template = document.createElement('template');
  template.innerHTML = text.trim();
  return template.content;
}
