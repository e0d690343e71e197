// Charts with Apache ECharts (window.echarts). Every chart element says where its numbers come from:
//   data-chart="name"  data-source="/api/..."  data-x="column"  [data-items="key"]
// and every series' id names the API column it plots, optionally with a row filter: "oil_rate_kbd",
// "actual_rate|is_outlier=true", "oil_rate_avg_kbd|window=30d". Series whose id starts with "_" are drawing aids
// (e.g. the P10-P90 band). The browser tests read the options back with echarts.getInstanceByDom and compare them
// with the API's JSON by these rules.

import { apiUrl, fetchJson, rowsOf } from './api.js';

/**
 * A column of rows of type R (of any of its shapes when R is a union).
 * @template R
 * @typedef {R extends unknown ? keyof R & string : never} Column
 */
/**
 * A series id: a column, a column with a row filter ("actual_rate|is_outlier=true"), or a drawing aid ("_band").
 * @template R
 * @typedef {Column<R> | `${Column<R>}|${string}` | `_${string}`} SeriesId
 */
/**
 * @template R
 * @typedef {{ id: SeriesId<R>, name: string, type: string, yAxis?: number, data?: unknown[], [option: string]: unknown }} SeriesSpec
 */
/**
 * What a chart draws from rows of type R.
 * @template R
 * @typedef {{ x: Column<R>, series: SeriesSpec<R>[], yAxes: { name: string, loggable?: boolean }[], xType?: string,
 *   xAxis?: object, log?: boolean, colors?: string[], title?: string, label?: string, extra?: object }} ChartSpec
 */
/**
 * A chart of one API read: the URL its element names in data-source, its x column and items key, and its spec; the
 * path, parameters, columns and series ids are checked against the API document.
 * @typedef {{ source: string, x: string, items: string, spec: (rows: any[], json: any) => ChartSpec<any> }} ApiChart
 */

export const colors = { oil: '#2f7d32', gas: '#c0392b', water: '#1f6fb2', accent: '#0b63b6', muted: '#8a94a3' };

const live = new Set();
window.addEventListener('resize', () => live.forEach(chart => chart.resize()));

/**
 * The chart element named `name` (data-chart) under `root`.
 * @param {ParentNode} root
 * @param {string} name
 * @returns {HTMLElement}
 */
export function chartElement(root, name) {
  return root.querySelector(`[data-chart="${name}"]`);
}

/** Disposes the charts of the page being left. */
export function disposeCharts() {
  live.forEach(chart => chart.dispose());
  live.clear();
}

/**
 * Binds a chart to a GET of the API, typed by the document: `items` names the answer's list (default `items`).
 * @template {import('./api.js').ApiRead} P
 * @template {string} [K='items']
 * @param {{ path: P, params?: import('./api.js').Params<P>, x: Column<import('./api.js').Row<P, K>>, items?: K,
 *   spec: (rows: import('./api.js').Row<P, K>[], json: import('./api.js').Answer<P>) => Omit<ChartSpec<import('./api.js').Row<P, K>>, 'x'> }} chart
 * @returns {ApiChart}
 */
export function apiChart({ path, params, x, items, spec }) {
  return { source: apiUrl(path, params), x, items: items ?? 'items', spec: (rows, json) => ({ x, ...spec(rows, json) }) };
}

/** The [x, y] points of one series spec over the rows (nulls kept, so gaps show as gaps). */
export function points(rows, x, id) {
  const [column, filter] = id.split('|');
  let selected = rows;
  if (filter) {
    const [field, value] = filter.split('=');
    selected = rows.filter(row => String(row[field]) === value);
  }
  return selected.map(row => [row[x], row[column] ?? null]);
}

/** For a log axis: values that are not positive cannot be drawn and become gaps. */
function forLog(data) {
  return data.map(([x, y]) => [x, y !== null && y > 0 ? y : null]);
}

/**
 * Creates (or updates) the chart in `element` from API rows.
 * @template R
 * @param {HTMLElement} element
 * @param {R[]} rows
 * @param {ChartSpec<R>} spec
 */
export function draw(element, rows, spec) {
  const chart = window.echarts.getInstanceByDom(element) ?? window.echarts.init(element, null, { renderer: 'canvas' });
  live.add(chart);
  const log = Boolean(spec.log);
  const series = spec.series.map(s => {
    const { yAxis, data, ...rest } = s;
    const values = data ?? points(rows, spec.x, s.id);
    return {
      showSymbol: false,
      connectNulls: false,
      // Drawing only: thins dense daily lines on screen (largest-triangle-three-buckets); the option keeps every point.
      ...(s.type === 'line' && !s.id.startsWith('_') ? { sampling: 'lttb' } : {}),
      ...(s.type === 'scatter' && values.length > 2000 ? { large: true } : {}),
      ...rest,
      yAxisIndex: yAxis ?? 0,
      data: log && !s.id.startsWith('_') ? forLog(values) : values,
    };
  });
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    ...(spec.colors ? { color: spec.colors } : {}),
    title: spec.title ? { text: spec.title, left: 0, textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, type: 'scroll', data: series.filter(s => !s.id.startsWith('_')).map(s => s.name) },
    grid: { left: 60, right: spec.yAxes.length > 1 ? 60 : 20, top: 40, bottom: (spec.xType ?? 'time') === 'time' ? 60 : 30 },
    dataZoom: (spec.xType ?? 'time') === 'time' ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
    xAxis: { type: spec.xType ?? 'time', ...(spec.xAxis ?? {}) },
    yAxis: spec.yAxes.map((axis, i) => ({
      type: log && axis.loggable !== false ? 'log' : 'value',
      name: axis.name,
      position: i === 0 ? 'left' : 'right',
      splitLine: { show: i === 0 },
      scale: log,
    })),
    series,
    ...(spec.extra ?? {}),
  }, { notMerge: true });
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', spec.label ?? spec.title ?? element.dataset.chart);
  return chart;
}

/**
 * Loads a chart's rows from its data-source and draws them with the chart's spec; shows the error in place of the
 * chart.
 * @param {HTMLElement} element
 * @param {ApiChart} chart
 */
export async function load(element, chart) {
  element.dataset.source = chart.source;
  element.dataset.x = chart.x;
  if (chart.items !== 'items') element.dataset.items = chart.items;
  try {
    const json = await fetchJson(chart.source);
    const rows = rowsOf(json, chart.items);
    if (rows.length === 0) {
      element.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'No data.' }));
      element.dataset.empty = 'true';
      return { json, rows };
    }
    draw(element, rows, chart.spec(rows, json));
    return { json, rows };
  } catch (error) {
    element.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: error.message }));
    element.dataset.error = error.message;
    return { json: null, rows: [] };
  } finally {
    element.dataset.ready = 'true';
  }
}
