// Charts with Apache ECharts (window.echarts). Every chart element says where its numbers come from:
//   data-chart="name"  data-source="/api/..."  data-x="column"  [data-items="key"]
// and every series' id names the API column it plots, optionally with a row filter: "oil_rate_kbd",
// "actual_rate|is_outlier=true", "oil_rate_avg_kbd|window=30d". Series whose id starts with "_" are drawing aids
// (e.g. the P10-P90 band). The browser tests read the options back with echarts.getInstanceByDom and compare them
// with the API's JSON by these rules.

import { getJson, rowsOf } from './api.js';

export const colors = { oil: '#2f7d32', gas: '#c0392b', water: '#1f6fb2', accent: '#0b63b6', muted: '#8a94a3' };

const live = new Set();
window.addEventListener('resize', () => live.forEach(chart => chart.resize()));

/** Disposes the charts of the page being left. */
export function disposeCharts() {
  live.forEach(chart => chart.dispose());
  live.clear();
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
 * spec: { title, x, xType ('time'|'category'), yAxes: [{ name }], series: [{ id, name, type, yAxis, ... }], log, extra }
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

/** Loads a chart's rows from its data-source and draws it; shows the error in place of the chart. */
export async function load(element, spec) {
  try {
    const json = await getJson(element.dataset.source);
    const rows = rowsOf(json, element.dataset.items);
    if (rows.length === 0) {
      element.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'No data.' }));
      element.dataset.empty = 'true';
      return { json, rows };
    }
    draw(element, rows, typeof spec === 'function' ? spec(rows, json) : spec);
    return { json, rows };
  } catch (error) {
    element.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: error.message }));
    element.dataset.error = error.message;
    return { json: null, rows: [] };
  } finally {
    element.dataset.ready = 'true';
  }
}
