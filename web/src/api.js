// Reading the Wellhouse API (docs/api.md): JSON with snake_case names, ISO dates, units in the names.

/** Fetches JSON from the API; throws an Error with the problem's title and detail on a non-2xx answer. */
export async function getJson(url) {
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
