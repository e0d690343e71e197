// The well page's charts: what each one plots, from which endpoint. Column names are the API's (docs/marts.md).

import { fmt } from '../api.js';
import { apiChart, colors } from '../charts.js';

/** @typedef {'oil' | 'gas' | 'water'} Stream */
/** @typedef {import('../charts.js').Column<import('../api.js').Row<'/api/wells/{wellCode}/moving-averages'>>} AverageColumn */

const streamUnits = { oil: 'kbd', gas: 'MMcfd', water: 'kbd' };
/** @type {Record<Stream, AverageColumn>} */
const streamColumn = { oil: 'oil_rate_avg_kbd', gas: 'gas_rate_avg_mmcfd', water: 'water_rate_avg_kbd' };

/**
 * The charts of well `code` for the chosen stream: a name, a title, and the API read and spec (apiChart).
 * @param {number} code
 * @param {Stream} stream
 * @param {boolean} log
 * @param {Set<string>} outliers the periods the trendline flags as outliers for this stream (is_outlier)
 * @returns {({ name: string, title: string, tall?: boolean } & import('../charts.js').ApiChart)[]}
 */
export function wellCharts(code, stream, log, outliers) {
  const well = { path: { wellCode: code } };
  const unit = streamUnits[stream];
  return [
    {
      name: 'production', title: 'Production history (calendar-day rates)', tall: true,
      ...apiChart({
        path: '/api/wells/{wellCode}/production', params: { ...well, query: { granularity: 'monthly' } }, x: 'month',
        spec: () => ({
          log, colors: [colors.oil, colors.water, colors.gas],
          yAxes: [{ name: 'kbd' }, { name: 'MMcfd' }],
          series: [
            { id: 'oil_rate_kbd', name: 'Oil (kbd)', type: 'line' },
            { id: 'water_rate_kbd', name: 'Water (kbd)', type: 'line' },
            { id: 'gas_rate_mmcfd', name: 'Gas (MMcfd)', type: 'line', yAxis: 1 },
          ],
        }),
      }),
    },
    {
      name: 'decline', title: `Decline fit and forecast, ${stream} (P10–P90 band)`, tall: true,
      ...apiChart({
        path: '/api/wells/{wellCode}/decline', params: { ...well, query: { stream } }, x: 'production_period',
        spec: rows => {
          const band = rows.map(r => [r.production_period, r.rate_p90 ?? null]);
          const width = rows.map(r => [r.production_period,
            r.rate_p10 === null || r.rate_p90 === null ? null : r.rate_p10 - r.rate_p90]);
          const firstForecast = rows.find(r => r.is_forecast)?.production_period;
          const fit = rows.find(r => r.model);
          const flagged = rows.filter(r => outliers.has(r.production_period) && r.actual_rate !== null);
          const axis = robustAxis([...rows.filter(r => !outliers.has(r.production_period)).map(r => r.actual_rate),
            ...rows.flatMap(r => [r.fitted_rate, r.rate_p10])], flagged.map(r => r.actual_rate));
          return {
            log, label: fit ? `${fit.model} fit, qi ${fit.qi} ${unit}, b ${fit.b}` : 'decline',
            colors: [colors.muted, colors.accent, '#7aa6d6', '#7aa6d6', colors.accent, colors.accent, colors.gas],
            yAxes: [{ name: unit, max: axis.max }],
            series: [
              { id: 'actual_rate', name: `Actual (${unit})`, type: 'scatter', symbolSize: 4, showSymbol: true },
              { id: 'fitted_rate', name: 'Fitted P50', type: 'line', lineStyle: { width: 2 },
                markLine: firstForecast ? { symbol: 'none', silent: true, label: { formatter: 'forecast' },
                  lineStyle: { type: 'dashed', color: colors.muted }, data: [{ xAxis: firstForecast }] } : undefined },
              { id: 'rate_p10', name: 'P10', type: 'line', lineStyle: { type: 'dashed', width: 1 } },
              { id: 'rate_p90', name: 'P90', type: 'line', lineStyle: { type: 'dashed', width: 1 } },
              { id: '_band_base', name: '_band_base', type: 'line', stack: 'band', data: band, lineStyle: { opacity: 0 }, silent: true },
              { id: '_band', name: 'P10–P90', type: 'line', stack: 'band', data: width, lineStyle: { opacity: 0 },
                areaStyle: { color: 'rgba(11, 99, 182, 0.15)' }, silent: true },
              outlierSeries('_outliers', flagged.map(r => [r.production_period, r.actual_rate]), axis.max, unit),
            ],
          };
        },
      }),
    },
    {
      name: 'forecast', title: `Forecast, ${stream}: P50 monthly volume and cumulative`,
      ...apiChart({
        path: '/api/wells/{wellCode}/forecast', params: { ...well, query: { stream } }, x: 'month',
        spec: () => {
          const volume = stream === 'gas' ? 'MMcf' : 'kbbl';
          return {
            colors: [colors.accent, '#e08a00'],
            yAxes: [{ name: volume, loggable: false }, { name: `cum ${volume}`, loggable: false }],
            series: [
              { id: 'volume_p50', name: `P50 volume (${volume})`, type: 'bar' },
              { id: 'cum_p50', name: `P50 cumulative (${volume})`, type: 'line', yAxis: 1 },
            ],
          };
        },
      }),
    },
    {
      name: 'trendline', title: `Trendline and outliers, ${stream}`,
      ...apiChart({
        path: '/api/wells/{wellCode}/trendline', params: { ...well, query: { stream } }, x: 'production_period',
        spec: rows => {
          const flagged = rows.filter(r => r.is_outlier && r.actual_rate !== null);
          const axis = robustAxis([...rows.filter(r => !r.is_outlier).map(r => r.actual_rate), ...rows.map(r => r.trend_rate)],
            flagged.map(r => r.actual_rate));
          return {
            log, colors: [colors.muted, colors.accent, colors.gas, colors.gas],
            yAxes: [{ name: unit, max: axis.max }],
            series: [
              { id: 'actual_rate', name: `Actual (${unit})`, type: 'scatter', symbolSize: 4, showSymbol: true },
              { id: 'trend_rate', name: 'Trend', type: 'line', lineStyle: { width: 2 } },
              { id: 'actual_rate|is_outlier=true', name: 'Outliers', type: 'scatter', symbol: 'diamond', symbolSize: 10, showSymbol: true },
              outlierSeries('_outliers_off_scale', flagged.filter(r => axis.max !== undefined && r.actual_rate > axis.max)
                .map(r => [r.production_period, r.actual_rate]), axis.max, unit, 'Outliers off scale'),
            ],
          };
        },
      }),
    },
    {
      name: 'moving-averages', title: `Moving averages, ${stream}`,
      ...apiChart({
        path: '/api/wells/{wellCode}/moving-averages', params: well, x: 'production_period',
        spec: rows => ({
          log, yAxes: [{ name: unit }],
          series: [...new Set(rows.map(r => r.window))].map(window => ({
            id: /** @type {`${AverageColumn}|${string}`} */ (`${streamColumn[stream]}|window=${window}`), name: `${window} average`, type: 'line',
          })),
        }),
      }),
    },
    {
      name: 'cumulative', title: 'Cumulative production',
      ...apiChart({
        path: '/api/wells/{wellCode}/cumulative', params: well, x: 'production_period',
        spec: () => ({
          colors: [colors.oil, colors.water, colors.gas],
          yAxes: [{ name: 'kbbl' }, { name: 'MMcf' }],
          series: [
            { id: 'cum_oil_kbbl', name: 'Oil (kbbl)', type: 'line' },
            { id: 'cum_water_kbbl', name: 'Water (kbbl)', type: 'line' },
            { id: 'cum_gas_mmcf', name: 'Gas (MMcf)', type: 'line', yAxis: 1 },
          ],
        }),
      }),
    },
    { name: 'monthly', title: 'Monthly volumes', ...volumeBars(code, 'monthly', 'month', 'time') },
    { name: 'yearly', title: 'Yearly volumes', ...volumeBars(code, 'yearly', 'year', 'value') },
    {
      name: 'revenue', title: 'Revenue',
      ...apiChart({
        path: '/api/wells/{wellCode}/revenue', params: well, x: 'month',
        spec: rows => {
          const currency = rows.find(r => r.currency)?.currency ?? 'local';
          return {
            // Per stream: a stream without a price (a region with no benchmark for it, or a month before its series)
            // leaves a gap in its own bars and in the totals, not in the other stream's revenue.
            colors: [colors.oil, colors.gas, '#e08a00'],
            yAxes: [{ name: 'USD', loggable: false, currency: 'USD' },
              { name: currency, loggable: false, currency: /^[A-Z]{3}$/.test(currency) ? currency : undefined }],
            series: [
              { id: 'oil_revenue_usd', name: 'Oil revenue (USD)', type: 'bar' },
              { id: 'gas_revenue_usd', name: 'Gas revenue (USD)', type: 'bar' },
              { id: 'revenue_local', name: `Total revenue (${currency})`, type: 'line', yAxis: 1 },
            ],
          };
        },
      }),
    },
  ];
}

