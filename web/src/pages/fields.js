// Field overview: every field with its wells and cumulatives, and one field's monthly rates and yearly volumes.

import { getJson, esc, fmt } from '../api.js';
import { apiChart, chartElement, colors, draw, load } from '../charts.js';

export async function renderFields(main, code) {
  const fields = await getJson('/api/fields');
  const selected = fields.items.find(f => f.field_code === code) ?? fields.items[0];
  main.innerHTML = `
    <h1>Fields</h1>
    <div class="grid">
      <section class="card" aria-labelledby="h-field-list">
        <h2 id="h-field-list">All fields</h2>
        <table>
          <thead><tr><th>Field</th><th class="num">Wells</th><th class="num">Cum oil (kbbl)</th>
            <th class="num">Cum gas (MMcf)</th><th class="num">Cum water (kbbl)</th><th>Producing</th></tr></thead>
          <tbody>${fields.items.map(f => `
            <tr data-field="${f.field_code}"><td><a href="#/fields/${f.field_code}"
              ${f === selected ? 'aria-current="true"' : ''}>${esc(f.field_name)}</a></td>
              <td class="num"><a href="#/wells?field=${f.field_code}">${f.well_count}</a></td>
              <td class="num">${fmt(f.cum_oil_kbbl)}</td><td class="num">${fmt(f.cum_gas_mmcf)}</td>
              <td class="num">${fmt(f.cum_water_kbbl)}</td>
              <td>${esc(f.first_production_date)} →<br>${esc(f.last_production_date)}</td></tr>`).join('')}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="h-field-cum">
        <h2 id="h-field-cum">Cumulative oil by field</h2>
        <div class="chart" data-chart="field-cumulative" data-source="/api/fields" data-x="field_name" tabindex="0"></div>
      </section>
    </div>
    ${selected ? `<h1 style="margin-top:1rem">${esc(selected.field_name)}</h1>
    <div class="grid">
      <section class="card" aria-labelledby="h-field-rates">
        <h2 id="h-field-rates">Monthly rates and producing wells (oil or gas above zero)</h2>
        <div class="chart tall" data-chart="field-production" tabindex="0"></div>
      </section>
      <section class="card" aria-labelledby="h-field-yearly">
        <h2 id="h-field-yearly">Yearly volumes</h2>
        <div class="chart tall" data-chart="field-yearly" tabindex="0"></div>
      </section>
    </div>` : '<p class="muted">No fields in the published snapshot.</p>'}`;

  const cumulative = chartElement(main, 'field-cumulative');
  draw(cumulative, fields.items, {
    x: 'field_name', xType: 'category', colors: [colors.oil], yAxes: [{ name: 'kbbl' }],
    series: [{ id: 'cum_oil_kbbl', name: 'Cum oil (kbbl)', type: 'bar' }],
  });
  cumulative.dataset.ready = 'true';
  if (!selected) return;
  const field = { path: { fieldCode: selected.field_code } };
  await Promise.all([
    load(chartElement(main, 'field-production'), apiChart({
      path: '/api/fields/{fieldCode}/production', params: { ...field, query: { granularity: 'monthly' } }, x: 'month',
      spec: () => ({
        colors: [colors.oil, colors.water, colors.gas, colors.muted],
        yAxes: [{ name: 'kbd' }, { name: 'MMcfd' }, { name: 'wells', position: 'right', offset: 58, integer: true, loggable: false }],
        series: [
          { id: 'oil_rate_kbd', name: 'Oil (kbd)', type: 'line' },
          { id: 'water_rate_kbd', name: 'Water (kbd)', type: 'line' },
          { id: 'gas_rate_mmcfd', name: 'Gas (MMcfd)', type: 'line', yAxis: 1 },
          { id: 'well_count', name: 'Producing wells', type: 'line', step: 'end', yAxis: 2, lineStyle: { type: 'dotted' } },
        ],
      }),
    })),
    load(chartElement(main, 'field-yearly'), apiChart({
      path: '/api/fields/{fieldCode}/production', params: { ...field, query: { granularity: 'yearly' } }, x: 'year',
      spec: () => ({
        xType: 'value', xAxis: { minInterval: 1, scale: true, axisLabel: { formatter: String } },
        colors: [colors.oil, colors.water, colors.gas], yAxes: [{ name: 'kbbl' }, { name: 'MMcf' }],
        series: [
          { id: 'oil_volume_kbbl', name: 'Oil (kbbl)', type: 'bar' },
          { id: 'water_volume_kbbl', name: 'Water (kbbl)', type: 'bar' },
          { id: 'gas_volume_mmcf', name: 'Gas (MMcf)', type: 'bar', yAxis: 1 },
        ],
      }),
    })),
  ]);
}
