// The data page: snapshot freshness (GET /api/snapshots), the latest refresh runs (GET /api/runs) with one run's
// per-model timings and test results (GET /api/runs/{id}), and the lineage graph (GET /dashboard/lineage.json).

import { age, esc, fmt, getJson } from '../api.js';
import { apiChart, chartElement, colors, load } from '../charts.js';
import { drawLineage } from './lineage.js';

/** "2026-11-25 19:30 UTC" for an ISO timestamp. */
function utc(iso) {
  return iso ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}

export async function renderData(main) {
  const [snapshots, runs] = await Promise.all([getJson('/api/snapshots'), getJson('/api/runs', { query: { limit: 10 } })]);
  const published = snapshots.items.find(s => s.published);
  const latest = runs.items.find(r => r.nodes?.length) ?? runs.items[0];
  main.innerHTML = `
    <h1>Data</h1>
    <div class="stats" id="freshness">
      <div class="stat"><b>${published ? esc(age(published.built_at)) : 'none'}</b><span>Published snapshot age</span></div>
      <div class="stat"><b>${esc(published?.id ?? '—')}</b><span>Snapshot</span></div>
      <div class="stat"><b>${esc(utc(published?.built_at))}</b><span>Built at</span></div>
      <div class="stat"><b>${published ? `${published.tests_passed} / ${published.tests_warned}` : '—'}</b><span>Tests passed / warned</span></div>
      <div class="stat"><b>${published?.raw_batches ?? '—'}</b><span>Raw batches</span></div>
    </div>
    <div class="grid">
      <section class="card" aria-labelledby="h-snapshots">
        <h2 id="h-snapshots">Snapshots</h2>
        <table><thead><tr><th>Id</th><th>Built</th><th class="num">Size (MB)</th><th>Published</th></tr></thead>
          <tbody>${snapshots.items.map(s => `<tr><td>${esc(s.id)}</td><td title="${esc(s.built_at)}">${esc(age(s.built_at))}</td>
            <td class="num">${fmt(s.size_bytes / 1048576, 1)}</td><td>${s.published ? '✔ served' : ''}</td></tr>`).join('')}</tbody></table>
      </section>
      <section class="card" aria-labelledby="h-runs">
        <h2 id="h-runs">Latest runs</h2>
        <table id="runs"><thead><tr><th>Run (started)</th><th>Trigger</th><th>Status</th><th class="num">Seconds</th><th>Published</th></tr></thead>
          <tbody>${runs.items.map(r => `<tr data-run="${esc(r.id)}">
            <td><button type="button" data-show-run="${esc(r.id)}" aria-pressed="${r === latest}" title="Run ${esc(r.id)}, started ${esc(r.started_at)}"
              aria-label="Run ${esc(r.id)}">${esc(utc(r.started_at))}</button><br><span class="muted">${esc(age(r.started_at))}</span></td>
            <td>${esc(r.trigger)}</td><td><span class="badge ${esc(r.status)}">${esc(r.status)}</span></td>
            <td class="num">${fmt(r.duration_seconds, 1)}</td>
            <td>${r.published ? '✔' : ''}</td></tr>`).join('') || '<tr><td colspan="5" class="muted">No runs yet.</td></tr>'}</tbody></table>
      </section>
    </div>
    <div class="grid" style="margin-top:1rem">
      <section class="card" aria-labelledby="h-timings">
        <h2 id="h-timings">Model timings <span class="muted" id="timings-run"></span></h2>
        <div class="chart tall" data-chart="run-timings" tabindex="0"></div>
      </section>
      <section class="card" aria-labelledby="h-tests">
        <h2 id="h-tests">Test results</h2>
        <div id="tests" class="scroll"></div>
      </section>
    </div>
    <section class="card" style="margin-top:1rem" aria-labelledby="h-lineage">
      <h2 id="h-lineage">Lineage</h2>
      <div class="chart" style="height:560px" data-chart="lineage" data-source="/dashboard/lineage.json" tabindex="0"></div>
    </section>`;

  const showRun = async id => {
    main.querySelectorAll('[data-show-run]').forEach((/** @type {HTMLElement} */ b) => b.setAttribute('aria-pressed', String(b.dataset.showRun === id)));
    main.querySelector('#timings-run').textContent = `(${id})`;
    const { rows } = await load(chartElement(main, 'run-timings'), apiChart({
      path: '/api/runs/{id}', params: { path: { id } }, items: 'nodes', x: 'unique_id',
      spec: () => ({
        xType: 'category', colors: [colors.accent, '#e08a00'],
        // Steep enough that neighbouring names never touch (about 20 px per model at 1,400 px); any that still would are hidden.
        xAxis: { axisLabel: { rotate: 60, fontSize: 11, hideOverlap: true, formatter: v => v.split('.').pop() } },
        yAxes: [{ name: 'seconds' }],
        series: [
          { id: 'execution_time_seconds|resource_type=model', name: 'Models', type: 'bar', stack: 't' },
          { id: 'execution_time_seconds|resource_type=seed', name: 'Seeds', type: 'bar', stack: 't' },
        ],
        extra: { grid: { left: 60, right: 20, top: 62, bottom: 150 } },
      }),
    }));
    const tests = rows.filter(n => n.resource_type === 'test');
    const counts = Object.entries(Object.groupBy(tests, t => t.status)).map(([s, list]) => `<span class="badge ${esc(s)}">${list.length} ${esc(s)}</span>`).join(' ');
    main.querySelector('#tests').innerHTML = tests.length === 0 ? '<p class="muted">No test results in this run.</p>' : `
      <p>${counts}</p>
      <table><thead><tr><th>Status</th><th>Test</th><th class="num">Failures</th><th class="num">Seconds</th></tr></thead>
        <tbody>${tests.map(t => `<tr data-test="${esc(t.unique_id)}"><td><span class="badge ${esc(t.status)}">${esc(t.status)}</span></td>
          <td class="wrap" title="${esc(t.message ?? t.unique_id)}">${esc(t.unique_id.replace(/^test\.[^.]+\./, '').replace(/\.[0-9a-f]{10}$/, ''))}</td><td class="num">${fmt(t.failures)}</td>
          <td class="num">${fmt(t.execution_time_seconds, 3)}</td></tr>`).join('')}</tbody></table>`;
  };
  main.querySelectorAll('[data-show-run]').forEach((/** @type {HTMLElement} */ b) => b.addEventListener('click', () => showRun(b.dataset.showRun)));
  const timings = latest ? showRun(latest.id) : Promise.resolve();
  if (!latest) {
    const element = chartElement(main, 'run-timings');
    element.innerHTML = '<p class="muted">No runs yet.</p>';
    element.dataset.ready = 'true';
    main.querySelector('#tests').innerHTML = '<p class="muted">No runs yet.</p>';
  }
  await Promise.all([timings, drawLineage(chartElement(main, 'lineage'))]);
}