/**
 * Monthly or yearly volumes of a well as bars.
 * @param {number} code
 * @param {'monthly' | 'yearly'} granularity
 * @param {'month' | 'year'} x
 * @param {'time' | 'value'} xType
 */
function volumeBars(code, granularity, x, xType) {
  return apiChart({
    path: '/api/wells/{wellCode}/production', params: { path: { wellCode: code }, query: { granularity } }, x,
    spec: () => ({
      xType, xAxis: xType === 'value' ? { minInterval: 1, scale: true, axisLabel: { formatter: String } } : undefined,
      colors: [colors.oil, colors.water, colors.gas],
      yAxes: [{ name: 'kbbl' }, { name: 'MMcf' }],
      series: [
        { id: 'oil_volume_kbbl', name: 'Oil (kbbl)', type: 'bar' },
        { id: 'water_volume_kbbl', name: 'Water (kbbl)', type: 'bar' },
        { id: 'gas_volume_mmcf', name: 'Gas (MMcf)', type: 'bar', yAxis: 1 },
      ],
    }),
  });
}

/**
 * The y axis of a rate chart with outliers: when a flagged point lies beyond every other value (actual rates that are
 * not outliers, the whole fit or trend and the P10), the axis stops at a round number above those values, so one spike neither sets
 * the scale nor flattens the curves; the spike is drawn at the top edge with its value (see outlierSeries).
 * @param {(number | null | undefined)[]} kept values that set the scale
 * @param {number[]} flagged the outliers' values
 * @returns {{ max: number | undefined }}
 */
export function robustAxis(kept, flagged) {
  const top = Math.max(0, ...kept.filter(v => v !== null && v !== undefined && Number.isFinite(v)));
  if (top <= 0 || !flagged.some(v => v > top * 1.1)) return { max: undefined };
  const power = 10 ** Math.floor(Math.log10(top * 1.1));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find(m => m * power >= top * 1.1);
  return { max: step * power };
}

/**
 * The outliers as red diamonds; those beyond the axis maximum are drawn at the top edge, labelled with their value.
 * @param {`_${string}`} id
 * @param {[string, number][]} points
 * @param {number | undefined} max
 * @param {string} unit
 * @param {string} [name]
 */
function outlierSeries(id, points, max, unit, name = 'Outliers') {
  return {
    id, name, inLegend: id === '_outliers', type: 'scatter', symbol: 'diamond', symbolSize: 10, showSymbol: true, z: 5, clip: false,
    data: points.map(([x, y]) => (max !== undefined && y > max
      ? { value: [x, max], symbol: 'triangle', label: { show: true, position: 'bottom', formatter: `${fmt(y)} ${unit} ↑` } }
      : { value: [x, y] })),
  };
}
