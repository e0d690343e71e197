// One well: summary cards and the charts of pages/well-charts.js, with the stream and log-scale controls.

import { getJson, esc, fmt } from '../api.js';
import { disposeCharts, load } from '../charts.js';
import { wellCharts } from './well-charts.js';

export async function renderWell(main, code) {
  main.innerHTML = '<p class="muted">Loading…</p>';
  const well = await getJson('/api/wells/{wellCode}', { path: { wellCode: code } });
  const produced = Boolean(well.first_production_date);
  /** @type {{ stream: import('./well-charts.js').Stream, log: boolean }} */
  const state = { stream: 'oil', log: false };
  main.innerHTML = `
    <p><a href="#/wells">← Wells</a></p>
    <h1>${esc(well.well_name)} <span class="muted">· ${esc(well.well_reference)} ·
      <a href="#/fields/${well.field_code}">${esc(well.field_name)}</a></span></h1>
    <div class="stats">
      ${stat('Cum oil (kbbl)', well.cum_oil_kbbl)}${stat('Cum gas (MMcf)', well.cum_gas_mmcf)}
      ${stat('Cum water (kbbl)', well.cum_water_kbbl)}${rateCard(well)}
      ${stat('Oil EUR P50 (kbbl)', well.oil_eur_kbbl)}${stat('EUR P90–P10 (kbbl)', `${fmt(well.oil_eur_p90_kbbl)} – ${fmt(well.oil_eur_p10_kbbl)}`)}
      ${stat('Remaining oil (kbbl)', well.oil_remaining_kbbl)}${stat('Oil forecast', forecastMethod(well.oil_forecast_method))}
      ${stat('Oil decline', well.oil_model ? `${well.oil_model}, b ${fmt(well.oil_b, 2)}` : '—')}
      ${stat('Producing', produced ? `${well.first_production_date} → ${well.last_production_date}` : 'never (no oil or gas)')}
    </div>
    ${produced ? '' : `<p class="muted" id="no-production">This well reports no oil or gas volume (an injector, or a
      well not yet on production): its production, decline and revenue charts have nothing to plot.</p>`}
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
    // The trendline's outlier flags also mark the decline chart's points (and keep a spike from setting its axis).
    // (Without them, if the trendline cannot be read, the decline chart is drawn unmarked; the trendline chart shows the error.)
    const trend = await getJson('/api/wells/{wellCode}/trendline', { path: { wellCode: code }, query: { stream: state.stream } })
      .catch(() => ({ items: [] }));
    const outliers = new Set(trend.items.filter(r => r.is_outlier).map(r => r.production_period));
    const charts = wellCharts(code, state.stream, state.log, outliers);
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

/**
 * Which forecast the EUR, remaining reserves and the decline chart's forecast come from (mart_well_summary's
 * oil_forecast_method).
 * @param {string | null | undefined} method
 */
function forecastMethod(method) {
  return { population: 'population (type curves)', per_well_fit: 'own decline fit', none: 'none (abandoned)' }[method ?? ''] ?? '—';
}

function stat(label, value, digits) {
  const text = typeof value === 'number' || value === null ? fmt(value, digits) : value;
  return `<div class="stat"><b>${esc(text)}</b><span>${esc(label)}</span></div>`;
}

/**
 * The oil rate card: the mart's current rate (mart_well_summary: the last reported month's volume over the days the
 * data cover in it, so a partial last month is never averaged over days without data), with that month, the days it
 * covers when fewer than the month's, the well's status when it is not producing, and the data's as-of date.
 * @param {import('../api.js').Answer<'/api/wells/{wellCode}'>} well
 */
function rateCard(well) {
  const month = well.current_oil_rate_kbd === null || well.current_oil_rate_kbd === undefined ? null : well.current_rate_month;
  const days = month ? daysInMonth(month) : 0;
  const note = [
    month && well.current_rate_days < days ? `${well.current_rate_days} of ${days} days reported` : null,
    well.well_status && well.well_status !== 'producing' ? well.well_status.replace('_', ' ') : null,
    well.data_as_of_date ? `data as of ${well.data_as_of_date}` : null,
  ].filter(Boolean).join('; ');
  const title = month ? `Calendar-day average oil rate of ${monthName(month)} over the days the data cover${note ? ` (${note})` : ''}`
    : 'No current rate';
  return `<div class="stat" id="oil-rate" title="${esc(title)}" data-month="${esc(month ?? '')}">
    <b>${esc(fmt(month ? well.current_oil_rate_kbd : null, 3))}</b><span>${esc(month ? `Oil rate (kbd), ${monthName(month)}` : 'Oil rate (kbd)')}</span>
    ${note ? `<span class="note">${esc(note)}</span>` : ''}</div>`;
}

/** Calendar days of the month of an ISO date. */
function daysInMonth(iso) {
  const date = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1, 0);
  return date.getUTCDate();
}

/** "Aug 2016" for an ISO date. */
function monthName(iso) {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
