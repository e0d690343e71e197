// The dashboard's router: hash routes, so the server serves one page and the back button works.
//   #/wells            well list (search, field filter)
//   #/wells/{code}     one well: production, decline and forecast, trendline, moving averages, cumulative, revenue
//   #/fields[/{code}]  field overview
//   #/forecasts[?stream=oil|gas]  forecast accuracy: the hindcast of the snapshot's wells per model, cohort, horizon
//   #/data             snapshot freshness, latest runs, test results, lineage

import { age, esc } from './api.js';
import { disposeCharts } from './charts.js';
import { renderWells } from './pages/wells.js';
import { renderWell } from './pages/well.js';
import { renderFields } from './pages/fields.js';
import { renderData } from './pages/data.js';
import { renderForecasts } from './pages/forecasts.js';

const main = document.getElementById('main');
const snapshot = document.getElementById('snapshot');

document.addEventListener('wellhouse:snapshot', event => {
  const { id, asOf } = /** @type {CustomEvent<{ id: string, asOf: string }>} */ (event).detail;
  snapshot.textContent = `Snapshot ${id} · ${age(asOf)}`;
  snapshot.title = `Data as of ${asOf}`;
});

/** @type {[RegExp, (match: RegExpMatchArray) => Promise<void>, string][]} */
const routes = [
  [/^#\/wells\/(\d+)$/, match => renderWell(main, Number(match[1])), 'wells'],
  [/^#\/wells(?:\?(.*))?$/, match => renderWells(main, new URLSearchParams(match[1] ?? '')), 'wells'],
  [/^#\/fields(?:\/(\d+))?$/, match => renderFields(main, match[1] ? Number(match[1]) : null), 'fields'],
  [/^#\/forecasts(?:\?(.*))?$/, match => renderForecasts(main, new URLSearchParams(match[1] ?? '').get('stream') === 'gas' ? 'gas' : 'oil'), 'forecasts'],
  [/^#\/data$/, () => renderData(main), 'data'],
];

let current = 0;

async function route() {
  const hash = location.hash || '#/wells';
  const found = routes.map(([pattern, render, nav]) => /** @type {const} */ ([hash.match(pattern), render, nav])).find(([match]) => match);
  disposeCharts();
  const token = ++current;
  document.querySelectorAll('[data-nav]').forEach((/** @type {HTMLElement} */ link) => {
    if (found?.[2] === link.dataset.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  main.dataset.page = found?.[2] ?? 'missing';
  main.dataset.loaded = 'false';
  if (!found) {
    main.innerHTML = `<h1>Not found</h1><p>No page <code>${esc(hash)}</code>. <a href="#/wells">Wells</a></p>`;
    main.dataset.loaded = 'true';
    main.dataset.route = location.hash;
    return;
  }
  try {
    await found[1](found[0]);
  } catch (error) {
    if (token !== current) return;
    if (error.status === 503) {
      // No snapshot published yet (a first start builds one from the bundled sample): wait for it.
      main.innerHTML = '<h1>Preparing data</h1><p class="muted" role="status">The first snapshot is being built; '
        + 'this page will load as soon as it is published.</p>';
      main.dataset.waiting = 'true';
      setTimeout(() => { if (token === current) route(); }, 2000);
      return;
    }
    main.insertAdjacentHTML('beforeend', `<p class="error" role="alert">${esc(error.message)}</p>`);
  }
  delete main.dataset.waiting;
  if (token === current) {
    main.dataset.loaded = 'true';
    main.dataset.route = location.hash;
  }
}

window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
route();
