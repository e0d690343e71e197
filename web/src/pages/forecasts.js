// Forecast accuracy: what `wellhouse decline hindcast` reports, on the published snapshot's own wells
// (GET /api/decline/hindcast, mart_decline_hindcast). The warehouse forecast every well at past as-of dates, with the
// population method (the forecast of mart_decline_forecast) and with the well's own Arps fit, and compared the next
// 6, 12 and 24 months with what the wells produced: median APE by horizon, median bias and P10-P90 coverage (an 80 %
// band should cover about 80 %), per model and age cohort.

import { getJson, esc, fmt } from '../api.js';
import { apiChart, chartElement, colors, load } from '../charts.js';

const models = [
  { id: 'population', name: 'Population', title: 'Population (type curve + own fit)', color: colors.accent },
  { id: 'per-well-arps', name: 'Per-well Arps', title: 'Per-well Arps fit', color: colors.muted },
];

/** "12.3 %" for a fraction; a dash for none. */
function pct(value) {
  return value === null || value === undefined ? '—' : `${fmt(value * 100, 1)} %`;
}

/**
 * @param {HTMLElement} main
 * @param {string} stream oil or gas
 */
export async function renderForecasts(main, stream) {
  const answer = await getJson('/api/decline/hindcast', { query: { stream } });
  const rows = answer.items;
  const source = rows[0]?.data_source ?? null;
  const first = rows[0]?.first_as_of;
  const last = rows[0]?.last_as_of;
  /** @type {Map<string, typeof rows>} */
  const groups = new Map();
  for (const row of rows) {
    const key = `${row.model}|${row.cohort}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const at = (list, horizon) => list.find(r => r.horizon_months === horizon);
  main.innerHTML = `
    <h1>Forecast accuracy</h1>
    <p class="muted">Hindcast of ${esc(stream)} on this snapshot's wells${source ? ` (data source ${esc(source)})` : ''}: every well
      forecast at past as-of dates${first ? ` (${esc(first)} to ${esc(last)}, every 6 months)` : ''} from the months before them,
      then compared with what it produced. An 80 % band (P10-P90) should cover about 80 % of outcomes.
      Stream: ${['oil', 'gas'].map(s => s === stream ? `<b>${s}</b>` : `<a href="#/forecasts?stream=${s}">${s}</a>`).join(' · ')}</p>
    ${rows.length === 0 ? `<p class="muted" id="no-hindcast">No hindcast: the ${esc(stream)} history is too short
      (24 months of history and 24 of outcome are needed before the data's as-of date).</p>` : `
    <div class="grid">
      <section class="card" aria-labelledby="h-ape-horizon">
        <h2 id="h-ape-horizon">Median error by horizon, all wells</h2>
        <div class="chart" data-chart="hindcast-horizon" tabindex="0"></div>
      </section>
      <section class="card" aria-labelledby="h-coverage">
        <h2 id="h-coverage">P10-P90 coverage by age cohort, 24 months</h2>
        <div class="chart" data-chart="hindcast-coverage" tabindex="0"></div>
      </section>
    </div>
    <section class="card" style="margin-top:1rem" aria-labelledby="h-hindcast-table">
      <h2 id="h-hindcast-table">Per model and age cohort (months of history at the as-of date)</h2>
      <table id="hindcast">
        <thead><tr><th>Model</th><th>Cohort</th><th class="num">Forecasts (24 mo)</th>
          <th class="num">Median APE 6 mo</th><th class="num">12 mo</th><th class="num">24 mo</th>
          <th class="num">Median bias 24 mo</th><th class="num">Coverage 6 mo</th><th class="num">12 mo</th><th class="num">24 mo</th></tr></thead>
        <tbody>${[...groups.values()].map(list => `
          <tr data-model="${esc(list[0].model)}" data-cohort="${esc(list[0].cohort)}">
            <td>${esc(models.find(m => m.id === list[0].model)?.title ?? list[0].model)}</td><td>${esc(list[0].cohort)}</td>
            <td class="num">${at(list, 24)?.forecasts ?? '—'}</td>
            ${[6, 12, 24].map(h => `<td class="num">${pct(at(list, h)?.median_ape)}</td>`).join('')}
            <td class="num">${pct(at(list, 24)?.median_bias)}</td>
            ${[6, 12, 24].map(h => `<td class="num">${pct(at(list, h)?.coverage)}</td>`).join('')}</tr>`).join('')}
        </tbody>
      </table>
    </section>`}`;
  if (rows.length === 0) return;

  const query = { stream, data_source: source };
  await Promise.all([
    load(chartElement(main, 'hindcast-horizon'), apiChart({
      path: '/api/decline/hindcast', params: { query: { ...query, cohort: 'all' } }, x: 'horizon_months',
      spec: () => ({
        xType: 'value', xAxis: { name: 'months ahead', nameLocation: 'middle', nameGap: 28, min: 0, max: 24, interval: 6 },
        colors: [...models.map(m => m.color), ...models.map(m => m.color)], yAxes: [{ name: 'fraction', loggable: false }],
        series: [
          ...models.map(m => ({ id: /** @type {const} */ (`median_ape|model=${m.id}`), name: `APE ${m.name}`, type: 'line', showSymbol: true })),
          ...models.map(m => ({ id: /** @type {const} */ (`median_bias|model=${m.id}`), name: `Bias ${m.name}`, type: 'line',
            showSymbol: true, lineStyle: { type: 'dashed' } })),
        ],
      }),
    })),
    load(chartElement(main, 'hindcast-coverage'), apiChart({
      path: '/api/decline/hindcast', params: { query: { ...query, horizon: '24' } }, x: 'cohort',
      spec: cohortRows => ({
        // The cohorts in order of age (the rows come by model; the per-well fit has no cohort of 1-5 months).
        xType: 'category', xAxis: { data: [...new Set(cohortRows.filter(r => r.model === 'population').map(r => r.cohort))] },
        colors: models.map(m => m.color), yAxes: [{ name: 'coverage', loggable: false, max: 1 }],
        series: models.map((m, i) => ({
          id: /** @type {const} */ (`coverage|model=${m.id}`), name: m.name, type: 'bar',
          ...(i === 0 ? { markLine: { symbol: 'none', silent: true, label: { formatter: '80 % target', position: 'insideEndTop' }, data: [{ yAxis: 0.8 }] } } : {}),
        })),
      }),
    })),
  ]);
}
