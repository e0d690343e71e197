// The well list: search by name, reference or code, filter by field, page through (GET /api/wells, /api/fields).

import { getJson, esc, fmt } from '../api.js';

const pageSize = 25;

export async function renderWells(main, params) {
  const search = params.get('search') ?? '';
  const field = params.get('field') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  main.innerHTML = `
    <h1>Wells</h1>
    <form class="controls" id="well-filter" role="search">
      <label>Search <input type="search" name="search" id="well-search" value="${esc(search)}"
        placeholder="name, reference or code" autocomplete="off"></label>
      <label>Field <select name="field" id="field-filter"><option value="">All fields</option></select></label>
      <button type="submit">Apply</button>
    </form>
    <div id="well-table"><p class="muted">Loading…</p></div>`;
  const form = main.querySelector('#well-filter');
  const go = (nextPage = 1) => {
    const query = new URLSearchParams();
    const data = new FormData(form);
    for (const name of ['search', 'field']) {
      const value = data.get(name);
      if (typeof value === 'string' && value) query.set(name, value);
    }
    if (nextPage > 1) query.set('page', String(nextPage));
    const target = `#/wells${query.size ? `?${query}` : ''}`;
    if (location.hash !== target) location.hash = target;
  };
  form.addEventListener('submit', event => { event.preventDefault(); go(); });
  form.querySelector('select').addEventListener('change', () => go());
  let timer;
  form.querySelector('input').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => go(), 350); });

  const [fields, wells] = await Promise.all([getJson('/api/fields'),
    getJson('/api/wells', { query: { page, page_size: pageSize, search, field: field === '' ? undefined : Number(field) } })]);
  const select = form.querySelector('select');
  for (const f of fields.items) {
    select.append(new Option(`${f.field_name} (${f.well_count})`, String(f.field_code), false, String(f.field_code) === field));
  }
  const rows = wells.items.map(w => `
    <tr data-well="${w.well_code}">
      <td><a href="#/wells/${w.well_code}">${esc(w.well_name)}</a></td>
      <td>${esc(w.well_reference)}</td>
      <td><a href="#/fields/${w.field_code}">${esc(w.field_name)}</a></td>
      <td>${esc(w.first_production_date)}</td><td>${esc(w.last_production_date)}</td>
      <td class="num">${fmt(w.cum_oil_kbbl)}</td><td class="num">${fmt(w.cum_gas_mmcf)}</td><td class="num">${fmt(w.cum_water_kbbl)}</td>
    </tr>`).join('');
  const pages = Math.max(1, Math.ceil(wells.total / pageSize));
  const table = main.querySelector('#well-table');
  table.innerHTML = wells.items.length === 0 ? '<p class="muted">No wells match.</p>' : `
    <table>
      <caption class="muted" style="text-align:left">${wells.total} wells</caption>
      <thead><tr><th>Well</th><th>Reference</th><th>Field</th><th>First production</th><th>Last production</th>
        <th class="num">Cum oil (kbbl)</th><th class="num">Cum gas (MMcf)</th><th class="num">Cum water (kbbl)</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <div class="pager">
      <button type="button" data-page="${page - 1}" ${page <= 1 ? 'disabled' : ''}>Previous</button>
      <span>Page ${page} of ${pages}</span>
      <button type="button" data-page="${page + 1}" ${page >= pages ? 'disabled' : ''}>Next</button>
    </div>`;
  table.querySelectorAll('[data-page]').forEach(button => button.addEventListener('click', () => go(Number(button.dataset.page))));
  // "/" focuses the search box, as on many sites (ignored while typing in a field).
  document.onkeydown = event => {
    if (event.key === '/' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName) && main.dataset.page === 'wells') {
      event.preventDefault();
      main.querySelector('#well-search')?.focus();
    }
  };
  if (search) {
    const input = form.querySelector('input');
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
}
