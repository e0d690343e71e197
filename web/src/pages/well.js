// One well: summary cards and the charts of pages/well-charts.js, with the stream and log-scale controls.

import { getJson, esc, fmt } from '../api.js';
import { disposeCharts, load } from '../charts.js';
import { wellCharts } from './well-charts.js';

export async function renderWell(main, code) {
  main.innerHTML = '<p class="muted">Loading…</p>';
  const well = await getJson('/api/wells/{wellCode}', { path: { wellCode: code } });
  /** @type {{ stream: import('./well-charts.js').Stream, log: boolean }} */
  const state = { stream: 'oil', log: false };
  main.innerHTML = `
    <p><a href="#/wells">← Wells</a></p>
    <h1>${esc(well.well_name)} <span class="muted">· ${esc(well.well_reference)} ·
      <a href="#/fields/${well.field_code}">${esc(well.field_name)}</a></span></h1>
    <div class="stats">
      ${stat('Cum oil (kbbl)', well.cum_oil_kbbl)}${stat('Cum gas (MMcf)', well.cum_gas_mmcf)}
      ${stat('Cum water (kbbl)', well.cum_water_kbbl)}${stat(rateLabel(well), well.current_oil_rate_kbd, 3)}
      ${stat('Oil EUR P50 (kbbl)', well.oil_eur_kbbl)}${stat('EUR P90–P10 (kbbl)', `${fmt(well.oil_eur_p90_kbbl)} – ${fmt(well.oil_eur_p10_kbbl)}`)}
      ${stat('Remaining oil (kbbl)', well.oil_remaining_kbbl)}
      ${stat('Oil decline', well.oil_model ? `${well.oil_model}, b ${fmt(well.oil_b, 2)}` : '—')}
      ${stat('Producing', `${esc(well.first_production_date)} → ${esc(well.last_production_date)}`)}
    </div>
    <div class="controls" role="group" aria-label="Chart options">
      <label>Stream (decline, trend, averages)
        <select id="stream"><option value="oil">Oil</option><option value="gas">Gas</option><option value="water">Water</option></select>
      </label>
      <label class="inline"><input type="checkbox" id="log-scale"> Log scale</label>
    </div>
    <div class="grid" id="charts"></div>`;
  const container = main.querySelector('#charts');
  const drawAll = async () => {
    disposeCharts();
    const charts = wellCharts(code, state.stream, state.log);
    container.innerHTML = charts.map(c => `
      <section class="card" aria-labelledby="h-${c.name}">
        <h2 id="h-${c.name}">${esc(c.title)}</h2>
        <div class="chart${c.tall ? ' tall' : ''}" data-chart="${c.name}" data-source="${esc(c.source)}" data-x="${c.x}"
          data-log="${state.log}" tabindex="0"></div>
      </section>`).join('');
    await Promise.all(charts.map(c => load(container.querySelector(`[data-chart="${c.name}"]`), c)));
  };
  const streamSelect = /** @type {HTMLSelectElement} */ (main.querySelector('#stream'));
  streamSelect.addEventListener('change', () => { state.stream = /** @type {typeof state.stream} */ (streamSelect.value); drawAll(); });
  const logScale = /** @type {HTMLInputElement} */ (main.querySelector('#log-scale'));
  logScale.addEventListener('change', () => { state.log = logScale.checked; drawAll(); });
  await drawAll();
}

// The current rate is the last reported month's over the days reported in it: say which month and how many days.
function rateLabel(well) {
  return well.current_rate_month ? `Oil rate (kbd), ${well.current_rate_month.slice(0, 7)} over ${well.current_rate_days} d` : 'Oil rate (kbd)';
}

function stat(label, value, digits) {
  const text = typeof value === 'number' || value === null ? fmt(value, digits) : value;
  return `<div class="stat"><b>${esc(text)}</b><span>${esc(label)}</span></div>`;
}
