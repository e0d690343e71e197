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
 * @typedef {{ id: SeriesId<R>, name: string, type: string, yAxis?: number, data?: unknown[], inLegend?: boolean,
 *   [option: string]: unknown }} SeriesSpec
 */
/**
 * A y axis: its name (the unit), whether it may turn logarithmic, its side and offset (a second axis on one side),
 * a fixed maximum (a robust one, see robustMax), and the currency of money axes.
 * @typedef {{ name: string, loggable?: boolean, position?: 'left' | 'right', offset?: number, max?: number,
 *   currency?: string, integer?: boolean }} YAxisSpec
 */
/**
 * What a chart draws from rows of type R.
 * @template R
 * @typedef {{ x: Column<R>, series: SeriesSpec<R>[], yAxes: YAxisSpec[], xType?: string,
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
    const { yAxis, data, inLegend, ...rest } = s;
    const values = data ?? points(rows, spec.x, s.id);
    return {
      showSymbol: false,
      connectNulls: false,
      // Drawing only: thins dense daily lines on screen (largest-triangle-three-buckets); the option keeps every point.
      ...(s.type === 'line' && !s.id.startsWith('_') ? { sampling: 'lttb' } : {}),
      ...(s.type === 'scatter' && values.length > 2000 ? { large: true } : {}),
      ...rest,
      yAxisIndex: yAxis ?? 0,
      inLegend: inLegend ?? !s.id.startsWith('_'),
      data: log && !s.id.startsWith('_') ? forLog(values) : values,
    };
  });
  const legend = series.filter(s => s.inLegend).map(s => s.name);
  series.forEach(s => delete s.inLegend);
  const right = spec.yAxes.filter((axis, i) => (axis.position ?? (i === 0 ? 'left' : 'right')) === 'right');
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    ...(spec.colors ? { color: spec.colors } : {}),
    title: spec.title ? { text: spec.title, left: 0, textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'axis' },
    // The legend has the top row to itself; the axis names (units) sit on the row below, over their axes.
    legend: { top: 0, right: 0, type: 'scroll', data: legend },
    grid: {
      left: 60, right: 20 + Math.max(0, ...right.map(axis => (axis.offset ?? 0) + 45)), top: 62,
      bottom: (spec.xType ?? 'time') === 'time' ? 60 : 30,
    },
    dataZoom: (spec.xType ?? 'time') === 'time' ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
    // Labels a little lower than ECharts' default, so the first one never touches the y axis' "0" in the corner.
    xAxis: { type: spec.xType ?? 'time', ...(spec.xAxis ?? {}), axisLabel: { margin: 12, ...(spec.xAxis?.axisLabel ?? {}) } },
    yAxis: spec.yAxes.map((axis, i) => ({
      type: log && axis.loggable !== false ? 'log' : 'value',
      name: axis.name,
      position: axis.position ?? (i === 0 ? 'left' : 'right'),
      offset: axis.offset ?? 0,
      splitLine: { show: i === 0 },
      scale: log,
      ...(axis.max !== undefined ? { max: axis.max } : {}),
      ...(axis.integer ? { minInterval: 1 } : {}),
      axisLabel: { formatter: axisLabel(axis.currency) },
    })),
    series,
    ...(spec.extra ?? {}),
  }, { notMerge: true });
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', spec.label ?? spec.title ?? element.dataset.chart);
  return chart;
}

/**
 * Axis labels in readable units: 0.25, 950, 1.2K, 80M; money with its currency ($80M, NOK 500M), never raw dollars.
 * @param {string} [currency] ISO 4217 code
 * @returns {(value: number) => string}
 */
export function axisLabel(currency) {
  const compact = new Intl.NumberFormat('en-US', {
    notation: 'compact', maximumFractionDigits: 2,
    ...(currency ? { style: 'currency', currency, currencyDisplay: currency === 'USD' ? 'narrowSymbol' : 'code' } : {}),
  });
  const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
  return value => (currency || Math.abs(value) >= 1000 ? compact.format(value) : plain.format(value));
}

/**
 * True when the spec's data series have no value but null or zero over the rows: nothing to draw (e.g. an injector's
 * oil, or a fit that never ran), so the chart says so instead of showing empty axes.
 * @template R
 * @param {R[]} rows
 * @param {ChartSpec<R>} spec
 */
export function nothingToPlot(rows, spec) {
  return spec.series.filter(s => !s.id.startsWith('_'))
    .every(s => points(rows, spec.x, s.id).every(([, y]) => y === null || y === 0));
}

/** Replaces the chart by a message (no axes), marked data-empty for the tests. */
function showEmpty(element, text) {
  element.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted empty', textContent: text }));
  element.dataset.empty = 'true';
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
    const spec = rows.length === 0 ? null : chart.spec(rows, json);
    if (spec === null || nothingToPlot(rows, spec)) {
      // The columns it would have plotted, so a reader (and the tests) can check that the API has nothing for them.
      if (spec) element.dataset.series = spec.series.filter(s => !s.id.startsWith('_')).map(s => s.id).join(' ');
      showEmpty(element, rows.length === 0 ? 'Nothing to plot: the API has no rows for this chart.'
        : `Nothing to plot: every value is zero or missing in the ${rows.length} rows.`);
      return { json, rows };
    }
    draw(element, rows, spec);
    return { json, rows };
  } catch (error) {
    element.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: error.message }));
    element.dataset.error = error.message;
    return { json: null, rows: [] };
  } finally {
    element.dataset.ready = 'true';
  }
}
